package io.weights2eq.training.djl;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.BackendTask;
import io.weights2eq.domain.training.NormConstraint;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The training semantics written out plainly, one network and one sample at a time, in double precision:
 * an oracle with no rounding of its own worth speaking of, to measure how far float32 backends drift.
 */
final class DoubleReferenceBackend implements TrainingBackend {

    @Override
    public String name() {
        return "double-reference";
    }

    @Override
    public List<float[]> train(TrainingConfig config, List<BackendTask> tasks) {
        List<float[]> out = new ArrayList<>(tasks.size());
        for (BackendTask task : tasks) {
            out.add(trainOne(config, task));
        }
        return out;
    }

    private static double act(Activation a, double z) {
        return a.apply(z);
    }

    /** dσ/dz from the output a and the input z. */
    private static double actPrime(Activation a, double out, double z) {
        return switch (a) {
            case RELU -> z > 0 ? 1 : 0;
            case TANH -> 1 - out * out;
            case SIGMOID -> out * (1 - out);
            case SOFTPLUS -> z > 20 ? 1 : 1 / (1 + Math.exp(-z));
        };
    }

    static float[] trainOne(TrainingConfig config, BackendTask task) {
        NetworkLayout layout = config.layout();
        int layers = layout.linearLayers();
        int pc = layout.parameterCount();
        double[] p = new double[pc];
        for (int i = 0; i < pc; i++) {
            p[i] = task.initialParameters()[i];
        }
        double[] m = new double[pc];
        double[] v = new double[pc];
        double[] g = new double[pc];
        int n = config.trainSamples();
        int[] perm = new int[n];
        int pos = 0;
        int maxWidth = 0;
        for (int s : layout.sizes()) {
            maxWidth = Math.max(maxWidth, s);
        }
        double[][] a = new double[layers + 1][maxWidth];
        double[][] z = new double[layers + 1][maxWidth];
        double[][] d = new double[layers + 1][maxWidth];
        for (int t = 0; t < config.steps(); t++) {
            if (pos == 0) {
                task.order().nextEpoch(perm);
            }
            int mb = Math.min(config.minibatch(), n - pos);
            java.util.Arrays.fill(g, 0);
            for (int j = 0; j < mb; j++) {
                int i = perm[pos + j];
                a[0][0] = task.trainX()[i];
                for (int k = 0; k < layers; k++) {
                    for (int o = 0; o < layout.size(k + 1); o++) {
                        double s = p[layout.biasIndex(k, o)];
                        for (int q = 0; q < layout.size(k); q++) {
                            s += p[layout.weightIndex(k, o, q)] * a[k][q];
                        }
                        z[k + 1][o] = s;
                        a[k + 1][o] = k < layers - 1 ? act(config.activation(), s) : s;
                    }
                }
                d[layers][0] = 2.0 * (a[layers][0] - task.trainY()[i]) / mb;
                for (int k = layers - 1; k >= 0; k--) {
                    for (int o = 0; o < layout.size(k + 1); o++) {
                        double dz = d[k + 1][o];
                        g[layout.biasIndex(k, o)] += dz;
                        for (int q = 0; q < layout.size(k); q++) {
                            g[layout.weightIndex(k, o, q)] += dz * a[k][q];
                        }
                    }
                    if (k > 0) {
                        for (int q = 0; q < layout.size(k); q++) {
                            double s = 0;
                            for (int o = 0; o < layout.size(k + 1); o++) {
                                s += p[layout.weightIndex(k, o, q)] * d[k + 1][o];
                            }
                            d[k][q] = s * actPrime(config.activation(), a[k][q], z[k][q]);
                        }
                    }
                }
            }
            double bc1 = 1 - Math.pow(config.beta1(), t + 1);
            double bc2 = 1 - Math.pow(config.beta2(), t + 1);
            double lr = config.schedule().rate(config.learningRate(), t, config.steps());
            for (int i = 0; i < pc; i++) {
                m[i] = config.beta1() * m[i] + (1 - config.beta1()) * g[i];
                v[i] = config.beta2() * v[i] + (1 - config.beta2()) * g[i] * g[i];
                p[i] -= (lr / bc1) * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + config.epsilon());
            }
            if (config.normConstraint() != NormConstraint.NONE) {
                for (int k = 0; k < layers - 1; k++) {
                    for (int o = 0; o < layout.size(k + 1); o++) {
                        double norm = config.normConstraint() == NormConstraint.L2
                                ? p[layout.biasIndex(k, o)] * p[layout.biasIndex(k, o)]
                                : Math.abs(p[layout.biasIndex(k, o)]);
                        for (int q = 0; q < layout.size(k); q++) {
                            double w = p[layout.weightIndex(k, o, q)];
                            norm += config.normConstraint() == NormConstraint.L2 ? w * w : Math.abs(w);
                        }
                        if (config.normConstraint() == NormConstraint.L2) {
                            norm = Math.sqrt(norm);
                        }
                        if (norm > 1) {
                            for (int q = 0; q < layout.size(k); q++) {
                                p[layout.weightIndex(k, o, q)] /= norm;
                            }
                            p[layout.biasIndex(k, o)] /= norm;
                        }
                    }
                }
            }
            pos += mb;
            if (pos == n) {
                pos = 0;
            }
        }
        float[] out = new float[pc];
        for (int i = 0; i < pc; i++) {
            out[i] = (float) p[i];
        }
        return out;
    }
}
