package io.weights2eq.system.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Labels and images: each Deployment selects its own pods only and a Service selects them; each image is in the
 * kustomization's list and built by its module's Dockerfile.jvm.
 */
final class SelectorChecks extends Checks {
    SelectorChecks(ManifestSet set, List<Workload> workloads, List<String> problems) {
        super(set, workloads, problems);
    }

    @Override
    void run() {
        checkSelectors();
        checkImages();
    }

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
                if (other != d
                        && selects(
                                selector,
                                other.spec().path("template").path("metadata").path("labels"))) {
                    problem(
                            d,
                            "selector also matches the pods of Deployment/" + other.name()
                                    + ": two Deployments would fight over them");
                }
            }
        }
        for (Manifest s : services) {
            if (deployments.stream()
                    .noneMatch(d -> selects(
                            s.spec().path("selector"),
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
            Path dockerfile =
                    set.repoRoot().resolve(w.image().get().module()).resolve("src/main/docker/Dockerfile.jvm");
            if (!Files.isRegularFile(dockerfile)) {
                problem(
                        w,
                        "image " + w.image().get().reference() + " has no Dockerfile: "
                                + set.repoRoot().relativize(dockerfile) + " is missing");
            }
        }
        for (String name : set.images().keySet()) {
            if (!used.contains(name)) {
                problems.add("kustomization.yaml: images entry '" + name + "' is used by no container");
            }
        }
    }
}
