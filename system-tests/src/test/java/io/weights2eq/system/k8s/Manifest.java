package io.weights2eq.system.k8s;

import com.fasterxml.jackson.databind.JsonNode;

/** One Kubernetes object of a manifest file, with the file it came from (for messages that name both). */
record Manifest(String file, JsonNode node) {

    String kind() {
        return node.path("kind").asText("");
    }

    String name() {
        return node.path("metadata").path("name").asText("");
    }

    JsonNode spec() {
        return node.path("spec");
    }

    String label(String key) {
        return node.path("metadata").path("labels").path(key).asText(null);
    }

    boolean is(String kind, String name) {
        return kind().equals(kind) && name().equals(name);
    }

    /** How problems name this object: {@code file: Kind/name}. */
    String id() {
        return file + ": " + kind() + "/" + name();
    }
}
