package io.weights2eq.domain.decoding;

import io.weights2eq.domain.equation.Violation;
import io.weights2eq.domain.equation.Vocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sizes of the learned decoder (seed 000's design, pre-LayerNorm): the feature vector of a network
 * ({@link DecoderFeatures}) goes through an MLP {@code features → mlpHidden → memoryTokens·dModel} (ReLU between),
 * reshaped into {@code memoryTokens} memory vectors; a transformer decoder of {@code layers} blocks (causal
 * self-attention, cross-attention to the memory, ReLU feed-forward of width {@code ffn}, each sub-layer pre-normed
 * and residual) reads token embeddings plus learned position embeddings and emits logits over the
 * {@link Vocabulary#SIZE} tokens. {@code maxTokens} bounds the decoded length including {@code <bos>}.
 *
 * <p>{@link #parameterShapes()} is the one place that names every tensor and its shape; the DJL trainer and the
 * pure-Java inference both follow it.
 */
public record TransformerConfig(
        int probes, int mlpHidden, int memoryTokens, int dModel, int heads, int layers, int ffn, int maxTokens) {

    public static TransformerConfig defaults() {
        return new TransformerConfig(DecoderFeatures.DEFAULT_PROBES, 512, 4, 128, 4, 2, 512, 24);
    }

    /** Length of the feature vector the MLP reads. */
    public int featureSize() {
        return DecoderFeatures.size(probes);
    }

    public int headSize() {
        return dModel / heads;
    }

    public List<Violation> validate() {
        List<Violation> v = new ArrayList<>();
        positive(v, "probes", probes, 2, 256);
        positive(v, "mlpHidden", mlpHidden, 1, 8192);
        positive(v, "memoryTokens", memoryTokens, 1, 64);
        positive(v, "dModel", dModel, 4, 2048);
        positive(v, "heads", heads, 1, 64);
        positive(v, "layers", layers, 1, 24);
        positive(v, "ffn", ffn, 1, 16384);
        positive(v, "maxTokens", maxTokens, 4, 256);
        if (heads > 0 && dModel % heads != 0) {
            v.add(new Violation("heads", "must divide dModel (" + dModel + "), was " + heads));
        }
        return v;
    }

    public TransformerConfig requireValid() {
        Violation.requireNone("decoder config", validate());
        return this;
    }

    private static void positive(List<Violation> v, String field, int value, int min, int max) {
        if (value < min || value > max) {
            v.add(new Violation(field, "must be between " + min + " and " + max + ", was " + value));
        }
    }

    /** Every tensor of the model, by name, in a fixed order, with its shape (weights are out × in, PyTorch style). */
    public Map<String, int[]> parameterShapes() {
        Map<String, int[]> s = new LinkedHashMap<>();
        s.put("mlp.0.weight", new int[] {mlpHidden, featureSize()});
        s.put("mlp.0.bias", new int[] {mlpHidden});
        s.put("mlp.1.weight", new int[] {memoryTokens * dModel, mlpHidden});
        s.put("mlp.1.bias", new int[] {memoryTokens * dModel});
        s.put("memory.norm.gamma", new int[] {dModel});
        s.put("memory.norm.beta", new int[] {dModel});
        s.put("embed.token", new int[] {Vocabulary.SIZE, dModel});
        s.put("embed.position", new int[] {maxTokens, dModel});
        for (int l = 0; l < layers; l++) {
            String p = "block." + l + ".";
            for (String attention : new String[] {"self", "cross"}) {
                s.put(p + attention + ".norm.gamma", new int[] {dModel});
                s.put(p + attention + ".norm.beta", new int[] {dModel});
                for (String m : new String[] {"q", "k", "v", "o"}) {
                    s.put(p + attention + "." + m + ".weight", new int[] {dModel, dModel});
                    s.put(p + attention + "." + m + ".bias", new int[] {dModel});
                }
            }
            s.put(p + "ffn.norm.gamma", new int[] {dModel});
            s.put(p + "ffn.norm.beta", new int[] {dModel});
            s.put(p + "ffn.0.weight", new int[] {ffn, dModel});
            s.put(p + "ffn.0.bias", new int[] {ffn});
            s.put(p + "ffn.1.weight", new int[] {dModel, ffn});
            s.put(p + "ffn.1.bias", new int[] {dModel});
        }
        s.put("out.norm.gamma", new int[] {dModel});
        s.put("out.norm.beta", new int[] {dModel});
        s.put("out.weight", new int[] {Vocabulary.SIZE, dModel});
        s.put("out.bias", new int[] {Vocabulary.SIZE});
        return s;
    }

    public long parameterCount() {
        long n = 0;
        for (int[] shape : parameterShapes().values()) {
            long c = 1;
            for (int d : shape) {
                c *= d;
            }
            n += c;
        }
        return n;
    }
}
