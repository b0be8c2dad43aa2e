package io.weights2eq.system.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.schema.Topics;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped manifests of deploy/k8s pass every check of {@link ManifestValidator}. */
class ManifestsTest {

    @Test
    void shippedManifestsHaveNoProblems() {
        List<String> problems = ManifestValidator.validate(K8sPaths.shipped());
        assertEquals(List.of(), problems, () -> "problems in deploy/k8s:\n  " + String.join("\n  ", problems));
    }

    @Test
    void everyServiceAndEveryTopicIsDeployed() {
        ManifestSet set = K8sPaths.shipped();
        Set<String> deployments =
                set.ofKind("Deployment").stream().map(Manifest::name).collect(Collectors.toSet());
        assertEquals(
                Set.of("generator-service", "trainer-service", "trainer-service-gpu", "decoder-service"), deployments);
        assertEquals(
                2 * Topics.values().length, set.ofKind("KafkaTopic").size(), "a KafkaTopic per topic and per .dlq");
        assertEquals(
                Set.of("generator-service", "trainer-service", "decoder-service", "keda-scaler"),
                set.ofKind("KafkaUser").stream().map(Manifest::name).collect(Collectors.toSet()));
        assertEquals(2, set.ofKind("ScaledObject").size());
    }

    @Test
    void theGpuVariantIsTheOnlyContainerWithAGpu() {
        List<String> withGpu = Workload.all(K8sPaths.shipped()).stream()
                .filter(w -> w.container().path("resources").path("limits").has(ManifestValidator.GPU))
                .map(w -> w.deployment().name() + " "
                        + w.config().get("w2e.trainer.backend").orElse("?") + " "
                        + w.config().get("w2e.trainer.djl.device").orElse("?"))
                .toList();
        assertEquals(List.of("trainer-service-gpu djl gpu"), withGpu);
    }

    @Test
    void theDecoderSeesTheMountedConfigOverTheJarsOwn() {
        Workload decoder = Workload.all(K8sPaths.shipped()).stream()
                .filter(w -> w.deployment().name().equals("decoder-service"))
                .findFirst()
                .orElseThrow();
        // the jar says localhost:9092 and a relative checkpoint directory; the ConfigMap overrides both
        assertEquals(
                "w2e-kafka-bootstrap:9093",
                decoder.config().get("quarkus.kafka-streams.bootstrap-servers").orElse(null));
        assertEquals(
                "/deployments/data/decoder-checkpoints",
                decoder.config().get("w2e.decoder.training.checkpoint-dir").orElse(null));
        assertEquals(
                "<secret decoder-service/sasl.jaas.config>",
                decoder.config().get("kafka-streams.sasl.jaas.config").orElse(null));
        // and what only the jar sets stays visible
        assertTrue(decoder.config().is("quarkus.kafka-streams.application-id", "decoder-examples"));
    }
}
