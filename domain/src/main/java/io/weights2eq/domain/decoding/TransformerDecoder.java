package io.weights2eq.domain.decoding;

import io.weights2eq.domain.equation.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pure-Java inference of the learned decoder ({@link TransformerConfig} defines the architecture): the memory is
 * computed once per network, each emitted token costs one pass of one position through the blocks, with the
 * self-attention keys and values of earlier positions cached. Immutable and thread-safe (all state is per call).
 *
 * <p>Why not DJL here: measured on 2 cores, DJL decodes one 20-token equation in 75–105 ms (per-operation dispatch
 * dominates such small tensors); this class does it in about a millisecond with no native library.
 */
public final class TransformerDecoder {

    /** One finished beam hypothesis: tokens without {@code <bos>}, and the sum of their log-probabilities. */
    public record Hypothesis(int[] tokens, double logProbability) {}

    private static final float LAYER_NORM_EPS = 1e-5f;

    private final TransformerConfig c;
    private final TransformerWeights w;
    private final int d;
    private final int heads;
    private final int headSize;
    private final float scale;
    private final Block[] blocks;

    /** The weights of one decoder block, resolved once. */
    private record Block(
            float[] selfG,
            float[] selfB,
            float[] sq,
            float[] sqb,
            float[] sk,
            float[] skb,
            float[] sv,
            float[] svb,
            float[] so,
            float[] sob,
            float[] crossG,
            float[] crossB,
            float[] cq,
            float[] cqb,
            float[] ck,
            float[] ckb,
            float[] cv,
            float[] cvb,
            float[] co,
            float[] cob,
            float[] ffnG,
            float[] ffnB,
            float[] f0,
            float[] f0b,
            float[] f1,
            float[] f1b) {}

    public TransformerDecoder(TransformerWeights weights) {
        this.w = weights;
        this.c = weights.config();
        this.d = c.dModel();
        this.heads = c.heads();
        this.headSize = c.headSize();
        this.scale = (float) (1.0 / Math.sqrt(headSize));
        this.blocks = new Block[c.layers()];
        for (int l = 0; l < blocks.length; l++) {
            String p = "block." + l + ".";
            blocks[l] = new Block(
                    w.get(p + "self.norm.gamma"),
                    w.get(p + "self.norm.beta"),
                    w.get(p + "self.q.weight"),
                    w.get(p + "self.q.bias"),
                    w.get(p + "self.k.weight"),
                    w.get(p + "self.k.bias"),
                    w.get(p + "self.v.weight"),
                    w.get(p + "self.v.bias"),
                    w.get(p + "self.o.weight"),
                    w.get(p + "self.o.bias"),
                    w.get(p + "cross.norm.gamma"),
                    w.get(p + "cross.norm.beta"),
                    w.get(p + "cross.q.weight"),
                    w.get(p + "cross.q.bias"),
                    w.get(p + "cross.k.weight"),
                    w.get(p + "cross.k.bias"),
                    w.get(p + "cross.v.weight"),
                    w.get(p + "cross.v.bias"),
                    w.get(p + "cross.o.weight"),
                    w.get(p + "cross.o.bias"),
                    w.get(p + "ffn.norm.gamma"),
                    w.get(p + "ffn.norm.beta"),
                    w.get(p + "ffn.0.weight"),
                    w.get(p + "ffn.0.bias"),
                    w.get(p + "ffn.1.weight"),
                    w.get(p + "ffn.1.bias"));
        }
    }

    public TransformerConfig config() {
        return c;
    }

    /** The most likely token at each step until {@code <eos>} or {@code maxTokens − 1} tokens. */
    public int[] greedy(float[] features) {
        Memory memory = memory(features);
        State state = new State();
        int[] out = new int[c.maxTokens() - 1];
        int token = Vocabulary.BOS;
        int n = 0;
        while (n < out.length) {
            float[] logits = step(memory, state, token);
            token = argmax(logits);
            out[n++] = token;
            if (token == Vocabulary.EOS) {
                break;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Beam search of {@code width}: hypotheses ranked by the sum of log-probabilities; returns the finished
     * hypotheses (ended by {@code <eos>} or the length limit), best first, at most {@code width}.
     */
    public List<Hypothesis> beam(float[] features, int width) {
        Memory memory = memory(features);
        record Live(State state, int[] tokens, double score) {}
        List<Live> live = List.of(new Live(new State(), new int[0], 0));
        List<Hypothesis> done = new ArrayList<>();
        int maxLen = c.maxTokens() - 1;
        while (!live.isEmpty() && done.size() < width) {
            List<Live> candidates = new ArrayList<>();
            for (Live h : live) {
                int last = h.tokens.length == 0 ? Vocabulary.BOS : h.tokens[h.tokens.length - 1];
                float[] logProbs = logSoftmax(step(memory, h.state, last));
                Integer[] order = topK(logProbs, width);
                for (int t : order) {
                    int[] tokens = Arrays.copyOf(h.tokens, h.tokens.length + 1);
                    tokens[tokens.length - 1] = t;
                    candidates.add(new Live(h.state, tokens, h.score + logProbs[t]));
                }
            }
            candidates.sort(Comparator.comparingDouble((Live h) -> -h.score));
            List<Live> next = new ArrayList<>();
            for (Live h : candidates) {
                if (next.size() + done.size() >= width) {
                    break;
                }
                int last = h.tokens[h.tokens.length - 1];
                if (last == Vocabulary.EOS || h.tokens.length >= maxLen) {
                    done.add(new Hypothesis(h.tokens, h.score));
                } else {
                    next.add(new Live(h.state.copy(), h.tokens, h.score));
                }
            }
            live = next;
        }
        done.sort(Comparator.comparingDouble((Hypothesis h) -> -h.logProbability));
        return done;
    }

    /** Teacher-forced logits for {@code <bos>} followed by {@code prefix}: one row per input position. */
    public float[][] logits(float[] features, int[] prefix) {
        Memory memory = memory(features);
        State state = new State();
        float[][] rows = new float[prefix.length + 1][];
        rows[0] = step(memory, state, Vocabulary.BOS);
        for (int i = 0; i < prefix.length; i++) {
            rows[i + 1] = step(memory, state, prefix[i]);
        }
        return rows;
    }

    // ---- internals -------------------------------------------------------------------------------------------

    /** Cross-attention keys and values of the memory, per block: [memoryTokens][d]. */
    private record Memory(float[][][] keys, float[][][] values) {}

    /** Self-attention cache of one hypothesis: keys/values per block and position. */
    private final class State {
        final float[][][] keys = new float[blocks.length][c.maxTokens()][];
        final float[][][] values = new float[blocks.length][c.maxTokens()][];
        int length;

        State copy() {
            State s = new State();
            for (int l = 0; l < blocks.length; l++) {
                System.arraycopy(keys[l], 0, s.keys[l], 0, length);
                System.arraycopy(values[l], 0, s.values[l], 0, length);
            }
            s.length = length;
            return s;
        }
    }

    private Memory memory(float[] features) {
        if (features.length != c.featureSize()) {
            throw new IllegalArgumentException(
                    "features must have " + c.featureSize() + " values, had " + features.length);
        }
        float[] hidden = Dense.affine(w.get("mlp.0.weight"), w.get("mlp.0.bias"), features);
        Dense.relu(hidden);
        float[] flat = Dense.affine(w.get("mlp.1.weight"), w.get("mlp.1.bias"), hidden);
        int m = c.memoryTokens();
        float[][][] keys = new float[blocks.length][m][];
        float[][][] values = new float[blocks.length][m][];
        float[] gamma = w.get("memory.norm.gamma");
        float[] beta = w.get("memory.norm.beta");
        for (int j = 0; j < m; j++) {
            float[] row = layerNorm(Arrays.copyOfRange(flat, j * d, (j + 1) * d), gamma, beta);
            for (int l = 0; l < blocks.length; l++) {
                keys[l][j] = Dense.affine(blocks[l].ck, blocks[l].ckb, row);
                values[l][j] = Dense.affine(blocks[l].cv, blocks[l].cvb, row);
            }
        }
        return new Memory(keys, values);
    }

    /** Feeds one token at the next position; returns the logits for the following token. */
    private float[] step(Memory memory, State state, int token) {
        int pos = state.length;
        if (pos >= c.maxTokens()) {
            throw new IllegalStateException("sequence longer than maxTokens " + c.maxTokens());
        }
        float[] tok = w.get("embed.token");
        float[] posEmb = w.get("embed.position");
        float[] h = new float[d];
        for (int i = 0; i < d; i++) {
            h[i] = tok[token * d + i] + posEmb[pos * d + i];
        }
        for (int l = 0; l < blocks.length; l++) {
            Block b = blocks[l];
            float[] a = layerNorm(h, b.selfG, b.selfB);
            float[] q = Dense.affine(b.sq, b.sqb, a);
            state.keys[l][pos] = Dense.affine(b.sk, b.skb, a);
            state.values[l][pos] = Dense.affine(b.sv, b.svb, a);
            add(h, Dense.affine(b.so, b.sob, attend(q, state.keys[l], state.values[l], pos + 1)));
            a = layerNorm(h, b.crossG, b.crossB);
            q = Dense.affine(b.cq, b.cqb, a);
            add(h, Dense.affine(b.co, b.cob, attend(q, memory.keys[l], memory.values[l], c.memoryTokens())));
            a = layerNorm(h, b.ffnG, b.ffnB);
            float[] inner = Dense.affine(b.f0, b.f0b, a);
            Dense.relu(inner);
            add(h, Dense.affine(b.f1, b.f1b, inner));
        }
        state.length = pos + 1;
        return Dense.affine(
                w.get("out.weight"), w.get("out.bias"), layerNorm(h, w.get("out.norm.gamma"), w.get("out.norm.beta")));
    }

    /** Multi-head scaled dot-product attention of one query over the first {@code n} keys/values. */
    private float[] attend(float[] q, float[][] keys, float[][] values, int n) {
        float[] out = new float[d];
        float[] scores = new float[n];
        for (int hIdx = 0; hIdx < heads; hIdx++) {
            int off = hIdx * headSize;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                float s = 0;
                float[] k = keys[j];
                for (int i = 0; i < headSize; i++) {
                    s += q[off + i] * k[off + i];
                }
                scores[j] = s * scale;
                max = Math.max(max, scores[j]);
            }
            float sum = 0;
            for (int j = 0; j < n; j++) {
                scores[j] = (float) Math.exp(scores[j] - max);
                sum += scores[j];
            }
            for (int j = 0; j < n; j++) {
                float p = scores[j] / sum;
                float[] v = values[j];
                for (int i = 0; i < headSize; i++) {
                    out[off + i] += p * v[off + i];
                }
            }
        }
        return out;
    }

    private static float[] layerNorm(float[] x, float[] gamma, float[] beta) {
        int n = x.length;
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (float v : x) {
            var += (v - mean) * (v - mean);
        }
        var /= n;
        float inv = (float) (1.0 / Math.sqrt(var + LAYER_NORM_EPS));
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (x[i] - mean) * inv * gamma[i] + beta[i];
        }
        return y;
    }

    private static void add(float[] h, float[] delta) {
        for (int i = 0; i < h.length; i++) {
            h[i] += delta[i];
        }
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static float[] logSoftmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        float logSum = (float) (max + Math.log(sum));
        float[] out = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - logSum;
        }
        return out;
    }

    private static Integer[] topK(float[] v, int k) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Float.compare(v[b], v[a]));
        return Arrays.copyOf(idx, Math.min(k, idx.length));
    }
}
