package io.weights2eq.system.k8s;

import io.weights2eq.schema.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a {@link ManifestSet} for what no cluster is here to catch: dangling references, topics that drifted from
 * {@link Topics}, autoscaling beyond the partitions, selectors that select nothing, images no Dockerfile builds,
 * probes off {@code /q/health}, memory limits below what JAVA_OPTS lets the JVM take, GPUs requested without the GPU
 * backend (or the reverse), Kafka clients that do not match the cluster's listener, state off persistent volumes.
 * Each problem names the file and the object: {@code file: Kind/name: what is wrong}.
 */
final class ManifestValidator {
    static final String GPU = "nvidia.com/gpu";
    /** TopicProvisioner's configuration of every dead-letter topic: deleted never (kept for inspection). */
    static final Map<String, String> DEAD_LETTER_CONFIG = Map.of("cleanup.policy", "delete", "retention.ms", "-1");
    /** Paths whose contents must survive a restart: they must lie on a PersistentVolumeClaim. */
    static final List<String> PERSISTENT_PATH_KEYS =
            List.of("w2e.decoder.training.checkpoint-dir", "kafka-streams.state.dir");

    private ManifestValidator() {}

    /** Every problem of the set, in a stable order; empty when it is fine. */
    static List<String> validate(ManifestSet set) {
        List<String> problems = new ArrayList<>(set.loadProblems());
        List<Workload> workloads = Workload.all(set);
        for (Checks checks : List.of(
                new ReferenceChecks(set, workloads, problems),
                new KafkaChecks(set, workloads, problems),
                new ScalingChecks(set, workloads, problems),
                new SelectorChecks(set, workloads, problems),
                new ContainerChecks(set, workloads, problems))) {
            checks.run();
        }
        return List.copyOf(problems);
    }
}
