package io.weights2eq.training.djl.decoder;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.domain.decoding.DecoderFeatures;
import io.weights2eq.domain.decoding.DecoderTrainer;
import io.weights2eq.domain.decoding.DecoderTrainingOptions;
import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.domain.decoding.TransformerConfig;
import io.weights2eq.domain.decoding.TransformerWeights;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.training.djl.DjlEngines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the learned decoder with DJL's PyTorch engine: the forward pass of {@link TransformerConfig}'s
 * architecture written with NDArray operations (DJL has no decoder / cross-attention block), teacher forcing,
 * token cross-entropy with padding masked out, autograd, AdamW with warm-up and global-norm clipping applied in
 * place. Serving does not use this class: {@link #checkpoint} exports the weights for the pure-Java
 * {@link io.weights2eq.domain.decoding.TransformerDecoder}, and a test holds the two forward passes equal.
 *
 * <p>Not thread-safe; DJL allows one recording gradient collector per JVM, so one trainer trains at a time.
 */
public final class DjlDecoderTrainer implements DecoderTrainer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.98f;
    private static final float EPS = 1e-8f;

    private final TransformerConfig config;
    private final DecoderTrainingOptions options;
    private final Engine engine;
    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private final DecoderForward forward;
    private long steps;
    private long examplesSeen;
    private long skippedSteps;

    public DjlDecoderTrainer(TransformerConfig config, DecoderTrainingOptions options) {
        this.config = config.requireValid();
        this.options = options;
        this.engine = DjlEngines.pytorch();
        this.manager = engine.newBaseManager();
        JniUtils.setNumThreads(options.threads());
        Map<String, float[]> init = Initializer.initial(config, options.seed());
        init.forEach((name, values) -> {
            int[] shape = config.parameterShapes().get(name);
            NDArray p = manager.create(values, shapeOf(shape));
            p.setRequiresGradient(true);
            params.put(name, p);
            firstMoments.put(name, manager.zeros(p.getShape()));
            secondMoments.put(name, manager.zeros(p.getShape()));
        });
        this.forward = new DecoderForward(config, params);
    }

    @Override
    public double step(List<TrainingExample> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("batch must not be empty");
        }
        boolean gradMode = JniUtils.isGradMode();
        double loss;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Batch b = Batch.of(manager, config, batch);
            JniUtils.setGradMode(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray l = forward.loss(b.features(), b.inputs(), b.targets());
                loss = l.getFloat();
                collector.backward(l);
            }
            JniUtils.setGradMode(false);
            double norm = gradientNorm();
            if (Double.isFinite(loss) && Double.isFinite(norm)) {
                update(norm);
            } else {
                // one bad batch must not poison every weight: drop its gradients, keep the weights (AMP-style)
                skippedSteps++;
                params.values().forEach(p -> JniUtils.zeroGrad((PtNDArray) p));
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        steps++;
        examplesSeen += batch.size();
        return loss;
    }

    @Override
    public long skippedSteps() {
        return skippedSteps;
    }

    /** Per-token logits [B, T, vocabulary] under teacher forcing, for tests that compare with the Java decoder. */
    public float[][][] logits(List<TrainingExample> batch) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Batch b = Batch.of(manager, config, batch);
            NDArray logits = forward.logits(b.features(), b.inputs());
            long[] s = logits.getShape().getShape();
            float[] flat = logits.toFloatArray();
            float[][][] out = new float[(int) s[0]][(int) s[1]][(int) s[2]];
            int k = 0;
            for (float[][] row : out) {
                for (float[] col : row) {
                    System.arraycopy(flat, k, col, 0, col.length);
                    k += col.length;
                }
            }
            return out;
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private void update(double gradientNorm) {
        double lr = options.learningRateAt(steps);
        float clip = gradientNorm > options.clipNorm() ? (float) (options.clipNorm() / (gradientNorm + 1e-6)) : 1f;
        float c1 = (float) (1 - Math.pow(BETA1, steps + 1));
        float c2 = (float) (1 - Math.pow(BETA2, steps + 1));
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray p = e.getValue();
            NDArray g = p.getGradient().mul(clip);
            NDArray m = firstMoments.get(e.getKey());
            NDArray v = secondMoments.get(e.getKey());
            m.muli(BETA1).addi(g.mul(1 - BETA1));
            v.muli(BETA2).addi(g.square().mul(1 - BETA2));
            NDArray update = m.div(c1).div(v.div(c2).sqrt().add(EPS));
            if (decays(e.getKey())) {
                update = update.add(p.mul((float) options.weightDecay()));
            }
            p.subi(update.mul((float) lr));
            JniUtils.zeroGrad((PtNDArray) p);
        }
    }

    /** The global L2 norm of all gradients (clipped to {@code clipNorm} by {@link #update}). */
    private double gradientNorm() {
        double sq = 0;
        for (NDArray p : params.values()) {
            sq += p.getGradient().square().sum().getFloat();
        }
        return Math.sqrt(sq);
    }

    /** Weight decay on matrices only (not biases, norms or embeddings), the usual AdamW practice. */
    private static boolean decays(String name) {
        return name.endsWith(".weight");
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public long examplesSeen() {
        return examplesSeen;
    }

    public TransformerConfig config() {
        return config;
    }

    @Override
    public DecoderCheckpoint checkpoint(String version, Map<String, Double> metrics) {
        Map<String, float[]> weights = new LinkedHashMap<>();
        Map<String, float[]> optimizer = new LinkedHashMap<>();
        params.forEach((name, p) -> {
            weights.put(name, p.toFloatArray());
            optimizer.put("m." + name, firstMoments.get(name).toFloatArray());
            optimizer.put("v." + name, secondMoments.get(name).toFloatArray());
        });
        return new DecoderCheckpoint(
                version,
                steps,
                examplesSeen,
                System.currentTimeMillis(),
                new TransformerWeights(config, weights),
                optimizer,
                metrics);
    }

    @Override
    public void restore(DecoderCheckpoint checkpoint) {
        if (!checkpoint.config().equals(config)) {
            throw new IllegalArgumentException("checkpoint " + checkpoint.version() + " has config "
                    + checkpoint.config() + ", this trainer " + config);
        }
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                String name = e.getKey();
                e.getValue().set(checkpoint.weights().get(name));
                float[] m = checkpoint.optimizerState().get("m." + name);
                float[] v = checkpoint.optimizerState().get("v." + name);
                firstMoments
                        .get(name)
                        .set(
                                m != null
                                        ? m
                                        : new float[Math.toIntExact(e.getValue().size())]);
                secondMoments
                        .get(name)
                        .set(
                                v != null
                                        ? v
                                        : new float[Math.toIntExact(e.getValue().size())]);
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        steps = checkpoint.step();
        examplesSeen = checkpoint.examplesSeen();
    }

    @Override
    public void close() {
        manager.close();
    }

    static Shape shapeOf(int[] dims) {
        long[] s = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            s[i] = dims[i];
        }
        return new Shape(s);
    }

    /** Features, decoder inputs ({@code <bos>} + target) and targets (target + {@code <eos>}, padded). */
    record Batch(NDArray features, NDArray inputs, NDArray targets) {

        static Batch of(NDManager manager, TransformerConfig config, List<TrainingExample> examples) {
            int b = examples.size();
            int f = config.featureSize();
            List<int[]> targets = new ArrayList<>(b);
            int longest = 0;
            for (TrainingExample e : examples) {
                int[] text = Vocabulary.encode(e.target().toCanonicalText());
                int len = Math.min(text.length + 1, config.maxTokens() - 1);
                int[] t = new int[len];
                System.arraycopy(text, 0, t, 0, Math.min(text.length, len));
                t[len - 1] = text.length + 1 <= len ? Vocabulary.EOS : t[len - 1];
                targets.add(t);
                longest = Math.max(longest, len);
            }
            float[] feats = new float[b * f];
            float[] in = new float[b * longest];
            float[] out = new float[b * longest];
            for (int i = 0; i < b; i++) {
                System.arraycopy(DecoderFeatures.of(examples.get(i).network(), config.probes()), 0, feats, i * f, f);
                int[] t = targets.get(i);
                for (int j = 0; j < longest; j++) {
                    in[i * longest + j] = j == 0 ? Vocabulary.BOS : (j - 1 < t.length ? t[j - 1] : Vocabulary.PAD);
                    out[i * longest + j] = j < t.length ? t[j] : Vocabulary.PAD;
                }
            }
            return new Batch(
                    manager.create(feats, new Shape(b, f)),
                    manager.create(in, new Shape(b, longest)),
                    manager.create(out, new Shape(b, longest)));
        }
    }
}
