package io.weights2eq.decoder.engine;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.network.Network;

/** Decodes one network with the serving model. Thread-safe; the inbound adapters (REST, Kafka) call it. */
public final class DecodeEngine {

    /** A decoded equation and how long decoding took. */
    public record Result(DecodedEquation equation, long nanos) {
        public double latencyMillis() {
            return nanos / 1e6;
        }
    }

    private final ServingModel model;
    private final int defaultBeam;
    private final int maxBeam;
    private final DecodeListener listener;

    public DecodeEngine(ServingModel model, int defaultBeam, int maxBeam, DecodeListener listener) {
        if (defaultBeam < 1 || defaultBeam > maxBeam) {
            throw new IllegalArgumentException("beam width must be between 1 and " + maxBeam + ", was " + defaultBeam);
        }
        this.model = model;
        this.defaultBeam = defaultBeam;
        this.maxBeam = maxBeam;
        this.listener = listener;
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
        int width = beam == null ? defaultBeam : beam;
        if (width < 1 || width > maxBeam) {
            listener.decoded(source, DecodeListener.Outcome.INVALID, 0);
            throw new IllegalArgumentException("beam must be between 1 and " + maxBeam + ", was " + width);
        }
        long start = System.nanoTime();
        ServingModel.Loaded loaded;
        try {
            loaded = model.require();
        } catch (NoModelLoadedException e) {
            listener.decoded(source, DecodeListener.Outcome.NO_MODEL, 0);
            throw e;
        }
        DecodedEquation decoded;
        try {
            decoded = loaded.decoder(width).decode(network);
        } catch (RuntimeException e) {
            listener.decoded(source, DecodeListener.Outcome.FAILED, System.nanoTime() - start);
            throw e;
        }
        long nanos = System.nanoTime() - start;
        listener.decoded(source, DecodeListener.Outcome.OK, nanos);
        return new Result(decoded, nanos);
    }

    /** The caller rejected a request before decoding (bad input): counted, not decoded. */
    public void rejected(DecodeListener.Source source) {
        listener.decoded(source, DecodeListener.Outcome.INVALID, 0);
    }
}
