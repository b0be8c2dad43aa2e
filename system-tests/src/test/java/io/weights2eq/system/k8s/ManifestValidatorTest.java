package io.weights2eq.system.k8s;

import static io.weights2eq.system.k8s.K8sPaths.replaceAll;
import static io.weights2eq.system.k8s.K8sPaths.replaceFirst;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken copies of deploy/k8s: the validator reports exactly the problem each one has, naming file and object. */
class ManifestValidatorTest {
    @TempDir
    Path dir;

    private List<String> problemsOf(String file, UnaryOperator<String> edit) {
        return ManifestValidator.validate(K8sPaths.brokenCopy(dir, Map.of(file, edit)));
    }

    @Test
    void aMissingConfigMap() {
        List<String> problems = problemsOf("kustomization.yaml", replaceFirst("  - generator/configmap.yaml\n", ""));
        assertEquals(
                List.of("generator/deployment.yaml: Deployment/generator-service: volume 'config' refers to"
                        + " ConfigMap 'generator-service-config', which is not in the set"),
                problems);
    }

    @Test
    void aMissingPersistentVolumeClaim() {
        List<String> problems = problemsOf("kustomization.yaml", replaceFirst("  - decoder/pvc.yaml\n", ""));
        assertEquals(
                List.of("decoder/deployment.yaml: Deployment/decoder-service: volume 'data' refers to"
                        + " PersistentVolumeClaim 'decoder-data', which is not in the set"),
                problems);
    }

    @Test
    void aSecretThatNoKafkaUserCreates() {
        List<String> problems = problemsOf(
                "trainer/deployment.yaml",
                replaceFirst("name: trainer-service\n                  key:", "name: trainer\n                  key:"));
        assertEquals(
                List.of("trainer/deployment.yaml: Deployment/trainer-service: container trainer-service env"
                        + " W2E_KAFKA_SASL_JAAS_CONFIG refers to Secret 'trainer', which is not in the set (nor a KafkaUser's"
                        + " or a Kafka cluster CA's Secret)"),
                problems);
    }

    @Test
    void aGpuRequestWithoutTheGpuBackend() {
        List<String> problems = problemsOf(
                "trainer-gpu/configmap.yaml", replaceFirst("w2e.trainer.djl.device=gpu", "w2e.trainer.djl.device=cpu"));
        assertEquals(
                List.of("trainer-gpu/deployment.yaml: Deployment/trainer-service-gpu container trainer-service:"
                        + " requests nvidia.com/gpu 1 but its config does not select the GPU backend"
                        + " (w2e.trainer.backend=djl, w2e.trainer.djl.device=cpu)"),
                problems);
    }

    @Test
    void theGpuBackendWithoutAGpu() {
        List<String> problems =
                problemsOf("trainer-gpu/deployment.yaml", replaceAll("              nvidia.com/gpu: 1\n", ""));
        assertEquals(
                List.of("trainer-gpu/deployment.yaml: Deployment/trainer-service-gpu container trainer-service:"
                        + " selects the GPU backend (djl on gpu) but requests no nvidia.com/gpu"),
                problems);
    }

    @Test
    void aScaledObjectAboveThePartitionCount() {
        List<String> problems =
                problemsOf("trainer-gpu/scaledobject.yaml", replaceFirst("maxReplicaCount: 8", "maxReplicaCount: 40"));
        assertEquals(
                List.of("trainer-gpu/scaledobject.yaml: ScaledObject/trainer-service-gpu: maxReplicaCount 40"
                        + " exceeds the 32 partitions of 'equations'"),
                problems);
    }

    @Test
    void twoScaledObjectsTogetherAboveThePartitionCount() {
        List<String> problems =
                problemsOf("trainer/scaledobject.yaml", replaceFirst("maxReplicaCount: 24", "maxReplicaCount: 28"));
        assertEquals(
                List.of("trainer/scaledobject.yaml: ScaledObject/trainer-service: with"
                        + " [ScaledObject/trainer-service-gpu] it may run 36 consumers of group trainers on equations"
                        + " together, more than its 32 partitions"),
                problems);
    }

    @Test
    void aScaledObjectWatchingAnotherGroup() {
        List<String> problems = problemsOf(
                "trainer/scaledobject.yaml", replaceFirst("consumerGroup: trainers", "consumerGroup: trainer"));
        assertEquals(
                List.of("trainer/scaledobject.yaml: ScaledObject/trainer-service: kafka trigger reads group"
                        + " 'trainer', but Deployment/trainer-service configures no *group-id of that value"),
                problems);
    }

    @Test
    void aScaledObjectWithTheNamespaceLocalBootstrapName() {
        List<String> problems = problemsOf(
                "trainer/scaledobject.yaml",
                replaceFirst(
                        "bootstrapServers: w2e-kafka-bootstrap.w2e.svc:9093",
                        "bootstrapServers: w2e-kafka-bootstrap:9093"));
        assertEquals(
                List.of("trainer/scaledobject.yaml: ScaledObject/trainer-service: kafka trigger bootstrapServers"
                        + " w2e-kafka-bootstrap:9093 is no listener's <kafka>-kafka-bootstrap.w2e.svc:<port> (KEDA resolves it"
                        + " from its own namespace)"),
                problems);
    }

    @Test
    void aTopicWithTheWrongCleanupPolicy() {
        List<String> problems = problemsOf(
                "kafka/topics.yaml",
                replaceFirst(
                        "topicName: networks\n  partitions: 32\n  replicas: 3\n  config:\n    cleanup.policy: compact",
                        "topicName: networks\n  partitions: 32\n  replicas: 3\n  config:\n    cleanup.policy: delete"));
        assertEquals(
                List.of("kafka/topics.yaml: KafkaTopic/networks: config cleanup.policy is delete,"
                        + " Topics wants compact"),
                problems);
    }

    @Test
    void aTopicOfTopicsWithoutKafkaTopic() {
        List<String> problems = problemsOf(
                "kafka/topics.yaml",
                text -> text.replaceFirst(
                        "(?s)---\\napiVersion: kafka.strimzi.io/v1beta2\\nkind: KafkaTopic\\nmetadata:\\n  name: predictions.dlq\\n.*?retention.ms: \"-1\"\\n",
                        ""));
        assertEquals(
                List.of("kustomization.yaml: KafkaTopic/predictions.dlq: missing: topic 'predictions.dlq' of"
                        + " Topics has no KafkaTopic"),
                problems);
    }

    @Test
    void aServiceAccountThatIsNotThere() {
        List<String> problems = problemsOf("kustomization.yaml", replaceFirst("  - serviceaccount.yaml\n", ""));
        // in the kustomization's order of resources
        assertEquals(
                List.of(
                        "generator/deployment.yaml: Deployment/generator-service: serviceAccountName refers to ServiceAccount"
                                + " 'weights2eq', which is not in the set",
                        "trainer/deployment.yaml: Deployment/trainer-service: serviceAccountName refers to ServiceAccount"
                                + " 'weights2eq', which is not in the set",
                        "trainer-gpu/deployment.yaml: Deployment/trainer-service-gpu: serviceAccountName refers to"
                                + " ServiceAccount 'weights2eq', which is not in the set",
                        "decoder/deployment.yaml: Deployment/decoder-service: serviceAccountName refers to ServiceAccount"
                                + " 'weights2eq', which is not in the set"),
                problems);
    }

    @Test
    void aTopicWithoutItsClusterLabel() {
        List<String> problems =
                problemsOf("kafka/topics.yaml", replaceFirst("  labels:\n    strimzi.io/cluster: w2e\n", ""));
        assertEquals(
                List.of("kafka/topics.yaml: KafkaTopic/equations: no strimzi.io/cluster label:"
                        + " no Strimzi operator will reconcile it"),
                problems);
    }

    @Test
    void networksNotCoPartitionedWithEquations() {
        List<String> problems = problemsOf(
                "kafka/topics.yaml",
                replaceFirst("topicName: networks\n  partitions: 32", "topicName: networks\n  partitions: 16"));
        assertEquals(
                List.of("kafka/topics.yaml: KafkaTopic/networks: partitions 16 differ from the 32 of"
                        + " 'equations' (the Streams join needs both equal)"),
                problems);
    }

    @Test
    void aMemoryLimitBelowTheHeapAndDirectMemory() {
        List<String> problems = problemsOf("decoder/deployment.yaml", replaceAll("memory: 4544Mi", "memory: 2Gi"));
        assertEquals(
                List.of("decoder/deployment.yaml: Deployment/decoder-service container decoder-service:"
                        + " memory limit 2Gi is below what JAVA_OPTS allows the JVM off and on heap"
                        + " (2656Mi = heap + direct + metaspace + code cache)"),
                problems);
    }

    @Test
    void javaOptsWithoutADirectMemoryBound() {
        List<String> problems =
                problemsOf("generator/deployment.yaml", replaceFirst(" -XX:MaxDirectMemorySize=64m", ""));
        assertEquals(
                List.of(
                        "generator/deployment.yaml: Deployment/generator-service container generator-service:"
                                + " JAVA_OPTS must set -Xmx and -XX:MaxDirectMemorySize (direct memory defaults to the heap size)"),
                problems);
    }

    @Test
    void aProbeOffQuarkusHealth() {
        List<String> problems =
                problemsOf("generator/deployment.yaml", replaceFirst("path: /q/health/ready", "path: /health"));
        assertEquals(
                List.of("generator/deployment.yaml: Deployment/generator-service container generator-service:"
                        + " readinessProbe must GET /q/health/ready, is /health"),
                problems);
    }

    @Test
    void anImageThatNoDockerfileBuilds() {
        List<String> problems = problemsOf(
                "kustomization.yaml",
                replaceFirst("newName: weights2eq/generator-service", "newName: weights2eq/generator"));
        assertEquals(
                List.of("generator/deployment.yaml: Deployment/generator-service container generator-service:"
                        + " image weights2eq/generator:0.1.0-SNAPSHOT has no Dockerfile:"
                        + " generator/src/main/docker/Dockerfile.jvm is missing"),
                problems);
    }

    @Test
    void aServiceThatSelectsNothing() {
        List<String> problems = problemsOf(
                "decoder/service.yaml",
                replaceFirst(
                        "  selector:\n    app.kubernetes.io/name: decoder-service",
                        "  selector:\n    app.kubernetes.io/name: decoder"));
        assertEquals(
                List.of(
                        "decoder/deployment.yaml: Deployment/decoder-service: no Service selects its pods (labels"
                                + " {\"app.kubernetes.io/name\":\"decoder-service\",\"app.kubernetes.io/part-of\":\"weights2eq\"})",
                        "decoder/service.yaml: Service/decoder-service: selector {\"app.kubernetes.io/name\":\"decoder\"}"
                                + " selects no Deployment's pods"),
                problems);
    }

    @Test
    void aKafkaClientThatSkipsTls() {
        List<String> problems = problemsOf(
                "generator/configmap.yaml",
                replaceFirst("kafka.security.protocol=SASL_SSL", "kafka.security.protocol=SASL_PLAINTEXT"));
        assertEquals(
                List.of("generator/deployment.yaml: Deployment/generator-service container generator-service:"
                        + " kafka.security.protocol is SASL_PLAINTEXT, listener 'tls' needs SASL_SSL"),
                problems);
    }

    @Test
    void kafkaStreamsWithoutItsLogin() {
        List<String> problems = problemsOf(
                "decoder/configmap.yaml",
                replaceFirst("    kafka-streams.sasl.jaas.config=${W2E_KAFKA_SASL_JAAS_CONFIG}\n", ""));
        assertEquals(
                List.of("decoder/deployment.yaml: Deployment/decoder-service container decoder-service:"
                        + " kafka-streams.sasl.jaas.config must come from a KafkaUser's Secret, is ''"),
                problems);
    }

    @Test
    void checkpointsOffThePersistentVolume() {
        List<String> problems = problemsOf(
                "decoder/configmap.yaml",
                replaceFirst(
                        "w2e.decoder.training.checkpoint-dir=/deployments/data/decoder-checkpoints",
                        "w2e.decoder.training.checkpoint-dir=/tmp/decoder-checkpoints"));
        assertEquals(
                List.of("decoder/deployment.yaml: Deployment/decoder-service container decoder-service:"
                        + " w2e.decoder.training.checkpoint-dir=/tmp/decoder-checkpoints is not on a PersistentVolumeClaim"
                        + " mount: lost on restart"),
                problems);
    }

    @Test
    void anAclOnATopicThatDoesNotExist() {
        List<String> problems = problemsOf(
                "kafka/users.yaml",
                replaceFirst("name: generator-jobs, patternType", "name: generator-job, patternType"));
        assertEquals(
                List.of("kafka/users.yaml: KafkaUser/generator-service: ACL on topic 'generator-job',"
                        + " which has no KafkaTopic"),
                problems);
    }
}
