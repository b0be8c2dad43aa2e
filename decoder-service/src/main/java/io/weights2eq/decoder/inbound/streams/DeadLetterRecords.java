package io.weights2eq.decoder.inbound.streams;

import io.weights2eq.schema.dlq.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The headers of a dead letter written by the topology: the same as {@code DeadLetterPublisher} writes. */
final class DeadLetterRecords {
    private static final int MAX_REASON_CHARS = 2_000;

    private DeadLetterRecords() {}

    static Headers headers(
            Headers original, String reason, String topic, int partition, long offset, String rejectedBy) {
        RecordHeaders headers = new RecordHeaders();
        if (original != null) {
            for (Header h : original) {
                headers.add(h);
            }
        }
        String shortReason = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) + "…" : reason;
        headers.add(DeadLetterHeaders.REASON, utf8(shortReason))
                .add(DeadLetterHeaders.SOURCE_TOPIC, utf8(topic))
                .add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(partition)))
                .add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(offset)))
                .add(DeadLetterHeaders.REJECTED_BY, utf8(rejectedBy));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
