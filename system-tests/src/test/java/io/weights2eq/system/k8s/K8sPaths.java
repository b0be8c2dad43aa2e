package io.weights2eq.system.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Where the manifests are, and broken copies of them for the negative tests. */
final class K8sPaths {
    /** The repository: the parent of this module (Surefire's basedir). */
    static final Path REPO_ROOT = Path.of(System.getProperty("basedir", "."))
            .toAbsolutePath()
            .normalize()
            .getParent();

    static final Path MANIFESTS = REPO_ROOT.resolve("deploy").resolve("k8s");

    private K8sPaths() {}

    static ManifestSet shipped() {
        return ManifestSet.load(MANIFESTS, REPO_ROOT);
    }

    /**
     * A copy of deploy/k8s under {@code target} with each named file edited; fails when an edit changes nothing,
     * so that a test cannot pass on a mutation that no longer applies.
     */
    static ManifestSet brokenCopy(Path target, Map<String, UnaryOperator<String>> edits) {
        try (Stream<Path> files = Files.walk(MANIFESTS)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(MANIFESTS.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
            for (Map.Entry<String, UnaryOperator<String>> edit : edits.entrySet()) {
                Path file = target.resolve(edit.getKey());
                String before = Files.readString(file);
                String after = edit.getValue().apply(before);
                if (after.equals(before)) {
                    throw new IllegalStateException("the edit of " + edit.getKey() + " changed nothing");
                }
                Files.writeString(file, after);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ManifestSet.load(target, REPO_ROOT);
    }

    /** An edit that replaces the first occurrence of {@code from}. */
    static UnaryOperator<String> replaceFirst(String from, String to) {
        return text ->
                text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    /** An edit that replaces every occurrence of {@code from}. */
    static UnaryOperator<String> replaceAll(String from, String to) {
        return text -> text.replace(from, to);
    }
}
