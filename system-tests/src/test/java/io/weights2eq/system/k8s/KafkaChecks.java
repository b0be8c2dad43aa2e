package io.weights2eq.system.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.weights2eq.schema.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Strimzi objects and Kafka clients: cluster labels, the topics of {@link Topics} with their configs, ACLs on real
 * topics, each service's client settings against the listener it uses.
 */
final class KafkaChecks extends Checks {
    KafkaChecks(ManifestSet set, List<Workload> workloads, List<String> problems) {
        super(set, workloads, problems);
    }

    @Override
    void run() {
        checkStrimziClusterLabels();
        checkTopics();
        checkAclTopics();
        for (Workload w : knownConfig()) {
            checkKafkaClient(w, "kafka.", "kafka.bootstrap.servers");
            if (w.config().get("quarkus.kafka-streams.application-id").isPresent()) {
                checkKafkaClient(w, "kafka-streams.", "quarkus.kafka-streams.bootstrap-servers");
            }
        }
    }

    private void checkStrimziClusterLabels() {
        for (String kind : List.of("KafkaTopic", "KafkaUser", "KafkaNodePool")) {
            for (Manifest m : set.ofKind(kind)) {
                String cluster = m.label("strimzi.io/cluster");
                if (cluster == null) {
                    problem(m, "no strimzi.io/cluster label: no Strimzi operator will reconcile it");
                } else if (set.find("Kafka", cluster).isEmpty()) {
                    problem(m, "label strimzi.io/cluster names Kafka '" + cluster + "', which is not in the set");
                }
            }
        }
    }

    private void checkTopics() {
        Map<String, Map<String, String>> expected = new HashMap<>();
        for (Topics topic : Topics.values()) {
            expected.put(topic.topicName(), topic.topicConfig());
            expected.put(topic.deadLetterTopicName(), ManifestValidator.DEAD_LETTER_CONFIG);
        }
        for (Topics topic : Topics.values()) {
            for (String name : List.of(topic.topicName(), topic.deadLetterTopicName())) {
                if (kafkaTopic(name).isEmpty()) {
                    problems.add("kustomization.yaml: KafkaTopic/" + name + ": missing: topic '" + name
                            + "' of Topics has no KafkaTopic");
                }
            }
        }
        for (Manifest t : set.ofKind("KafkaTopic")) {
            Map<String, String> config = expected.get(topicName(t));
            if (config == null) {
                problem(t, "topic '" + topicName(t) + "' is not a topic of Topics (nor its .dlq)");
                continue;
            }
            for (Map.Entry<String, String> e : config.entrySet()) {
                String actual = t.spec().path("config").path(e.getKey()).asText(null);
                if (!e.getValue().equals(actual)) {
                    problem(t, "config " + e.getKey() + " is " + actual + ", Topics wants " + e.getValue());
                }
            }
            if (!t.spec().path("partitions").canConvertToLong()
                    || t.spec().path("partitions").asLong() < 1) {
                problem(t, "partitions must be a number >= 1, is " + t.spec().path("partitions"));
            }
        }
        // the decoder's Streams join reads both by equation id: co-partitioned
        OptionalLong equations = partitions(Topics.EQUATIONS.topicName());
        OptionalLong networks = partitions(Topics.NETWORKS.topicName());
        if (equations.isPresent() && networks.isPresent() && equations.getAsLong() != networks.getAsLong()) {
            problem(
                    kafkaTopic(Topics.NETWORKS.topicName()).orElseThrow(),
                    "partitions " + networks.getAsLong() + " differ from the " + equations.getAsLong()
                            + " of 'equations' (the Streams join needs both equal)");
        }
    }

    private void checkAclTopics() {
        for (Manifest user : set.ofKind("KafkaUser")) {
            for (JsonNode acl : user.spec().path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                if (resource.path("type").asText().equals("topic")
                        && resource.path("patternType").asText("literal").equals("literal")
                        && kafkaTopic(resource.path("name").asText()).isEmpty()) {
                    problem(user, "ACL on topic '" + resource.path("name").asText() + "', which has no KafkaTopic");
                }
            }
        }
    }

    /**
     * A service's Kafka clients (keys {@code prefix}*) must reach a listener of a Kafka of the set the way that
     * listener wants: TLS or not, SCRAM-SHA-512 with a login from a Secret, the CA file on a mounted volume.
     */
    private void checkKafkaClient(Workload w, String prefix, String bootstrapKey) {
        Optional<String> bootstrap = w.config().get(bootstrapKey);
        if (bootstrap.isEmpty()) {
            return; // not a Kafka client
        }
        String[] hostPort = bootstrap.get().split(",")[0].trim().split(":");
        Optional<JsonNode> listener = Optional.empty();
        for (Manifest kafka : set.ofKind("Kafka")) {
            for (JsonNode l : kafka.spec().path("kafka").path("listeners")) {
                if (hostPort.length == 2
                        && hostPort[0].equals(kafka.name() + "-kafka-bootstrap")
                        && hostPort[1].equals(l.path("port").asText())) {
                    listener = Optional.of(l);
                }
            }
        }
        if (listener.isEmpty()) {
            problem(w, bootstrapKey + "=" + bootstrap.get() + " is no listener's <kafka>-kafka-bootstrap:<port>");
            return;
        }
        boolean tls = listener.get().path("tls").asBoolean(false);
        String auth = listener.get().path("authentication").path("type").asText("none");
        String protocol =
                auth.startsWith("scram") ? (tls ? "SASL_SSL" : "SASL_PLAINTEXT") : (tls ? "SSL" : "PLAINTEXT");
        String actual = w.config().get(prefix + "security.protocol").orElse("PLAINTEXT");
        if (!actual.equals(protocol)) {
            problem(
                    w,
                    prefix + "security.protocol is " + actual + ", listener '"
                            + listener.get().path("name").asText() + "' needs " + protocol);
        }
        if (auth.equals("scram-sha-512")) {
            if (!w.config().is(prefix + "sasl.mechanism", "SCRAM-SHA-512")) {
                problem(
                        w,
                        prefix + "sasl.mechanism must be SCRAM-SHA-512, is "
                                + w.config().get(prefix + "sasl.mechanism").orElse("unset"));
            }
            String jaas = w.config().get(prefix + "sasl.jaas.config").orElse("");
            if (!jaas.startsWith("<secret ")) {
                problem(w, prefix + "sasl.jaas.config must come from a KafkaUser's Secret, is '" + jaas + "'");
            }
        }
        if (tls) {
            Optional<String> truststore = w.config().get(prefix + "ssl.truststore.location");
            if (truststore.isEmpty() || w.volumeHolding(truststore.get()).isEmpty()) {
                problem(
                        w,
                        prefix + "ssl.truststore.location " + truststore.orElse("unset")
                                + " is on no mounted volume (the cluster CA)");
            }
        }
    }
}
