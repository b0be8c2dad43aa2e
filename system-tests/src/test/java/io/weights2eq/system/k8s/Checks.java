package io.weights2eq.system.k8s;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** One group of the validator's checks: what they read (the set, its containers) and where problems go. */
abstract class Checks {
    final ManifestSet set;
    final List<Workload> workloads;
    final List<String> problems;

    Checks(ManifestSet set, List<Workload> workloads, List<String> problems) {
        this.set = set;
        this.workloads = workloads;
        this.problems = problems;
    }

    abstract void run();

    void problem(Manifest m, String message) {
        problems.add(m.id() + ": " + message);
    }

    void problem(Workload w, String message) {
        problems.add(w.id() + ": " + message);
    }

    /** Containers whose configuration is known: not those whose ConfigMap or Dockerfile is missing (reported). */
    List<Workload> knownConfig() {
        return workloads.stream().filter(Workload::configKnown).toList();
    }

    static String topicName(Manifest topic) {
        return topic.spec().path("topicName").asText(topic.name());
    }

    Optional<Manifest> kafkaTopic(String name) {
        return set.ofKind("KafkaTopic").stream()
                .filter(t -> topicName(t).equals(name))
                .findFirst();
    }

    OptionalLong partitions(String topic) {
        return kafkaTopic(topic)
                .filter(t -> t.spec().path("partitions").canConvertToLong())
                .map(t -> OptionalLong.of(t.spec().path("partitions").asLong()))
                .orElse(OptionalLong.empty());
    }
}
