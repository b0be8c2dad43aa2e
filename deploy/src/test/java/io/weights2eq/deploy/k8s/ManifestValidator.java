package io.weights2eq.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.weights2eq.schema.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

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
    static final List<String> PERSISTENT_PATH_KEYS = List.of("w2e.decoder.training.checkpoint-dir",
            "kafka-streams.state.dir");

    private final ManifestSet set;
    private final List<String> problems = new ArrayList<>();
    private final List<Workload> workloads;

    private ManifestValidator(ManifestSet set) {
        this.set = set;
        this.workloads = Workload.all(set);
    }

    /** Every problem of the set, in a stable order; empty when it is fine. */
    static List<String> validate(ManifestSet set) {
        ManifestValidator v = new ManifestValidator(set);
        v.problems.addAll(set.loadProblems());
        v.checkStructure();
        v.checkReferences();
        v.checkStrimziClusterLabels();
        v.checkTopics();
        v.checkAclTopics();
        v.checkScaledObjects();
        v.checkSelectors();
        v.checkImages();
        v.workloads.forEach(w -> {
            v.checkProbes(w);
            v.checkMemory(w);
            v.checkConfigMount(w);
            if (!w.configKnown()) {
                return; // its ConfigMap is missing (a problem already): what it configures is unknown
            }
            v.checkGpu(w);
            v.checkKafkaClient(w, "kafka.", "kafka.bootstrap.servers");
            if (w.config().get("quarkus.kafka-streams.application-id").isPresent()) {
                v.checkKafkaClient(w, "kafka-streams.", "quarkus.kafka-streams.bootstrap-servers");
            }
            v.checkPersistentPaths(w);
        });
        return List.copyOf(v.problems);
    }

    private void problem(Manifest m, String message) {
        problems.add(m.id() + ": " + message);
    }

    private void problem(Workload w, String message) {
        problems.add(w.id() + ": " + message);
    }

    // --- every document -----------------------------------------------------------------------------------------

    private void checkStructure() {
        for (Manifest m : set.all()) {
            for (String field : List.of("apiVersion", "kind")) {
                if (m.node().path(field).asText("").isBlank()) {
                    problem(m, "no " + field);
                }
            }
            if (m.name().isBlank()) {
                problem(m, "no metadata.name");
            }
        }
    }

    // --- references to ConfigMaps, Secrets, PVCs, ServiceAccounts ---------------------------------------------

    /** Secrets that operators create: each KafkaUser's (named like the user) and each Kafka's cluster CA. */
    private Set<String> operatorSecrets() {
        Set<String> secrets = new HashSet<>();
        set.ofKind("KafkaUser").forEach(u -> secrets.add(u.name()));
        set.ofKind("Kafka").forEach(k -> secrets.add(k.name() + "-cluster-ca-cert"));
        return secrets;
    }

    private void requireObject(Manifest from, String kind, String name, String where) {
        if (name == null || name.isBlank()) {
            problem(from, where + " names no " + kind);
            return;
        }
        if (set.find(kind, name).isPresent() || kind.equals("Secret") && operatorSecrets().contains(name)) {
            return;
        }
        problem(from, where + " refers to " + kind + " '" + name + "', which is not in the set"
                + (kind.equals("Secret") ? " (nor a KafkaUser's or a Kafka cluster CA's Secret)" : ""));
    }

    private void checkReferences() {
        for (Manifest d : set.ofKind("Deployment")) {
            JsonNode pod = d.spec().path("template").path("spec");
            if (pod.hasNonNull("serviceAccountName")) { // unset: the namespace's 'default', always there
                requireObject(d, "ServiceAccount", pod.path("serviceAccountName").asText(), "serviceAccountName");
            }
            for (JsonNode volume : pod.path("volumes")) {
                String where = "volume '" + volume.path("name").asText() + "'";
                if (volume.has("configMap") && !volume.path("configMap").path("optional").asBoolean(false)) {
                    requireObject(d, "ConfigMap", volume.path("configMap").path("name").asText(), where);
                }
                if (volume.has("secret") && !volume.path("secret").path("optional").asBoolean(false)) {
                    requireObject(d, "Secret", volume.path("secret").path("secretName").asText(), where);
                }
                if (volume.has("persistentVolumeClaim")) {
                    requireObject(d, "PersistentVolumeClaim",
                            volume.path("persistentVolumeClaim").path("claimName").asText(), where);
                }
            }
            for (String containers : List.of("initContainers", "containers")) {
                for (JsonNode c : pod.path(containers)) {
                    String container = "container " + c.path("name").asText();
                    for (JsonNode var : c.path("env")) {
                        JsonNode from = var.path("valueFrom");
                        String where = container + " env " + var.path("name").asText();
                        if (from.has("secretKeyRef") && !from.path("secretKeyRef").path("optional").asBoolean(false)) {
                            requireObject(d, "Secret", from.path("secretKeyRef").path("name").asText(), where);
                        }
                        if (from.has("configMapKeyRef")
                                && !from.path("configMapKeyRef").path("optional").asBoolean(false)) {
                            requireObject(d, "ConfigMap", from.path("configMapKeyRef").path("name").asText(), where);
                        }
                    }
                    for (JsonNode from : c.path("envFrom")) {
                        if (from.has("configMapRef")) {
                            requireObject(d, "ConfigMap", from.path("configMapRef").path("name").asText(),
                                    container + " envFrom");
                        }
                        if (from.has("secretRef")) {
                            requireObject(d, "Secret", from.path("secretRef").path("name").asText(),
                                    container + " envFrom");
                        }
                    }
                }
            }
        }
        for (Manifest auth : set.ofKind("TriggerAuthentication")) {
            for (JsonNode ref : auth.spec().path("secretTargetRef")) {
                requireObject(auth, "Secret", ref.path("name").asText(),
                        "secretTargetRef '" + ref.path("parameter").asText() + "'");
            }
        }
    }

    // --- Kafka: topics, users, cluster --------------------------------------------------------------------------

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

    private static String topicName(Manifest topic) {
        return topic.spec().path("topicName").asText(topic.name());
    }

    private Optional<Manifest> kafkaTopic(String name) {
        return set.ofKind("KafkaTopic").stream().filter(t -> topicName(t).equals(name)).findFirst();
    }

    private OptionalLong partitions(String topic) {
        return kafkaTopic(topic).filter(t -> t.spec().path("partitions").canConvertToLong())
                .map(t -> OptionalLong.of(t.spec().path("partitions").asLong())).orElse(OptionalLong.empty());
    }

    private void checkTopics() {
        Map<String, Map<String, String>> expected = new HashMap<>();
        for (Topics topic : Topics.values()) {
            expected.put(topic.topicName(), topic.topicConfig());
            expected.put(topic.deadLetterTopicName(), DEAD_LETTER_CONFIG);
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
            if (!t.spec().path("partitions").canConvertToLong() || t.spec().path("partitions").asLong() < 1) {
                problem(t, "partitions must be a number >= 1, is " + t.spec().path("partitions"));
            }
        }
        // the decoder's Streams join reads both by equation id: co-partitioned
        OptionalLong equations = partitions(Topics.EQUATIONS.topicName());
        OptionalLong networks = partitions(Topics.NETWORKS.topicName());
        if (equations.isPresent() && networks.isPresent() && equations.getAsLong() != networks.getAsLong()) {
            problem(kafkaTopic(Topics.NETWORKS.topicName()).orElseThrow(), "partitions " + networks.getAsLong()
                    + " differ from the " + equations.getAsLong() + " of 'equations' (the Streams join needs both equal)");
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

    // --- autoscaling --------------------------------------------------------------------------------------------

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
                    problem(so, "maxReplicaCount " + max + " exceeds the " + partitions.getAsLong()
                            + " partitions of '" + topic + "'");
                    singleExceeds.add(key);
                }
                maxReplicasByGroupAndTopic.merge(key, max, Long::sum);
                scaledObjectsOfGroupAndTopic.computeIfAbsent(key, k -> new ArrayList<>()).add(so);
                deployment.ifPresent(d -> checkConsumerGroup(so, d, group));
            }
        }
        maxReplicasByGroupAndTopic.forEach((key, sum) -> {
            long partitions = partitions(key.substring(key.indexOf(" on ") + 4)).orElse(Long.MAX_VALUE);
            if (sum > partitions && !singleExceeds.contains(key)) {
                List<Manifest> all = scaledObjectsOfGroupAndTopic.get(key);
                problem(all.get(0), "with " + all.subList(1, all.size()).stream().map(m -> "ScaledObject/" + m.name())
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
        problem(so, "kafka trigger bootstrapServers " + bootstrap + " is no listener's <kafka>-kafka-bootstrap."
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
                problem(so, "kafka trigger reads group '" + group + "', but " + deployment.kind() + "/"
                        + deployment.name() + " configures no *group-id of that value");
            }
        }
    }

    // --- labels and selectors -----------------------------------------------------------------------------------

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        var fields = selector.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private void checkSelectors() {
        List<Manifest> deployments = set.ofKind("Deployment");
        List<Manifest> services = set.ofKind("Service");
        for (Manifest d : deployments) {
            JsonNode selector = d.spec().path("selector").path("matchLabels");
            JsonNode labels = d.spec().path("template").path("metadata").path("labels");
            if (!selects(selector, labels)) {
                problem(d, "selector.matchLabels " + selector + " does not match the pod template labels " + labels);
            }
            if (services.stream().noneMatch(s -> selects(s.spec().path("selector"), labels))) {
                problem(d, "no Service selects its pods (labels " + labels + ")");
            }
            for (Manifest other : deployments) {
                if (other != d && selects(selector, other.spec().path("template").path("metadata").path("labels"))) {
                    problem(d, "selector also matches the pods of Deployment/" + other.name()
                            + ": two Deployments would fight over them");
                }
            }
        }
        for (Manifest s : services) {
            if (deployments.stream().noneMatch(d -> selects(s.spec().path("selector"),
                    d.spec().path("template").path("metadata").path("labels")))) {
                problem(s, "selector " + s.spec().path("selector") + " selects no Deployment's pods");
            }
        }
    }

    // --- images -------------------------------------------------------------------------------------------------

    private void checkImages() {
        Set<String> used = new HashSet<>();
        for (Workload w : workloads) {
            String image = w.container().path("image").asText("");
            if (w.image().isEmpty()) {
                problem(w, "image '" + image + "' is not in the kustomization's images list");
                continue;
            }
            used.add(image);
            Path dockerfile = set.repoRoot().resolve(w.image().get().module()).resolve("src/main/docker/Dockerfile.jvm");
            if (!Files.isRegularFile(dockerfile)) {
                problem(w, "image " + w.image().get().reference() + " has no Dockerfile: "
                        + set.repoRoot().relativize(dockerfile) + " is missing");
            }
        }
        for (String name : set.images().keySet()) {
            if (!used.contains(name)) {
                problems.add("kustomization.yaml: images entry '" + name + "' is used by no container");
            }
        }
    }

    // --- per container ------------------------------------------------------------------------------------------

    private void checkProbes(Workload w) {
        Map<String, String> expected = Map.of("livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            JsonNode probe = w.container().path(e.getKey()).path("httpGet");
            if (!probe.path("path").asText("").equals(e.getValue())) {
                problem(w, e.getKey() + " must GET " + e.getValue() + ", is "
                        + (probe.isMissingNode() ? "no HTTP probe" : probe.path("path").asText()));
                continue;
            }
            String port = probe.path("port").asText();
            boolean declared = false;
            for (JsonNode p : w.container().path("ports")) {
                declared |= port.equals(p.path("name").asText()) || port.equals(p.path("containerPort").asText());
            }
            if (!declared) {
                problem(w, e.getKey() + " port '" + port + "' is not a port of the container");
            }
        }
    }

    private void checkMemory(Workload w) {
        String limitText = w.container().path("resources").path("limits").path("memory").asText(null);
        OptionalLong limit = limitText == null ? OptionalLong.empty() : Sizes.quantity(limitText);
        if (limit.isEmpty()) {
            problem(w, "no memory limit (resources.limits.memory)");
            return;
        }
        String javaOpts = ContainerConfig.environment(w.container()).get("JAVA_OPTS");
        if (javaOpts == null) {
            problem(w, "no JAVA_OPTS: the JVM would size its heap and direct memory by itself");
            return;
        }
        OptionalLong heap = Sizes.jvmOption(javaOpts, "-Xmx");
        OptionalLong direct = Sizes.jvmOption(javaOpts, "-XX:MaxDirectMemorySize=");
        if (heap.isEmpty() || direct.isEmpty()) {
            problem(w, "JAVA_OPTS must set -Xmx and -XX:MaxDirectMemorySize (direct memory defaults to the heap size)");
            return;
        }
        long declared = heap.getAsLong() + direct.getAsLong()
                + Sizes.jvmOption(javaOpts, "-XX:MaxMetaspaceSize=").orElse(0)
                + Sizes.jvmOption(javaOpts, "-XX:ReservedCodeCacheSize=").orElse(0);
        if (declared > limit.getAsLong()) {
            problem(w, "memory limit " + limitText + " is below what JAVA_OPTS allows the JVM off and on heap ("
                    + Sizes.mebibytes(declared) + " = heap + direct + metaspace + code cache)");
        }
        String requestText = w.container().path("resources").path("requests").path("memory").asText(null);
        if (requestText != null && Sizes.quantity(requestText).orElse(0) > limit.getAsLong()) {
            problem(w, "memory request " + requestText + " exceeds its limit " + limitText);
        }
    }

    private static long gpus(JsonNode container) {
        JsonNode resources = container.path("resources");
        return Math.max(resources.path("limits").path(GPU).asLong(0), resources.path("requests").path(GPU).asLong(0));
    }

    private void checkGpu(Workload w) {
        boolean gpuBackend = w.config().is("w2e.trainer.backend", "djl") && w.config().is("w2e.trainer.djl.device", "gpu");
        long gpus = gpus(w.container());
        if (gpus > 0 && !gpuBackend) {
            problem(w, "requests " + GPU + " " + gpus + " but its config does not select the GPU backend"
                    + " (w2e.trainer.backend=" + w.config().get("w2e.trainer.backend").orElse("unset")
                    + ", w2e.trainer.djl.device=" + w.config().get("w2e.trainer.djl.device").orElse("unset") + ")");
        }
        if (gpuBackend && gpus == 0) {
            problem(w, "selects the GPU backend (djl on gpu) but requests no " + GPU);
        }
        if (gpus > 0) {
            boolean toGpuNodes = w.pod().path("nodeSelector").toString().contains("nvidia.com/gpu")
                    || w.pod().path("tolerations").toString().contains("nvidia.com/gpu");
            if (!toGpuNodes) {
                problem(w, "requests a GPU but has no nodeSelector or toleration for GPU nodes (nvidia.com/gpu)");
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
                if (hostPort.length == 2 && hostPort[0].equals(kafka.name() + "-kafka-bootstrap")
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
        String protocol = auth.startsWith("scram") ? (tls ? "SASL_SSL" : "SASL_PLAINTEXT") : (tls ? "SSL" : "PLAINTEXT");
        String actual = w.config().get(prefix + "security.protocol").orElse("PLAINTEXT");
        if (!actual.equals(protocol)) {
            problem(w, prefix + "security.protocol is " + actual + ", listener '" + listener.get().path("name").asText()
                    + "' needs " + protocol);
        }
        if (auth.equals("scram-sha-512")) {
            if (!w.config().is(prefix + "sasl.mechanism", "SCRAM-SHA-512")) {
                problem(w, prefix + "sasl.mechanism must be SCRAM-SHA-512, is "
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
                problem(w, prefix + "ssl.truststore.location " + truststore.orElse("unset")
                        + " is on no mounted volume (the cluster CA)");
            }
        }
    }

    private void checkPersistentPaths(Workload w) {
        for (String key : PERSISTENT_PATH_KEYS) {
            Optional<String> path = w.config().get(key);
            if (path.isEmpty()) {
                continue;
            }
            boolean onClaim = path.get().startsWith("/")
                    && w.volumeHolding(path.get()).map(v -> v.has("persistentVolumeClaim")).orElse(false);
            if (!onClaim) {
                problem(w, key + "=" + path.get() + " is not on a PersistentVolumeClaim mount: lost on restart");
            }
        }
    }

    private void checkConfigMount(Workload w) {
        if (w.dockerfile().isEmpty()) {
            return; // no Dockerfile (a problem already): its working directory is unknown
        }
        for (JsonNode volume : w.pod().path("volumes")) {
            if (volume.has("configMap")) {
                boolean mountedAtConfig = false;
                for (JsonNode mount : w.container().path("volumeMounts")) {
                    mountedAtConfig |= mount.path("name").asText().equals(volume.path("name").asText())
                            && mount.path("mountPath").asText().replaceAll("/+$", "")
                            .equals(w.workdir().replaceAll("/+$", "") + "/config");
                }
                if (!mountedAtConfig) {
                    problem(w, "ConfigMap volume '" + volume.path("name").asText() + "' is not mounted at "
                            + w.workdir() + "/config, where Quarkus reads application.properties");
                }
            }
        }
    }
}
