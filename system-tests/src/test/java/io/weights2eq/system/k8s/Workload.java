package io.weights2eq.system.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One container of a Deployment, with what the validator needs around it: its pod spec, the image after the
 * kustomization's transform, the Dockerfile that builds it (WORKDIR), and the configuration it will see.
 */
record Workload(
        Manifest deployment,
        JsonNode pod,
        JsonNode container,
        Optional<ManifestSet.Image> image,
        Optional<Path> dockerfile,
        String workdir,
        ContainerConfig config,
        boolean configKnown) {

    static Workload of(Manifest deployment, JsonNode container, ManifestSet set) {
        JsonNode pod = deployment.spec().path("template").path("spec");
        Optional<ManifestSet.Image> image = set.image(container.path("image").asText(""));
        Optional<Path> dockerfile = image.map(
                        i -> set.repoRoot().resolve(i.module()).resolve("src/main/docker/Dockerfile.jvm"))
                .filter(Files::isRegularFile);
        // the container's workingDir, else the image's WORKDIR: Quarkus reads <it>/config/application.properties
        String workdir = container.hasNonNull("workingDir")
                ? container.path("workingDir").asText()
                : dockerfile.map(Workload::workdir).orElse("/");
        Map<String, String> jar = image.map(i -> ContainerConfig.prodProperties(
                        set.repoRoot().resolve(i.module()).resolve("src/main/resources/application.properties")))
                .orElse(Map.of());
        Map<String, String> mounted = Map.of();
        // unknown without the Dockerfile (WORKDIR) or with the mounted ConfigMap missing (both reported as such)
        boolean configKnown = dockerfile.isPresent();
        for (JsonNode mount : container.path("volumeMounts")) {
            if (normalize(mount.path("mountPath").asText()).equals(normalize(workdir + "/config"))) {
                Optional<Manifest> configMap = volume(pod, mount.path("name").asText())
                        .filter(v -> v.has("configMap"))
                        .flatMap(v -> set.find(
                                "ConfigMap", v.path("configMap").path("name").asText()));
                mounted = configMap
                        .map(c -> ContainerConfig.prodProperties(c.node()
                                .path("data")
                                .path("application.properties")
                                .asText("")))
                        .orElse(Map.of());
                configKnown &= configMap.isPresent();
            }
        }
        return new Workload(
                deployment,
                pod,
                container,
                image,
                dockerfile,
                workdir,
                new ContainerConfig(jar, mounted, ContainerConfig.environment(container)),
                configKnown);
    }

    static List<Workload> all(ManifestSet set) {
        return set.ofKind("Deployment").stream()
                .flatMap(d -> {
                    JsonNode containers = d.spec().path("template").path("spec").path("containers");
                    return java.util.stream.StreamSupport.stream(containers.spliterator(), false)
                            .map(c -> of(d, c, set));
                })
                .toList();
    }

    String id() {
        return deployment.id() + " container " + container.path("name").asText("?");
    }

    /** The pod volume of that name. */
    static Optional<JsonNode> volume(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return Optional.of(volume);
            }
        }
        return Optional.empty();
    }

    /** The volume mounted at a directory that holds {@code path}, if any. */
    Optional<JsonNode> volumeHolding(String path) {
        String file = normalize(path);
        for (JsonNode mount : container.path("volumeMounts")) {
            String dir = normalize(mount.path("mountPath").asText());
            if (file.equals(dir) || file.startsWith(dir + "/")) {
                return volume(pod, mount.path("name").asText());
            }
        }
        return Optional.empty();
    }

    private static String workdir(Path dockerfile) {
        try {
            String workdir = "/";
            for (String line : Files.readAllLines(dockerfile)) {
                if (line.trim().toUpperCase().startsWith("WORKDIR ")) {
                    workdir = line.trim().substring("WORKDIR ".length()).trim();
                }
            }
            return workdir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String normalize(String path) {
        String p = path.replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
