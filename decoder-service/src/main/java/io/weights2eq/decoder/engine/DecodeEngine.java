package io.weights2eq.decoder.engine;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.DecodingMethod;
import io.weights2eq.domain.decoding.DecodingMethods;
import io.weights2eq.domain.decoding.InvalidRequestException;
import io.weights2eq.domain.decoding.LearnedDecoder;
import io.weights2eq.domain.decoding.NoModelLoadedException;
import io.weights2eq.domain.decoding.analytic.FunctionFit;
import io.weights2eq.domain.decoding.hybrid.HybridDecoder;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Network;

/** Decodes one network by the method asked for (default configurable). Thread-safe; REST and Kafka call it. */
public final class DecodeEngine {

    /** A method's outcome (equation, fit, runner-up, largest root), the time taken, and where the fit was measured. */
    public record Result(DecodingMethods.Outcome outcome, long nanos, InputDomain fitDomain) {
        public DecodedEquation equation() {
            return outcome.equation();
        }

        /** Null when the equation does not parse. */
        public FunctionFit fit() {
            return outcome.fit();
        }

        public HybridDecoder.Scored runnerUp() {
            return outcome.runnerUp();
        }

        /** The largest real root of the decoded cubic; null for other families. */
        public Double largestRoot() {
            return outcome.largestRoot();
        }

        public double latencyMillis() {
            return nanos / 1e6;
        }
    }

    private final ServingModel model;
    private final int defaultBeam;
    private final int maxBeam;
    private final DecodeListener listener;
    private final DecodingMethods methods;
    private final String defaultMethod;

    public DecodeEngine(ServingModel model, int defaultBeam, int maxBeam, DecodeListener listener) {
        this(
                model,
                defaultBeam,
                maxBeam,
                listener,
                new DecodingMethods(EquationFamily.servant(), -1, 1, HybridDecoder.DEFAULT_TOLERANCE),
                DecodingMethod.LEARNED.wireName());
    }

    public DecodeEngine(
            ServingModel model,
            int defaultBeam,
            int maxBeam,
            DecodeListener listener,
            DecodingMethods methods,
            String defaultMethod) {
        if (defaultBeam < 1 || defaultBeam > maxBeam) {
            throw new IllegalArgumentException("beam width must be between 1 and " + maxBeam + ", was " + defaultBeam);
        }
        this.model = model;
        this.defaultBeam = defaultBeam;
        this.maxBeam = maxBeam;
        this.listener = listener;
        this.methods = methods;
        this.defaultMethod = DecodingMethod.of(defaultMethod).wireName();
    }

    public double xMin() {
        return methods.xMin();
    }

    public double xMax() {
        return methods.xMax();
    }

    public String defaultMethod() {
        return defaultMethod;
    }

    public int maxBeam() {
        return maxBeam;
    }

    public int defaultBeam() {
        return defaultBeam;
    }

    /**
     * @param beam the beam width, or null for the configured default (1 = greedy)
     * @throws NoModelLoadedException   when no model is loaded
     * @throws IllegalArgumentException for a beam width outside 1..maxBeam
     */
    public Result decode(Network network, Integer beam, DecodeListener.Source source) {
        return decode(network, beam, null, source);
    }

    /**
     * @param method one of {@link DecodingMethod#wireNames()}, or null for the configured default
     * @throws NoModelLoadedException   when {@code learned} is asked and no model is loaded
     * @throws InvalidRequestException  naming {@code beam} or {@code method} for a request that cannot be served
     */
    public Result decode(Network network, Integer beam, String method, DecodeListener.Source source) {
        int width = beam == null ? defaultBeam : beam;
        String m = method == null ? defaultMethod : method;
        DecodingMethod chosen;
        try {
            if (width < 1 || width > maxBeam) {
                throw new InvalidRequestException("beam", "beam must be between 1 and " + maxBeam + ", was " + width);
            }
            chosen = DecodingMethod.of(m);
        } catch (InvalidRequestException e) {
            listener.decoded(source, DecodeListener.Outcome.INVALID, 0);
            throw e;
        }
        long start = System.nanoTime();
        LearnedDecoder learned =
                model.current().map(loaded -> loaded.decoder(width)).orElse(null);
        DecodingMethods.Outcome outcome;
        try {
            outcome = methods.decode(chosen, network, learned, width);
        } catch (NoModelLoadedException e) {
            listener.decoded(source, DecodeListener.Outcome.NO_MODEL, 0);
            throw e;
        } catch (InvalidRequestException e) {
            listener.decoded(source, DecodeListener.Outcome.INVALID, 0);
            throw e;
        } catch (RuntimeException e) {
            listener.decoded(source, DecodeListener.Outcome.FAILED, System.nanoTime() - start);
            throw e;
        }
        long nanos = System.nanoTime() - start;
        listener.decoded(source, DecodeListener.Outcome.OK, nanos);
        return new Result(outcome, nanos, methods.fitDomain(network));
    }

    /** The caller rejected a request before decoding (bad input): counted, not decoded. */
    public void rejected(DecodeListener.Source source) {
        listener.decoded(source, DecodeListener.Outcome.INVALID, 0);
    }
}
