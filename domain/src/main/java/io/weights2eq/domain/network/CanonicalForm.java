package io.weights2eq.domain.network;

import java.util.Arrays;

/**
 * The canonical form of a network: one representative of the set of parameter vectors that compute the same
 * function through the hidden-layer symmetries, so that equivalent networks look alike before a decoder reads them.
 *
 * <h2>Symmetries removed</h2>
 * <ul>
 *   <li>every activation: permuting the neurons of a hidden layer (rows of its incoming weight matrix and its
 *       bias, together with the matching columns of the next weight matrix);</li>
 *   <li>{@link Activation#RELU}: positive homogeneity, relu(s·z) = s·relu(z) for s &gt; 0, so a neuron's incoming
 *       [w; b] can be scaled by s and its outgoing weights by 1/s;</li>
 *   <li>{@link Activation#TANH}: oddness, tanh(−z) = −tanh(z), so a neuron's incoming [w; b] and its outgoing
 *       weights can be negated together.</li>
 * </ul>
 * {@link Activation#SIGMOID} and {@link Activation#SOFTPLUS} have only the permutation symmetry.
 *
 * <h2>Definition</h2>
 * For a neuron j of hidden layer h (the output of linear layer h = 0 … L−2, L = {@link NetworkLayout#linearLayers()}),
 * its <em>incoming vector</em> is v = [W<sub>h</sub>[j,0], …, W<sub>h</sub>[j,in−1], b<sub>h</sub>[j]] (weights in
 * input order, then the bias) and its <em>outgoing column</em> is W<sub>h+1</sub>[·,j]. The hidden layers are
 * processed in order h = 0, 1, …, L−2; each step sees the parameters already changed by the previous steps (the
 * normalisation and sort of layer h rewrites the columns of W<sub>h+1</sub>, which are layer h+1's incoming
 * weights). For layer h:
 * <ol>
 *   <li><b>Normalise</b> each neuron independently:
 *     <ul>
 *       <li>RELU: n = ‖v‖<sub>2</sub>; if n &gt; 0, v ← v / n and outgoing column ← n · outgoing column, so v has
 *           unit L2 norm. A neuron with n = 0 (dead: its output is relu(0) = 0 everywhere) is left unchanged.</li>
 *       <li>TANH: the <em>sign key</em> is the sign of the first non-zero entry of v (in the order w<sub>0</sub>,
 *           …, w<sub>in−1</sub>, b); if it is negative, v ← −v and outgoing column ← −outgoing column. An all-zero
 *           v has sign key 0 and is left unchanged.</li>
 *       <li>SIGMOID, SOFTPLUS: nothing.</li>
 *     </ul></li>
 *   <li><b>Sort</b> the neurons of the layer by their normalised incoming vectors, lexicographically with every
 *       component <em>descending</em>: the neuron with the larger w<sub>0</sub> comes first; on equal
 *       w<sub>0</sub> the larger w<sub>1</sub>, …; then the larger bias. Components are compared as doubles by
 *       {@link Double#compare} after adding +0.0 (so −0.0 and 0.0 are equal; NaN counts as the largest value).
 *       Neurons with equal incoming vectors keep their relative order (ties broken by the index before sorting,
 *       ascending), which makes the order total and deterministic. Rows of W<sub>h</sub>, entries of
 *       b<sub>h</sub> and columns of W<sub>h+1</sub> are permuted together.</li>
 * </ol>
 * The input and output neurons are never permuted or rescaled. All arithmetic is done in double; the result is
 * rounded to float once at the end, and negative zeros are written as +0.0.
 *
 * <h2>Properties</h2>
 * <ul>
 *   <li>The canonical network computes the same function (up to float rounding of the rescaled RELU weights; sign
 *       flips and permutations are exact).</li>
 *   <li>Networks that differ only by the symmetries above have the same canonical form, up to float rounding, as
 *       long as no two neurons of a layer have (nearly) equal incoming vectors.</li>
 *   <li>Idempotent to float precision: {@code of(of(n))} equals {@code of(n)}; for TANH, SIGMOID and SOFTPLUS
 *       exactly, for RELU within rounding (renormalising a float-rounded unit vector).</li>
 * </ul>
 */
public final class CanonicalForm {

    private CanonicalForm() {}

    /** The canonical form of {@code network} (same layout and activation; the argument is not modified). */
    public static Network of(Network network) {
        NetworkLayout layout = network.layout();
        Activation activation = network.activation();
        float[] source = network.parameters();
        double[] p = new double[source.length];
        for (int i = 0; i < source.length; i++) {
            p[i] = source[i];
        }
        for (int h = 0; h < layout.linearLayers() - 1; h++) {
            normalise(p, layout, activation, h);
            sort(p, layout, h);
        }
        float[] result = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            result[i] = (float) p[i] + 0.0f; // + 0.0f turns -0.0f into +0.0f
        }
        return new Network(layout, activation, result);
    }

    /** The incoming vector [w_0, …, w_(in−1), b] of neuron {@code neuron} of hidden layer {@code h}. */
    static double[] incoming(double[] p, NetworkLayout layout, int h, int neuron) {
        int ins = layout.size(h);
        double[] v = new double[ins + 1];
        for (int i = 0; i < ins; i++) {
            v[i] = p[layout.weightIndex(h, neuron, i)];
        }
        v[ins] = p[layout.biasIndex(h, neuron)];
        return v;
    }

    /** The documented sort order: lexicographic, every component descending (larger first). */
    static int compareIncoming(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Double.compare(b[i] + 0.0, a[i] + 0.0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static void normalise(double[] p, NetworkLayout layout, Activation activation, int h) {
        int neurons = layout.size(h + 1);
        for (int j = 0; j < neurons; j++) {
            double[] v = incoming(p, layout, h, j);
            switch (activation) {
                case RELU -> {
                    double sum = 0;
                    for (double x : v) {
                        sum += x * x;
                    }
                    double n = Math.sqrt(sum);
                    if (n > 0 && Double.isFinite(n)) {
                        scaleNeuron(p, layout, h, j, 1.0 / n, n);
                    }
                }
                case TANH -> {
                    if (signKey(v) < 0) {
                        scaleNeuron(p, layout, h, j, -1.0, -1.0);
                    }
                }
                case SIGMOID, SOFTPLUS -> {}
            }
        }
    }

    /** Sign of the first non-zero entry of {@code v} (−1, 0 or 1). */
    static int signKey(double[] v) {
        for (double x : v) {
            if (x > 0) {
                return 1;
            }
            if (x < 0) {
                return -1;
            }
        }
        return 0;
    }

    private static void scaleNeuron(double[] p, NetworkLayout layout, int h, int j, double in, double out) {
        int ins = layout.size(h);
        for (int i = 0; i < ins; i++) {
            p[layout.weightIndex(h, j, i)] *= in;
        }
        p[layout.biasIndex(h, j)] *= in;
        int outs = layout.size(h + 2);
        for (int o = 0; o < outs; o++) {
            p[layout.weightIndex(h + 1, o, j)] *= out;
        }
    }

    private static void sort(double[] p, NetworkLayout layout, int h) {
        int neurons = layout.size(h + 1);
        int ins = layout.size(h);
        int outs = layout.size(h + 2);
        double[][] keys = new double[neurons][];
        Integer[] order = new Integer[neurons];
        for (int j = 0; j < neurons; j++) {
            keys[j] = incoming(p, layout, h, j);
            order[j] = j;
        }
        // Arrays.sort on objects is stable; the explicit index comparison makes the tie-break part of the order.
        Arrays.sort(order, (a, b) -> {
            int c = compareIncoming(keys[a], keys[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        double[] old = p.clone();
        for (int to = 0; to < neurons; to++) {
            int from = order[to];
            for (int i = 0; i < ins; i++) {
                p[layout.weightIndex(h, to, i)] = old[layout.weightIndex(h, from, i)];
            }
            p[layout.biasIndex(h, to)] = old[layout.biasIndex(h, from)];
            for (int o = 0; o < outs; o++) {
                p[layout.weightIndex(h + 1, o, to)] = old[layout.weightIndex(h + 1, o, from)];
            }
        }
    }
}
