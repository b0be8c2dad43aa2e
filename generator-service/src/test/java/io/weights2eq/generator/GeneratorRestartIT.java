package io.weights2eq.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weights2eq.kafkalocal.KafkaBroker;
import io.weights2eq.schema.avro.Equation;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, killed with SIGKILL in the middle of a job and started again, finishes the
 * job from its saved watermark: every index ends up in the topic, and re-sent ones are identical.
 */
class GeneratorRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.startOnFreePorts();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aGeneratorKilledMidJobResumesWithoutLosingAnIndex() throws Exception {
        int port = freePort();
        Process first = startService(port, "first");
        String id;
        try {
            awaitReady(port);
            JsonNode submitted =
                    post(port, "{\"count\": 2000, \"seed\": 11, \"samplesPerEquation\": 1000, \"ratePerSecond\": 400}");
            id = submitted.get("id").asText();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (get(port, id).get("acknowledged").asLong() < 700 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(get(port, id).get("acknowledged").asLong() >= 700, "job made progress before the kill");
        } finally {
            first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no final save
        }

        Process second = startService(port, "second");
        try {
            awaitReady(port);
            JsonNode status = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                status = get(port, id);
                if ("COMPLETED".equals(status.get("state").asText())) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals("COMPLETED", status.get("state").asText(), "resumed job state: " + status);
        } finally {
            second.destroy();
            second.waitFor();
        }

        EquationTopic.Contents contents = EquationTopic.readAll(broker.bootstrapServers());
        Set<Long> indexes = new TreeSet<>();
        for (Equation eq : contents.byKey().values()) {
            if (eq.getJobId().equals(id)) {
                EquationChecks.assertConsistent(eq, 1000);
                indexes.add(eq.getIndex());
            }
        }
        assertEquals(2000, indexes.size(), "distinct indexes after the restart");
        assertEquals(0, contents.duplicatesWithOtherBytes(), "a re-sent index must carry the same bytes");
        System.out.printf(
                "restart: %d records for 2000 distinct keys (%d duplicates re-sent after the kill)%n",
                contents.records(), contents.records() - 2000);
    }

    private static Process startService(int port, String name) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        Path log = Path.of("target/restart-it-" + name + ".log");
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dkafka.bootstrap.servers=" + broker.bootstrapServers(),
                        "-Dquarkus.http.port=" + port,
                        "-jar",
                        jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var response = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("service on port " + port + " not ready in 60 s");
    }

    private static JsonNode post(int port, String body) throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/jobs"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode get(int port, String id) throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/jobs/" + id))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
