package io.weights2eq.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one catalogue of Kafka topics. Every service, the broker launcher and the tests take topic names
 * and settings from here; nothing else spells a topic name.
 */
public enum Topics {
    /** One record per generated equation with its samples; key = equation id ({@code <job id>-<index>}). */
    EQUATIONS("equations", Cleanup.COMPACT),
    /** One trained network per equation; key = equation id. The weights zoo the decoder learns from. */
    NETWORKS("networks", Cleanup.COMPACT),
    /** Output of the Streams join of networks with equations; key = equation id. */
    EXAMPLES("examples", Cleanup.COMPACT),
    /** Networks sent by any client to be decoded; key = request id. */
    DECODE_REQUESTS("decode-requests", Cleanup.DELETE),
    /** Decoded equations, the product users consume; key = request id or equation id. */
    PREDICTIONS("predictions", Cleanup.DELETE),
    /** Decoder checkpoints with their metrics; key = model name. */
    DECODER_MODELS("decoder-models", Cleanup.COMPACT),
    /** Generator job state, so that a restarted generator resumes its jobs; key = job id. */
    GENERATOR_JOBS("generator-jobs", Cleanup.COMPACT);

    /** Suffix of the dead-letter topic of every input topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    enum Cleanup {
        COMPACT,
        DELETE
    }

    private final String topicName;
    private final Cleanup cleanup;

    Topics(String topicName, Cleanup cleanup) {
        this.topicName = topicName;
        this.cleanup = cleanup;
    }

    public String topicName() {
        return topicName;
    }

    /** Name of this topic's dead-letter topic: the original bytes with the reason in headers. */
    public String deadLetterTopicName() {
        return topicName + DLQ_SUFFIX;
    }

    public boolean compacted() {
        return cleanup == Cleanup.COMPACT;
    }

    /** Topic-level configuration to create this topic with. */
    public Map<String, String> topicConfig() {
        return compacted()
                ? Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000")
                : Map.of("cleanup.policy", "delete");
    }

    /** Every topic name the system uses, the dead-letter topics included. */
    public static List<String> allNames() {
        return Arrays.stream(values())
                .flatMap(t -> java.util.stream.Stream.of(t.topicName(), t.deadLetterTopicName()))
                .toList();
    }
}
