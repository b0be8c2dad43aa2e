package io.weights2eq.training.djl.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.weights2eq.domain.decoding.TransformerConfig;
import io.weights2eq.domain.equation.Vocabulary;
import java.util.Map;

/**
 * The forward pass of {@link TransformerConfig}'s architecture on NDArrays, batched over examples and positions;
 * the same arithmetic as {@link io.weights2eq.domain.decoding.TransformerDecoder} (pre-LayerNorm, eps 1e-5).
 */
final class DecoderForward {

    private static final float LAYER_NORM_EPS = 1e-5f;

    private final TransformerConfig c;
    private final Map<String, NDArray> p;

    DecoderForward(TransformerConfig config, Map<String, NDArray> params) {
        this.c = config;
        this.p = params;
    }

    /** Mean token cross-entropy over non-padding targets (a scalar). */
    NDArray loss(NDArray features, NDArray inputs, NDArray targets) {
        NDArray logProbs = logits(features, inputs).logSoftmax(-1);
        NDArray target = targets.toType(DataType.INT64, false);
        NDArray picked = logProbs.mul(target.oneHot(Vocabulary.SIZE).toType(DataType.FLOAT32, false))
                .sum(new int[] {-1});
        NDArray mask = target.neq(Vocabulary.PAD).toType(DataType.FLOAT32, false);
        return picked.mul(mask).sum().neg().div(mask.sum());
    }

    /** Logits [B, T, vocabulary] for decoder inputs [B, T] ({@code <bos>} first). */
    NDArray logits(NDArray features, NDArray inputs) {
        long batch = inputs.getShape().get(0);
        int length = (int) inputs.getShape().get(1);
        int d = c.dModel();
        NDArray memory = linear(relu(linear(features, "mlp.0")), "mlp.1").reshape(batch, c.memoryTokens(), d);
        memory = layerNorm(memory, "memory.norm");
        NDArray oneHot =
                inputs.toType(DataType.INT64, false).oneHot(Vocabulary.SIZE).toType(DataType.FLOAT32, false);
        NDArray h =
                oneHot.matMul(p.get("embed.token")).add(p.get("embed.position").get("0:" + length));
        NDArray causal = causalMask(h, length);
        for (int l = 0; l < c.layers(); l++) {
            String b = "block." + l + ".";
            NDArray a = layerNorm(h, b + "self.norm");
            h = h.add(linear(
                    attention(linear(a, b + "self.q"), linear(a, b + "self.k"), linear(a, b + "self.v"), causal),
                    b + "self.o"));
            a = layerNorm(h, b + "cross.norm");
            h = h.add(linear(
                    attention(
                            linear(a, b + "cross.q"),
                            linear(memory, b + "cross.k"),
                            linear(memory, b + "cross.v"),
                            null),
                    b + "cross.o"));
            a = layerNorm(h, b + "ffn.norm");
            h = h.add(linear(relu(linear(a, b + "ffn.0")), b + "ffn.1"));
        }
        return linear(layerNorm(h, "out.norm"), "out");
    }

    /** Multi-head attention: q [B, Tq, d], k/v [B, Tk, d] → [B, Tq, d]; {@code mask} added to the scores. */
    private NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask) {
        int heads = c.heads();
        int hs = c.headSize();
        NDArray qh = splitHeads(q, heads, hs);
        NDArray kh = splitHeads(k, heads, hs);
        NDArray vh = splitHeads(v, heads, hs);
        NDArray scores = qh.matMul(kh.transpose(0, 1, 3, 2)).mul((float) (1.0 / Math.sqrt(hs)));
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray out = scores.softmax(-1).matMul(vh);
        long batch = q.getShape().get(0);
        long length = q.getShape().get(1);
        return out.transpose(0, 2, 1, 3).reshape(batch, length, (long) heads * hs);
    }

    private static NDArray splitHeads(NDArray x, int heads, int hs) {
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        return x.reshape(batch, length, heads, hs).transpose(0, 2, 1, 3);
    }

    /** 0 on and below the diagonal, a large negative number above: [T, T]. */
    private static NDArray causalMask(NDArray like, int length) {
        float[] m = new float[length * length];
        for (int i = 0; i < length; i++) {
            for (int j = i + 1; j < length; j++) {
                m[i * length + j] = -1e9f;
            }
        }
        return like.getManager().create(m, new Shape(length, length));
    }

    private NDArray linear(NDArray x, String name) {
        return x.matMul(p.get(name + ".weight").transpose()).add(p.get(name + ".bias"));
    }

    private NDArray layerNorm(NDArray x, String name) {
        NDArray mean = x.mean(new int[] {-1}, true);
        NDArray centered = x.sub(mean);
        NDArray var = centered.square().mean(new int[] {-1}, true);
        return centered.div(var.add(LAYER_NORM_EPS).sqrt())
                .mul(p.get(name + ".gamma"))
                .add(p.get(name + ".beta"));
    }

    private static NDArray relu(NDArray x) {
        return ai.djl.nn.Activation.relu(x);
    }
}
