package io.weights2eq.domain.admissible;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * Golf for any network: rounds each weight and bias to as few digits as keep the network's function within a
 * tolerance T of the original at every given input (outputs compared in double, the largest absolute difference).
 * First each relu neuron is rescaled so that its largest parameter is ±1 ({@link ReluScaling}, the same function).
 *
 * <p>Greedy over the parameters in node order (each neuron's weights, then its bias), fewest-precision candidate
 * first: 0, then the value rounded half-even to each decimal place from its leading digit to its last, and that
 * rounding's two neighbours at the same place (a step away: errors elsewhere may favour one); at equal cost the
 * nearer first; the first that stays within the pass's share of T is kept. The passes run under a rising share of
 * T ({@link #PASSES}): one greedy pass at T lets the first parameters spend the whole budget before the later ones
 * are tried. Against one plain pass at T, this schedule and the neighbours cost 12–27 % less on trained
 * networks (docs/results.md). Should the rescaled start round to a dearer network than the input (an input already
 * golfed), the input itself is rounded instead, so the result never costs more than the input.
 */
public final class ParameterRounding {

    /** The share of the tolerance each pass may use. */
    static final double[] PASSES = {0.1, 0.2, 0.35, 0.5, 0.7, 0.85, 1.0, 1.0};

    /** The points on [-1, 1] a layered network is checked on: x = -1 + i/1000, so ±1 and 0 exactly. */
    public static final int GRID_POINTS = 2_001;

    private ParameterRounding() {}

    /**
     * @param rounded the rounded network
     * @param scoreBefore the original's precision score
     * @param scoreAfter the rounded one's
     * @param worstDeviation the largest |rounded − original| over the inputs and outputs, evaluated afresh
     * @param worstRow the input row where it is
     */
    public record Result(
            AdmissibleNetwork rounded, long scoreBefore, long scoreAfter, double worstDeviation, int worstRow) {}

    /** {@code points} inputs x = -1 + 2i/(points − 1), the ends exactly ±1. */
    public static double[] unitGrid(int points) {
        if (points < 2) {
            throw new IllegalArgumentException("points must be at least 2, was " + points);
        }
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = (2.0 * i - (points - 1)) / (points - 1);
        }
        return x;
    }

    /** Rounds a one-input network checked on {@link #GRID_POINTS} points of [-1, 1]. */
    public static Result roundOnUnitInterval(AdmissibleNetwork network, double tolerance) {
        return round(network, unitGrid(GRID_POINTS), tolerance);
    }

    /**
     * @param inputs input rows, one after another ({@code rows × network.inputs()})
     * @param tolerance T > 0: every output at every row stays within T of the original's
     */
    public static Result round(AdmissibleNetwork network, double[] inputs, double tolerance) {
        Objects.requireNonNull(network, "network");
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a positive finite number, was " + tolerance);
        }
        int n = network.inputs();
        if (inputs.length == 0 || inputs.length % n != 0) {
            throw new IllegalArgumentException(
                    "inputs must hold whole rows of " + n + " numbers, had " + inputs.length);
        }
        return round(network, inputs, tolerance, PASSES);
    }

    static Result round(AdmissibleNetwork network, double[] inputs, double tolerance, double[] passes) {
        long before = Precision.score(network);
        AdmissibleNetwork rounded = search(ReluScaling.normalise(network), network, inputs, tolerance, passes);
        if (Precision.score(rounded) > before) { // a network already cheap: its 16-digit quotients did not all go
            rounded = search(network, network, inputs, tolerance, passes);
        }
        double[] worst = worstDeviation(network, rounded, inputs);
        return new Result(rounded, before, Precision.score(rounded), worst[0], (int) worst[1]);
    }

    /** Rounds {@code start}'s parameters keeping its function within T of {@code target}'s. */
    private static AdmissibleNetwork search(
            AdmissibleNetwork start, AdmissibleNetwork target, double[] inputs, double tolerance, double[] passes) {
        Search search = new Search(start, target, inputs);
        for (double share : passes) {
            search.pass(share * tolerance);
        }
        return search.network();
    }

    /** The largest |b − a| over the rows and outputs, and its row, from fresh evaluators: the verification. */
    public static double[] worstDeviation(AdmissibleNetwork a, AdmissibleNetwork b, double[] inputs) {
        int rows = inputs.length / a.inputs();
        int outs = a.outputs().size();
        if (b.inputs() != a.inputs() || b.outputs().size() != outs) {
            throw new IllegalArgumentException("networks: different inputs or outputs");
        }
        double[] ya = new double[rows * outs];
        double[] yb = new double[rows * outs];
        new DoubleEvaluator(a).evaluateMany(inputs, rows, ya);
        new DoubleEvaluator(b).evaluateMany(inputs, rows, yb);
        double worst = 0;
        int at = 0;
        for (int i = 0; i < ya.length; i++) {
            double d = Math.abs(yb[i] - ya[i]);
            if (!(d <= worst)) { // NaN counts as worst
                worst = d;
                at = i / outs;
            }
        }
        return new double[] {worst, at};
    }

    /**
     * The largest |network(x) − original(x)| over {@code xs} and the x where it is, for a one-input, one-output
     * network checked against a function of its own (a layered network's forward pass).
     */
    public static double[] worstDeviation(DoubleUnaryOperator original, AdmissibleNetwork network, double[] xs) {
        if (network.inputs() != 1 || network.outputs().size() != 1) {
            throw new IllegalArgumentException("network: one input and one output needed, had " + network.inputs()
                    + " and " + network.outputs().size());
        }
        double[] y = new double[xs.length];
        new DoubleEvaluator(network).evaluateMany(xs, xs.length, y);
        double worst = 0;
        double at = xs[0];
        for (int i = 0; i < xs.length; i++) {
            double d = Math.abs(y[i] - original.applyAsDouble(xs[i]));
            if (!(d <= worst)) {
                worst = d;
                at = xs[i];
            }
        }
        return new double[] {worst, at};
    }

    /** Candidates cheaper than {@code current}: 0 and the roundings of {@code original}, cheapest first. */
    static List<ExactDecimal> cheaper(BigDecimal original, int current) {
        List<ExactDecimal> out = new ArrayList<>();
        if (original.signum() == 0 || current == 0) {
            return out;
        }
        out.add(ExactDecimal.ZERO);
        BigDecimal v = original.stripTrailingZeros();
        int lead = v.precision() - v.scale() - 1; // decimal exponent of the leading digit
        for (int scale = -lead; scale < v.scale(); scale++) {
            BigDecimal r = v.setScale(scale, RoundingMode.HALF_EVEN);
            BigDecimal step = BigDecimal.ONE.movePointLeft(scale);
            for (BigDecimal c : List.of(r, r.subtract(step), r.add(step))) {
                if (c.signum() != 0 && Precision.of(c) < current) {
                    ExactDecimal d = ExactDecimal.of(c);
                    if (!out.contains(d)) {
                        out.add(d);
                    }
                }
            }
        }
        out.sort(Comparator.comparingInt((ExactDecimal d) -> Precision.of(d))
                .thenComparing(d -> d.value().subtract(original).abs()));
        return out;
    }

    /** The search state: the current parameters, a trial evaluator, and every node's value at every row. */
    private static final class Search {
        private final AdmissibleNetwork original;
        private final List<SortedMap<Integer, ExactDecimal>> weights = new ArrayList<>();
        private final ExactDecimal[] biases;
        private final DoubleEvaluator eval;
        private final int rows;
        private final int nodes;
        private final double[] reference; // rows × outputs
        private double[] state; // rows × nodes, the accepted network's
        private double[] trial;

        Search(AdmissibleNetwork network, AdmissibleNetwork target, double[] inputs) {
            this.original = network;
            this.eval = new DoubleEvaluator(network).copy();
            this.rows = inputs.length / network.inputs();
            this.nodes = network.nodeCount();
            this.biases = new ExactDecimal[network.neurons().size()];
            for (int i = 0; i < biases.length; i++) {
                weights.add(new TreeMap<>(network.neurons().get(i).weights()));
                biases[i] = network.neurons().get(i).bias();
            }
            this.state = new double[rows * nodes];
            this.trial = new double[rows * nodes];
            int outs = network.outputs().size();
            this.reference = new double[rows * outs];
            new DoubleEvaluator(target).evaluateMany(inputs, rows, reference);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(inputs, r * network.inputs(), state, r * nodes, network.inputs());
                eval.forwardFrom(0, state, r * nodes);
            }
        }

        void pass(double tolerance) {
            List<AdmissibleNeuron> neurons = original.neurons();
            for (int i = 0; i < neurons.size(); i++) {
                int slot = 0;
                for (Map.Entry<Integer, ExactDecimal> w :
                        neurons.get(i).weights().entrySet()) {
                    int node = w.getKey();
                    int s = slot++;
                    ExactDecimal current = weights.get(i).get(node);
                    for (ExactDecimal c : cheaper(w.getValue().value(), Precision.of(current))) {
                        eval.setWeight(i, s, c.doubleValue());
                        if (accepts(i, tolerance)) {
                            weights.get(i).put(node, c);
                            break;
                        }
                        eval.setWeight(i, s, current.doubleValue());
                    }
                }
                ExactDecimal current = biases[i];
                for (ExactDecimal c : cheaper(neurons.get(i).bias().value(), Precision.of(current))) {
                    eval.setBias(i, c.doubleValue());
                    if (accepts(i, tolerance)) {
                        biases[i] = c;
                        break;
                    }
                    eval.setBias(i, current.doubleValue());
                }
            }
        }

        /** Whether the trial parameters keep every output within tolerance; if so they become the state. */
        private boolean accepts(int neuron, double tolerance) {
            int outs = reference.length / rows;
            int first = original.inputs() + neuron; // nodes before the changed neuron do not change
            for (int r = 0; r < rows; r++) {
                int at = r * nodes;
                System.arraycopy(state, at, trial, at, first);
                eval.forwardFrom(neuron, trial, at);
                for (int k = 0; k < outs; k++) {
                    double d = Math.abs(trial[at + eval.outputNode(k)] - reference[r * outs + k]);
                    if (!(d <= tolerance)) {
                        return false;
                    }
                }
            }
            double[] swap = state;
            state = trial;
            trial = swap;
            return true;
        }

        AdmissibleNetwork network() {
            List<AdmissibleNeuron> neurons = new ArrayList<>(biases.length);
            for (int i = 0; i < biases.length; i++) {
                SortedMap<Integer, ExactDecimal> kept = new TreeMap<>(weights.get(i));
                kept.values().removeIf(ExactDecimal::isZero); // costs nothing either way; the file is shorter
                neurons.add(new AdmissibleNeuron(
                        kept, biases[i], original.neurons().get(i).activation()));
            }
            return new AdmissibleNetwork(original.inputs(), neurons, original.outputs());
        }
    }
}
