package io.weights2eq.system.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every document has apiVersion, kind and a name; every ConfigMap, Secret, PVC and ServiceAccount a Deployment or
 * TriggerAuthentication names exists (or an operator creates it).
 */
final class ReferenceChecks extends Checks {
    ReferenceChecks(ManifestSet set, List<Workload> workloads, List<String> problems) {
        super(set, workloads, problems);
    }

    @Override
    void run() {
        checkStructure();
        checkReferences();
    }

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
        if (set.find(kind, name).isPresent()
                || kind.equals("Secret") && operatorSecrets().contains(name)) {
            return;
        }
        problem(
                from,
                where + " refers to " + kind + " '" + name + "', which is not in the set"
                        + (kind.equals("Secret") ? " (nor a KafkaUser's or a Kafka cluster CA's Secret)" : ""));
    }

    private void checkReferences() {
        for (Manifest d : set.ofKind("Deployment")) {
            JsonNode pod = d.spec().path("template").path("spec");
            if (pod.hasNonNull("serviceAccountName")) { // unset: the namespace's 'default', always there
                requireObject(
                        d, "ServiceAccount", pod.path("serviceAccountName").asText(), "serviceAccountName");
            }
            for (JsonNode volume : pod.path("volumes")) {
                String where = "volume '" + volume.path("name").asText() + "'";
                if (volume.has("configMap")
                        && !volume.path("configMap").path("optional").asBoolean(false)) {
                    requireObject(
                            d,
                            "ConfigMap",
                            volume.path("configMap").path("name").asText(),
                            where);
                }
                if (volume.has("secret")
                        && !volume.path("secret").path("optional").asBoolean(false)) {
                    requireObject(
                            d,
                            "Secret",
                            volume.path("secret").path("secretName").asText(),
                            where);
                }
                if (volume.has("persistentVolumeClaim")) {
                    requireObject(
                            d,
                            "PersistentVolumeClaim",
                            volume.path("persistentVolumeClaim")
                                    .path("claimName")
                                    .asText(),
                            where);
                }
            }
            for (String containers : List.of("initContainers", "containers")) {
                for (JsonNode c : pod.path(containers)) {
                    String container = "container " + c.path("name").asText();
                    for (JsonNode var : c.path("env")) {
                        JsonNode from = var.path("valueFrom");
                        String where = container + " env " + var.path("name").asText();
                        if (from.has("secretKeyRef")
                                && !from.path("secretKeyRef").path("optional").asBoolean(false)) {
                            requireObject(
                                    d,
                                    "Secret",
                                    from.path("secretKeyRef").path("name").asText(),
                                    where);
                        }
                        if (from.has("configMapKeyRef")
                                && !from.path("configMapKeyRef")
                                        .path("optional")
                                        .asBoolean(false)) {
                            requireObject(
                                    d,
                                    "ConfigMap",
                                    from.path("configMapKeyRef").path("name").asText(),
                                    where);
                        }
                    }
                    for (JsonNode from : c.path("envFrom")) {
                        if (from.has("configMapRef")) {
                            requireObject(
                                    d,
                                    "ConfigMap",
                                    from.path("configMapRef").path("name").asText(),
                                    container + " envFrom");
                        }
                        if (from.has("secretRef")) {
                            requireObject(
                                    d,
                                    "Secret",
                                    from.path("secretRef").path("name").asText(),
                                    container + " envFrom");
                        }
                    }
                }
            }
        }
        for (Manifest auth : set.ofKind("TriggerAuthentication")) {
            for (JsonNode ref : auth.spec().path("secretTargetRef")) {
                requireObject(
                        auth,
                        "Secret",
                        ref.path("name").asText(),
                        "secretTargetRef '" + ref.path("parameter").asText() + "'");
            }
        }
    }
}
