package io.weights2eq.system.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * KEDA ScaledObjects: their target and authentication exist, their Kafka trigger reads the group the target
 * consumes as, from an address KEDA resolves, and no more consumers than partitions.
 */
final class ScalingChecks extends Checks {
    ScalingChecks(ManifestSet set, List<Workload> workloads, List<String> problems) {
        super(set, workloads, problems);
    }

    @Override
    void run() {
        checkScaledObjects();
    }

    private void checkScaledObjects() {
        Map<String, Long> maxReplicasByGroupAndTopic = new HashMap<>();
        Set<String> singleExceeds = new HashSet<>(); // then that one is the problem, not the sum
        Map<String, List<Manifest>> scaledObjectsOfGroupAndTopic = new HashMap<>();
        for (Manifest so : set.ofKind("ScaledObject")) {
            JsonNode target = so.spec().path("scaleTargetRef");
            String kind = target.path("kind").asText("Deployment");
            String targetName = target.path("name").asText();
            Optional<Manifest> deployment = set.find(kind, targetName);
            if (deployment.isEmpty()) {
                problem(so, "scaleTargetRef names " + kind + " '" + targetName + "', which is not in the set");
            }
            if (!so.spec().path("maxReplicaCount").canConvertToLong()) {
                problem(so, "no maxReplicaCount (KEDA's default 100 exceeds any partition count here)");
                continue;
            }
            long max = so.spec().path("maxReplicaCount").asLong();
            for (JsonNode trigger : so.spec().path("triggers")) {
                String ref = trigger.path("authenticationRef").path("name").asText(null);
                if (ref != null && set.find("TriggerAuthentication", ref).isEmpty()) {
                    problem(so, "authenticationRef names TriggerAuthentication '" + ref + "', which is not in the set");
                }
                if (!trigger.path("type").asText().equals("kafka")) {
                    continue;
                }
                JsonNode meta = trigger.path("metadata");
                checkTriggerBootstrap(so, meta.path("bootstrapServers").asText());
                String topic = meta.path("topic").asText();
                String group = meta.path("consumerGroup").asText();
                OptionalLong partitions = partitions(topic);
                if (partitions.isEmpty()) {
                    problem(so, "kafka trigger topic '" + topic + "' has no KafkaTopic with partitions");
                    continue;
                }
                String key = group + " on " + topic;
                if (max > partitions.getAsLong()) {
                    problem(
                            so,
                            "maxReplicaCount " + max + " exceeds the " + partitions.getAsLong() + " partitions of '"
                                    + topic + "'");
                    singleExceeds.add(key);
                }
                maxReplicasByGroupAndTopic.merge(key, max, Long::sum);
                scaledObjectsOfGroupAndTopic
                        .computeIfAbsent(key, k -> new ArrayList<>())
                        .add(so);
                deployment.ifPresent(d -> checkConsumerGroup(so, d, group));
            }
        }
        maxReplicasByGroupAndTopic.forEach((key, sum) -> {
            long partitions = partitions(key.substring(key.indexOf(" on ") + 4)).orElse(Long.MAX_VALUE);
            if (sum > partitions && !singleExceeds.contains(key)) {
                List<Manifest> all = scaledObjectsOfGroupAndTopic.get(key);
                problem(
                        all.get(0),
                        "with "
                                + all.subList(1, all.size()).stream()
                                        .map(m -> "ScaledObject/" + m.name())
                                        .toList() + " it may run " + sum + " consumers of group " + key
                                + " together, more than its " + partitions + " partitions");
            }
        });
    }

    /** KEDA's scaler runs in KEDA's namespace: it needs the bootstrap Service's name with the namespace. */
    private void checkTriggerBootstrap(Manifest so, String bootstrap) {
        for (Manifest kafka : set.ofKind("Kafka")) {
            for (JsonNode l : kafka.spec().path("kafka").path("listeners")) {
                String host = kafka.name() + "-kafka-bootstrap." + set.namespace() + ".svc";
                String port = ":" + l.path("port").asText();
                if (bootstrap.equals(host + port) || bootstrap.equals(host + ".cluster.local" + port)) {
                    return;
                }
            }
        }
        problem(
                so,
                "kafka trigger bootstrapServers " + bootstrap + " is no listener's <kafka>-kafka-bootstrap."
                        + set.namespace() + ".svc:<port> (KEDA resolves it from its own namespace)");
    }

    /** The lag KEDA reads must be the lag of the group the target consumes as. */
    private void checkConsumerGroup(Manifest so, Manifest deployment, String group) {
        for (Workload w : workloads) {
            if (w.deployment() != deployment) {
                continue;
            }
            boolean consumesAsGroup = false;
            for (String key : w.config().fileKeys()) {
                if (key.endsWith("group-id") && w.config().is(key, group)) {
                    consumesAsGroup = true;
                }
            }
            if (!consumesAsGroup) {
                problem(
                        so,
                        "kafka trigger reads group '" + group + "', but " + deployment.kind() + "/" + deployment.name()
                                + " configures no *group-id of that value");
            }
        }
    }
}
