package io.weights2eq.domain.decoding;

import io.weights2eq.domain.decoding.analytic.FunctionFit;
import io.weights2eq.domain.decoding.analytic.ProjectionDecoder;
import io.weights2eq.domain.decoding.hybrid.HybridDecoder;
import io.weights2eq.domain.decoding.symbolic.Acceptance;
import io.weights2eq.domain.decoding.symbolic.SparseTermDecoder;
import io.weights2eq.domain.decoding.symbolic.SymbolicCandidate;
import io.weights2eq.domain.decoding.symbolic.SymbolicDecision;
import io.weights2eq.domain.decoding.symbolic.SymbolicHybridDecoder;
import io.weights2eq.domain.decoding.symbolic.TargetFunction;
import io.weights2eq.domain.decoding.taylor.TaylorDecoder;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.roots.LargestRoot;
import io.weights2eq.domain.equation.roots.RealRoots;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Network;

/**
 * The registry of decoding methods for one family and input range: method → decoder, and every method's
 * outcome with its fit to the network computed here, the one place. Thread-safe; the service, the CLI and
 * the evaluation use it.
 */
public final class DecodingMethods {

    /**
     * What a method made of a network: the equation, its fit to the network (null when unparsable; on the
     * network's domain for elementary expressions), the hybrid's runner-up (a polynomial, or for elementary
     * expressions {@code expressionRunnerUp}), and for a monic family (cubic) the largest real root of the decoded
     * polynomial (null otherwise, and when the polynomial has no real root or does not parse).
     */
    public record Outcome(
            DecodedEquation equation,
            FunctionFit fit,
            HybridDecoder.Scored runnerUp,
            Double largestRoot,
            SymbolicCandidate expressionRunnerUp) {

        /** The outcome of a polynomial family. */
        public Outcome(DecodedEquation equation, FunctionFit fit, HybridDecoder.Scored runnerUp, Double largestRoot) {
            this(equation, fit, runnerUp, largestRoot, null);
        }
    }

    private final EquationFamily family;
    private final double xMin;
    private final double xMax;
    private final double tolerance;
    private final ProjectionDecoder analytic;
    private final TaylorDecoder taylor;
    private final SparseTermDecoder expressionAnalytic;
    private final SymbolicHybridDecoder expressionHybrid;

    public DecodingMethods(EquationFamily family, double xMin, double xMax, double tolerance) {
        this.family = family.requireValid();
        this.xMin = xMin;
        this.xMax = xMax;
        this.tolerance = tolerance;
        this.analytic = new ProjectionDecoder(family, xMin, xMax);
        this.taylor = new TaylorDecoder(family.degree(), TaylorDecoder.DEFAULT_ORDER, 0.0);
        // expressions have their own tolerance (Acceptance.NETWORK, measured on trained networks); the polynomial
        // hybrid's tolerance is a different quantity (a margin over the best candidate, not an error floor)
        this.expressionAnalytic = new SparseTermDecoder(family, Acceptance.NETWORK);
        this.expressionHybrid =
                new SymbolicHybridDecoder(family, Acceptance.NETWORK, SymbolicHybridDecoder.CandidateSupplier.NONE);
    }

    /** Whether {@code method} reads a learned model for {@code family}: no model knows elementary expressions yet. */
    public static boolean readsModel(DecodingMethod method, EquationFamily family) {
        return method.usesModel() && !family.elementaryExpressions();
    }

    /** Whether {@code method} can decode {@code network} (taylor needs a smooth activation). */
    public static boolean applies(DecodingMethod method, Network network) {
        return method != DecodingMethod.TAYLOR || TaylorDecoder.applies(network);
    }

    /**
     * The decoder of {@code method}.
     *
     * @param learned the learned decoder at the wanted beam width, or null when no model is loaded
     * @throws NoModelLoadedException for {@code learned} without a model
     */
    public EquationDecoder decoder(DecodingMethod method, LearnedDecoder learned, int beam) {
        if (family.elementaryExpressions()) {
            return expressionDecoder(method);
        }
        return switch (method) {
            case LEARNED -> {
                if (learned == null) {
                    throw new NoModelLoadedException();
                }
                yield learned;
            }
            case ANALYTIC -> analytic;
            case TAYLOR -> taylor;
            case HYBRID ->
                new HybridDecoder(learned, family, xMin, xMax, tolerance, Math.max(beam, HybridDecoder.DEFAULT_BEAM));
        };
    }

    /**
     * @throws NoModelLoadedException  for {@code learned} without a model
     * @throws InvalidRequestException naming {@code method} for a method that does not apply to the network
     */
    public Outcome decode(DecodingMethod method, Network network, LearnedDecoder learned, int beam) {
        if (family.elementaryExpressions()) {
            return decodeExpression(method, network);
        }
        if (network.inputs() != 1) {
            throw new InvalidRequestException(
                    "network.layers[0]",
                    "family " + family.mode().label() + " decodes networks of one input (x); this one has "
                            + network.inputs() + " (family elementary reads two)");
        }
        if (!applies(method, network)) {
            throw new InvalidRequestException(
                    "method",
                    "method taylor applies to tanh, sigmoid and softplus " + "networks, not "
                            + network.activation().label());
        }
        EquationDecoder decoder = decoder(method, learned, beam);
        if (decoder instanceof HybridDecoder hybrid) {
            HybridDecoder.Decision decision = hybrid.decide(network);
            DecodedEquation decoded = hybrid.decode(decision);
            return new Outcome(decoded, decision.chosen().fit(), decision.runnerUp(), largestRoot(decoded));
        }
        DecodedEquation decoded = decoder.decode(network);
        FunctionFit fit = decoded.parsed() ? FunctionFit.of(decoded.polynomial(), network, xMin, xMax) : null;
        return new Outcome(decoded, fit, null, largestRoot(decoded));
    }

    /**
     * Elementary expressions: analytic and hybrid are the symbolic decoders; no learned model knows the family yet
     * (a loaded model is a polynomial one) and Taylor expansions are polynomials.
     */
    private EquationDecoder expressionDecoder(DecodingMethod method) {
        return switch (method) {
            case LEARNED -> throw new NoModelLoadedException();
            case TAYLOR ->
                throw new InvalidRequestException(
                        "method",
                        "method taylor decodes polynomial families, not elementary expressions; use analytic or"
                                + " hybrid");
            case ANALYTIC -> expressionAnalytic;
            case HYBRID -> expressionHybrid;
        };
    }

    private Outcome decodeExpression(DecodingMethod method, Network network) {
        EquationDecoder decoder = expressionDecoder(method);
        TargetFunction function = TargetFunction.of(network);
        SymbolicDecision decision =
                decoder == expressionHybrid ? expressionHybrid.decide(function) : expressionAnalytic.decide(function);
        DecodedEquation decoded = decision.decoded(method.wireName(), network.inputs());
        SymbolicCandidate runnerUp = decoder == expressionHybrid && decision.runnerUp() != null
                ? decision.runnerUp().canonical(network.inputs())
                : null;
        return new Outcome(decoded, decision.chosen().fit(), null, null, runnerUp);
    }

    /** Seed 001 asks for the largest root of a cubic: computed from the exact decoded coefficients. */
    private Double largestRoot(DecodedEquation decoded) {
        if (!family.monic() || !decoded.parsed()) {
            return null;
        }
        return RealRoots.largest(decoded.polynomial()).map(LargestRoot::value).orElse(null);
    }

    /** Where a fit to {@code network} is measured: its own domain for expressions, the family's range otherwise. */
    public InputDomain fitDomain(Network network) {
        return family.elementaryExpressions() ? network.domain() : InputDomain.of(xMin, xMax);
    }

    public double xMin() {
        return xMin;
    }

    public double xMax() {
        return xMax;
    }
}
