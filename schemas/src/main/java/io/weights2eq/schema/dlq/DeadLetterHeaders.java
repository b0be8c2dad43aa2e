package io.weights2eq.schema.dlq;

/** Headers of a dead-letter record: why it was rejected and where it came from. */
public final class DeadLetterHeaders {
    public static final String REASON = "w2e.dlq.reason";
    public static final String SOURCE_TOPIC = "w2e.dlq.source.topic";
    public static final String SOURCE_PARTITION = "w2e.dlq.source.partition";
    public static final String SOURCE_OFFSET = "w2e.dlq.source.offset";
    public static final String REJECTED_BY = "w2e.dlq.rejected.by";

    private DeadLetterHeaders() {}
}
