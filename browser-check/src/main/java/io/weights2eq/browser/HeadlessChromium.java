package io.weights2eq.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A headless Chromium process with the DevTools protocol on a port it picks itself
 * ({@code --remote-debugging-port=0}), a fresh profile directory (deleted on close) and nothing that talks to the
 * network on its own. The browser's DevTools WebSocket address comes from {@code <profile>/DevToolsActivePort}.
 */
public final class HeadlessChromium implements AutoCloseable {
    private final Process process;
    private final Path profile;
    private final URI devTools;

    private HeadlessChromium(Process process, Path profile, URI devTools) {
        this.process = process;
        this.profile = profile;
        this.devTools = devTools;
    }

    /** Starts Chromium and waits (up to {@code startTimeout}) until its DevTools endpoint is announced. */
    public static HeadlessChromium start(Path executable, Duration startTimeout) throws IOException {
        Path profile = Files.createTempDirectory("w2e-chromium-");
        Path log = profile.resolve("chromium.log");
        List<String> command = List.of(
                executable.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "about:blank");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + startTimeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("chromium exited with status " + process.exitValue() + " before announcing "
                            + "its DevTools port: " + tail(log));
                }
                List<String> lines = Files.exists(portFile) ? Files.readAllLines(portFile) : List.of();
                if (lines.size() >= 2 && !lines.get(1).isBlank()) { // written whole once both lines are there
                    URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).trim()
                            + lines.get(1).trim());
                    return new HeadlessChromium(process, profile, uri);
                }
                Thread.sleep(50);
            }
            throw new IOException("chromium did not announce its DevTools port within " + startTimeout.toSeconds()
                    + " s: " + tail(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting chromium", e);
        } catch (IOException | RuntimeException e) {
            stop(process);
            deleteTree(profile);
            throw e;
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(no output)" : text.substring(Math.max(0, text.length() - 800));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** The browser-level DevTools WebSocket address. */
    public URI devToolsUri() {
        return devTools;
    }

    private static void stop(Process process) {
        List<ProcessHandle> helpers = process.descendants().toList(); // renderer and zygote, known while it lives
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        helpers.forEach(ProcessHandle::destroyForcibly);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp profile left behind is harmless
        }
    }

    @Override
    public void close() {
        stop(process);
        deleteTree(profile);
    }
}
