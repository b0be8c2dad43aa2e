package io.weights2eq.system.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Each container: probes on /q/health, a memory limit above what JAVA_OPTS allows, a GPU exactly when the GPU
 * backend is configured, state on persistent volumes, the ConfigMap where Quarkus reads it.
 */
final class ContainerChecks extends Checks {
    private static final String GPU = ManifestValidator.GPU;

    ContainerChecks(ManifestSet set, List<Workload> workloads, List<String> problems) {
        super(set, workloads, problems);
    }

    @Override
    void run() {
        for (Workload w : workloads) {
            checkProbes(w);
            checkMemory(w);
            checkConfigMount(w);
        }
        for (Workload w : knownConfig()) {
            checkGpu(w);
            checkPersistentPaths(w);
        }
    }

    private void checkProbes(Workload w) {
        Map<String, String> expected = Map.of("livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            JsonNode probe = w.container().path(e.getKey()).path("httpGet");
            if (!probe.path("path").asText("").equals(e.getValue())) {
                problem(
                        w,
                        e.getKey() + " must GET " + e.getValue() + ", is "
                                + (probe.isMissingNode()
                                        ? "no HTTP probe"
                                        : probe.path("path").asText()));
                continue;
            }
            String port = probe.path("port").asText();
            boolean declared = false;
            for (JsonNode p : w.container().path("ports")) {
                declared |= port.equals(p.path("name").asText())
                        || port.equals(p.path("containerPort").asText());
            }
            if (!declared) {
                problem(w, e.getKey() + " port '" + port + "' is not a port of the container");
            }
        }
    }

    private void checkMemory(Workload w) {
        String limitText =
                w.container().path("resources").path("limits").path("memory").asText(null);
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
        long declared = heap.getAsLong()
                + direct.getAsLong()
                + Sizes.jvmOption(javaOpts, "-XX:MaxMetaspaceSize=").orElse(0)
                + Sizes.jvmOption(javaOpts, "-XX:ReservedCodeCacheSize=").orElse(0);
        if (declared > limit.getAsLong()) {
            problem(
                    w,
                    "memory limit " + limitText + " is below what JAVA_OPTS allows the JVM off and on heap ("
                            + Sizes.mebibytes(declared) + " = heap + direct + metaspace + code cache)");
        }
        String requestText =
                w.container().path("resources").path("requests").path("memory").asText(null);
        if (requestText != null && Sizes.quantity(requestText).orElse(0) > limit.getAsLong()) {
            problem(w, "memory request " + requestText + " exceeds its limit " + limitText);
        }
    }

    private static long gpus(JsonNode container) {
        JsonNode resources = container.path("resources");
        return Math.max(
                resources.path("limits").path(GPU).asLong(0),
                resources.path("requests").path(GPU).asLong(0));
    }

    private void checkGpu(Workload w) {
        boolean gpuBackend =
                w.config().is("w2e.trainer.backend", "djl") && w.config().is("w2e.trainer.djl.device", "gpu");
        long gpus = gpus(w.container());
        if (gpus > 0 && !gpuBackend) {
            problem(
                    w,
                    "requests " + GPU + " " + gpus + " but its config does not select the GPU backend"
                            + " (w2e.trainer.backend="
                            + w.config().get("w2e.trainer.backend").orElse("unset")
                            + ", w2e.trainer.djl.device="
                            + w.config().get("w2e.trainer.djl.device").orElse("unset") + ")");
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

    private void checkPersistentPaths(Workload w) {
        for (String key : ManifestValidator.PERSISTENT_PATH_KEYS) {
            Optional<String> path = w.config().get(key);
            if (path.isEmpty()) {
                continue;
            }
            boolean onClaim = path.get().startsWith("/")
                    && w.volumeHolding(path.get())
                            .map(v -> v.has("persistentVolumeClaim"))
                            .orElse(false);
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
                    mountedAtConfig |= mount.path("name")
                                    .asText()
                                    .equals(volume.path("name").asText())
                            && mount.path("mountPath")
                                    .asText()
                                    .replaceAll("/+$", "")
                                    .equals(w.workdir().replaceAll("/+$", "") + "/config");
                }
                if (!mountedAtConfig) {
                    problem(
                            w,
                            "ConfigMap volume '" + volume.path("name").asText() + "' is not mounted at " + w.workdir()
                                    + "/config, where Quarkus reads application.properties");
                }
            }
        }
    }
}
