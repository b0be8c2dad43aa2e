package io.weights2eq.system.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration a Quarkus service in a container sees, in Quarkus' order (later wins): the jar's own
 * {@code <module>/src/main/resources/application.properties} (prod profile: {@code %profile.} keys ignored),
 * a ConfigMap's {@code application.properties} mounted at {@code <WORKDIR>/config}, then the container's
 * environment ({@code w2e.trainer.backend} is also read from {@code W2E_TRAINER_BACKEND}). {@code ${NAME}} and
 * {@code ${NAME:default}} expressions are expanded; a variable taken from a Secret reads as
 * {@code <secret NAME/KEY>}, since its value exists only in the cluster.
 */
final class ContainerConfig {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    private final Map<String, String> jar;
    private final Map<String, String> mounted;
    private final Map<String, String> env;

    ContainerConfig(Map<String, String> jar, Map<String, String> mounted, Map<String, String> env) {
        this.jar = jar;
        this.mounted = mounted;
        this.env = env;
    }

    /** The expanded value of {@code key}, where any layer sets it. */
    Optional<String> get(String key) {
        return raw(key).map(v -> expand(v, 0));
    }

    boolean is(String key, String expected) {
        return get(key).map(expected::equals).orElse(false);
    }

    /** Every key the file layers set (the environment holds other things too). */
    Iterable<String> fileKeys() {
        Map<String, String> all = new LinkedHashMap<>(jar);
        all.putAll(mounted);
        return all.keySet();
    }

    private Optional<String> raw(String key) {
        String fromEnv = env.containsKey(key) ? env.get(key) : env.get(envName(key));
        if (fromEnv != null) {
            return Optional.of(fromEnv);
        }
        if (mounted.containsKey(key)) {
            return Optional.of(mounted.get(key));
        }
        return Optional.ofNullable(jar.get(key));
    }

    private String expand(String value, int depth) {
        if (depth > 10) {
            throw new IllegalStateException("expressions nested deeper than 10 in '" + value + "'");
        }
        Matcher m = EXPRESSION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement =
                    raw(m.group(1)).map(v -> expand(v, depth + 1)).orElse(m.group(2) != null ? m.group(2) : m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** MicroProfile Config's environment name of a property: non-alphanumerics to '_', upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    /** The container's environment: literal values, and markers for Secret and ConfigMap references. */
    static Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode var : container.path("env")) {
            JsonNode from = var.path("valueFrom");
            String value;
            if (from.has("secretKeyRef")) {
                value = "<secret " + from.path("secretKeyRef").path("name").asText() + "/"
                        + from.path("secretKeyRef").path("key").asText() + ">";
            } else if (from.has("configMapKeyRef")) {
                value = "<configmap "
                        + from.path("configMapKeyRef").path("name").asText() + "/"
                        + from.path("configMapKeyRef").path("key").asText() + ">";
            } else {
                value = var.path("value").asText("");
            }
            env.put(var.path("name").asText(), value);
        }
        return env;
    }

    /** A properties text in prod-profile view: {@code %dev.}, {@code %test.} keys left out. */
    static Map<String, String> prodProperties(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                map.put(key, properties.getProperty(key));
            }
        }
        return map;
    }

    static Map<String, String> prodProperties(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return prodProperties(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
