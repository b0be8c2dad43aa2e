package io.weights2eq.system.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects {@code kubectl apply -k DIR} would create: every document of every file the kustomization.yaml lists
 * under {@code resources}, and its {@code images} list (the one place for image names), applied the way kustomize
 * does it. Also where the repository is, for the Dockerfiles and the services' own application.properties.
 * What cannot be loaded (a listed file missing, a document that is not an object) is a load problem, reported
 * by the validator with the others.
 */
final class ManifestSet {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** An entry of the kustomization's {@code images} list. */
    record Image(String newName, String newTag) {
        String reference() {
            return newTag == null ? newName : newName + ":" + newTag;
        }

        /** The module whose Dockerfile builds it: the last segment of the name (weights2eq/trainer-service). */
        String module() {
            return newName.substring(newName.lastIndexOf('/') + 1);
        }
    }

    private final Path dir;
    private final Path repoRoot;
    private final List<Manifest> manifests;
    private final Map<String, Image> images;
    private final List<String> loadProblems;
    private final String namespace;

    private ManifestSet(
            Path dir,
            Path repoRoot,
            List<Manifest> manifests,
            Map<String, Image> images,
            List<String> loadProblems,
            String namespace) {
        this.namespace = namespace;
        this.dir = dir;
        this.repoRoot = repoRoot;
        this.manifests = List.copyOf(manifests);
        this.images = Map.copyOf(images);
        this.loadProblems = List.copyOf(loadProblems);
    }

    /** Loads {@code k8sDir/kustomization.yaml} and what it lists; {@code repoRoot} holds the service modules. */
    static ManifestSet load(Path k8sDir, Path repoRoot) {
        Path kustomizationFile = k8sDir.resolve("kustomization.yaml");
        JsonNode kustomization = readOne(kustomizationFile);
        List<Manifest> manifests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            String file = resource.asText();
            Path path = k8sDir.resolve(file);
            if (!Files.isRegularFile(path)) {
                problems.add("kustomization.yaml: resources: '" + file + "' is not a file in " + k8sDir);
                continue;
            }
            int index = 0;
            for (JsonNode document : readAll(path)) {
                index++;
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue; // a comment-only document, e.g. a header before the first '---'
                }
                if (!document.isObject()) {
                    problems.add(file + ": document " + index + " is not an object");
                    continue;
                }
                manifests.add(new Manifest(file, document));
            }
        }
        Map<String, Image> images = new LinkedHashMap<>();
        for (JsonNode image : kustomization.path("images")) {
            String name = image.path("name").asText();
            images.put(
                    name,
                    new Image(
                            image.path("newName").asText(name),
                            image.hasNonNull("newTag") ? image.path("newTag").asText() : null));
        }
        return new ManifestSet(
                k8sDir,
                repoRoot,
                manifests,
                images,
                problems,
                kustomization.path("namespace").asText("default"));
    }

    List<Manifest> all() {
        return manifests;
    }

    List<Manifest> ofKind(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    Optional<Manifest> find(String kind, String name) {
        return manifests.stream().filter(m -> m.is(kind, name)).findFirst();
    }

    Map<String, Image> images() {
        return images;
    }

    /** The image a container's {@code image:} becomes after kustomize's images transform. */
    Optional<Image> image(String containerImage) {
        String key = containerImage.contains(":")
                ? containerImage.substring(0, containerImage.lastIndexOf(':'))
                : containerImage;
        return Optional.ofNullable(images.get(key));
    }

    /** The namespace kustomize puts every object in. */
    String namespace() {
        return namespace;
    }

    Path dir() {
        return dir;
    }

    Path repoRoot() {
        return repoRoot;
    }

    List<String> loadProblems() {
        return loadProblems;
    }

    private static JsonNode readOne(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<JsonNode> readAll(Path file) {
        try (MappingIterator<JsonNode> documents =
                YAML.readerFor(JsonNode.class).readValues(YAML.getFactory().createParser(file.toFile()))) {
            List<JsonNode> all = new ArrayList<>();
            while (documents.hasNextValue()) {
                all.add(documents.nextValue());
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }
}
