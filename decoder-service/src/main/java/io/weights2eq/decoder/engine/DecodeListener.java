package io.weights2eq.decoder.engine;

/** Observer of every decode, for metrics. */
public interface DecodeListener {

    /** Where a request came from. */
    enum Source {
        REST,
        KAFKA,
        NETWORKS
    }

    /** What became of it. */
    enum Outcome {
        OK,
        INVALID,
        NO_MODEL,
        FAILED
    }

    void decoded(Source source, Outcome outcome, long nanos);

    DecodeListener NONE = (source, outcome, nanos) -> {};
}
