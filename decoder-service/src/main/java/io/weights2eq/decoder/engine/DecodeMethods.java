package io.weights2eq.decoder.engine;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.LearnedDecoder;
import io.weights2eq.domain.decoding.analytic.FunctionFit;
import io.weights2eq.domain.decoding.analytic.ProjectionDecoder;
import io.weights2eq.domain.decoding.hybrid.HybridDecoder;
import io.weights2eq.domain.decoding.taylor.TaylorDecoder;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.network.Network;

import java.util.List;

/**
 * The decoding methods the service offers, by their wire names: {@code learned} (the serving model),
 * {@code analytic} (the network's least-squares projection rounded to the family), {@code taylor} (seed 003's
 * expansion; smooth activations only) and {@code hybrid} (every candidate verified against the network; the
 * default). Only {@code learned} needs a loaded model; {@code hybrid} uses it when there is one.
 */
public final class DecodeMethods {

    public static final String LEARNED = LearnedDecoder.METHOD;
    public static final String ANALYTIC = "analytic";
    public static final String TAYLOR = "taylor";
    public static final String HYBRID = HybridDecoder.METHOD;
    public static final List<String> ALL = List.of(LEARNED, ANALYTIC, TAYLOR, HYBRID);
    static final int TAYLOR_ORDER = 9;

    /** What a method made of a network: the equation, its fit to the network, and the hybrid's runner-up. */
    public record Outcome(DecodedEquation equation, FunctionFit fit, HybridDecoder.Scored runnerUp) {
    }

    private final EquationFamily family;
    private final double xMin;
    private final double xMax;
    private final double tolerance;
    private final ProjectionDecoder analytic;
    private final TaylorDecoder taylor;

    public DecodeMethods(EquationFamily family, double xMin, double xMax, double tolerance) {
        this.family = family.requireValid();
        this.xMin = xMin;
        this.xMax = xMax;
        this.tolerance = tolerance;
        this.analytic = new ProjectionDecoder(family, xMin, xMax);
        this.taylor = new TaylorDecoder(family.degree(), TAYLOR_ORDER, 0.0);
    }

    /** @throws InvalidRequestException naming {@code method} when it is not one of {@link #ALL} */
    public static String check(String method) {
        if (!ALL.contains(method)) {
            throw new InvalidRequestException("method", "method must be one of " + ALL + ", was '" + method + "'");
        }
        return method;
    }

    /**
     * @param learned the serving model's decoder at the requested beam width, or null when none is loaded
     * @throws NoModelLoadedException   for {@code learned} without a model
     * @throws InvalidRequestException  for {@code taylor} on a network it does not apply to
     */
    public Outcome decode(String method, Network network, LearnedDecoder learned, int beam) {
        switch (check(method)) {
            case LEARNED:
                if (learned == null) {
                    throw new NoModelLoadedException();
                }
                return withFit(learned.decode(network), network);
            case ANALYTIC:
                return withFit(analytic.decode(network), network);
            case TAYLOR:
                if (!TaylorDecoder.applies(network)) {
                    throw new InvalidRequestException("method", "method taylor applies to tanh, sigmoid and softplus "
                            + "networks, not " + network.activation().label());
                }
                return withFit(taylor.decode(network), network);
            default:
                HybridDecoder hybrid = new HybridDecoder(learned, family, xMin, xMax, tolerance,
                        Math.max(beam, HybridDecoder.DEFAULT_BEAM));
                HybridDecoder.Decision decision = hybrid.decide(network);
                return new Outcome(hybrid.decode(decision), decision.chosen().fit(), decision.runnerUp());
        }
    }

    private Outcome withFit(DecodedEquation decoded, Network network) {
        FunctionFit fit = decoded.parsed() ? FunctionFit.of(decoded.polynomial(), network, xMin, xMax) : null;
        return new Outcome(decoded, fit, null);
    }

    public double xMin() {
        return xMin;
    }

    public double xMax() {
        return xMax;
    }
}
