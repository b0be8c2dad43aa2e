package io.weights2eq.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as its own JVM, as a user runs
 * it: configuration as {@code -D} system properties, its own working directory (relative state and checkpoint
 * directories live there, and survive a restart of the same instance), its log in {@code target/<name>.log}.
 * {@link #kill()} is SIGKILL (no shutdown hook runs); {@link #stop()} is SIGTERM, then SIGKILL after a minute.
 */
public final class PackagedService implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Service service;
    private final String name;
    private final int port;
    private final Path workDir;
    private final Map<String, String> properties;
    private Process process;
    private int starts;

    private PackagedService(Service service, String name, Path workDir, Map<String, String> properties) {
        this.service = service;
        this.name = name;
        this.port = freePort();
        this.workDir = workDir;
        this.properties = new LinkedHashMap<>(properties);
    }

    /** Starts {@code service} as {@code name} (its log file and working directory) with these system properties. */
    public static PackagedService start(Service service, String name, Map<String, String> properties) {
        Path workDir = targetDir().resolve("services").resolve(name);
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PackagedService s = new PackagedService(service, name, workDir, properties);
        s.restart();
        return s;
    }

    /** Starts the process again (after {@link #kill()} or {@link #stop()}) with the same port, directory and settings. */
    public synchronized PackagedService restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        Path jar = home().resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " missing: package " + service.module() + " first (./mvnw verify does)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-modules");
        command.add("jdk.incubator.vector");
        command.add("-Xmx768m");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dw2e.decoder.model=" + home().resolve("models"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        starts++;
        Path log = log();
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(
                        starts == 1
                                ? ProcessBuilder.Redirect.to(log.toFile())
                                : ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment()
                .put(
                        "DJL_CACHE_DIR",
                        home().resolve("training-djl/target/djl-cache").toString());
        pb.environment().put("DJL_OFFLINE", "true");
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        return this;
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public PackagedService awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        name + " exited with " + process.exitValue() + " while starting; see " + log());
            }
            last = statusOf("/q/health/ready");
            if (last == 200) {
                return this;
            }
            sleep(250);
        }
        throw new AssertionError(name + " not ready within " + timeout + " (last answer " + last + "); see " + log());
    }

    /** SIGKILL: no shutdown hook, no final commit or checkpoint. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM, then SIGKILL if the service has not stopped within a minute. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(60))) {
                kill();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public Path workDir() {
        return workDir;
    }

    public Path log() {
        return targetDir().resolve(name + ".log");
    }

    /** GET {@code path}: the status code, or -1 when nothing answered. */
    public int statusOf(String path) {
        try {
            return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** GET {@code path} as JSON; fails the test unless it answers 200. */
    public JsonNode getJson(String path) {
        HttpResponse<String> r = send(request(path).GET().build());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " of " + name + " answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    /** GET {@code path}: the whole response (status and body), whatever the status. */
    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** POST a JSON body; returns the whole response (status and body) for the test to check. */
    public HttpResponse<String> postJson(String path, String body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** The Prometheus text of {@code /q/metrics}. */
    public String metrics() {
        return send(request("/q/metrics").GET().build()).body();
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The repository root (set by the build; the module's parent when run from the module directory). */
    public static Path home() {
        String h = System.getProperty("w2e.home");
        return (h != null && !h.isBlank() ? Path.of(h) : Path.of(".."))
                .toAbsolutePath()
                .normalize();
    }

    static Path targetDir() {
        return home().resolve("system-tests/target");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
