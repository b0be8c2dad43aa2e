package io.weights2eq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code generate} against a fake generator-service speaking the REST contract. */
class GenerateCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicReference<JsonNode> posted = new AtomicReference<>();
    final AtomicInteger polls = new AtomicInteger();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A job that completes after {@code pollsToComplete} GETs, ending in {@code finalState}. */
    String startFake(int pollsToComplete, String finalState) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/jobs", exchange -> {
            requests.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            switch (exchange.getRequestMethod()) {
                case "POST" -> {
                    JsonNode body = JSON.readTree(exchange.getRequestBody());
                    posted.set(body);
                    if (body.path("count").asLong() <= 0) {
                        respond(
                                exchange,
                                400,
                                "{\"violations\":[{\"field\":\"count\",\"message\":\"must be greater than 0\"}]}");
                    } else {
                        respond(
                                exchange,
                                202,
                                status("RUNNING", 0, body.path("count").asLong()));
                    }
                }
                case "GET" -> {
                    int n = polls.incrementAndGet();
                    long total = posted.get().path("count").asLong();
                    respond(
                            exchange,
                            200,
                            n >= pollsToComplete
                                    ? status(finalState, total, total)
                                    : status("RUNNING", total * n / pollsToComplete, total));
                }
                case "DELETE" -> respond(exchange, 200, status("CANCELLED", 0, 0));
                default -> respond(exchange, 405, "{}");
            }
        });
        server.start();
        return "http://localhost:" + server.getAddress().getPort();
    }

    static String status(String state, long acknowledged, long total) {
        return "{\"id\":\"job-7\",\"state\":\"" + state + "\",\"total\":" + total + ",\"produced\":" + acknowledged
                + ",\"acknowledged\":" + acknowledged + ",\"ratePerSecond\":1234.5,\"sampleBytesPerSecond\":9.8E7,"
                + "\"etaSeconds\":3.2,\"error\":" + ("FAILED".equals(state) ? "\"boom\"" : "null")
                + ",\"someFutureField\":{\"a\":1}}";
    }

    static void respond(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void followsAJobToCompletion() throws Exception {
        String url = startFake(3, "COMPLETED");
        W2eCliBrokerTest.Result r = cli(
                "generate",
                "--url",
                url + "/",
                "--count",
                "1000",
                "--seed",
                "42",
                "--family",
                "servant",
                "--samples",
                "5000",
                "--rate",
                "250.5",
                "--x-min",
                "-2",
                "--x-max",
                "2",
                "--poll-ms",
                "20");
        assertEquals(0, r.rc(), r.toString());
        JsonNode body = posted.get();
        assertEquals(1000, body.path("count").asLong());
        assertEquals(42, body.path("seed").asLong());
        assertEquals("servant", body.path("family").path("mode").asText());
        assertEquals(5000, body.path("samplesPerEquation").asLong());
        assertEquals(250.5, body.path("ratePerSecond").asDouble());
        assertEquals(-2.0, body.path("xMin").asDouble());
        assertEquals(2.0, body.path("xMax").asDouble());
        assertTrue(r.out().startsWith("job job-7 COMPLETED: 1000/1000 equations acknowledged"), r.out());
        assertEquals("POST /jobs", requests.get(0));
        assertTrue(requests.stream().skip(1).allMatch(x -> x.equals("GET /jobs/job-7")), requests.toString());
    }

    @Test
    void onlyCountIsSentWhenNothingElseIsGiven() throws Exception {
        String url = startFake(1, "COMPLETED");
        assertEquals(
                0,
                cli("generate", "--url", url, "--count", "5", "--poll-ms", "10").rc());
        assertEquals(List.of("count"), iterable(posted.get().fieldNames()));
    }

    @Test
    void aFailedJobExitsNonZeroWithItsError() throws Exception {
        String url = startFake(2, "FAILED");
        W2eCliBrokerTest.Result r = cli("generate", "--url", url, "--count", "10", "--poll-ms", "10", "--no-progress");
        assertEquals(1, r.rc(), r.toString());
        assertTrue(r.out().contains("FAILED") && r.out().contains("error: boom"), r.out());
    }

    @Test
    void violationsAreShown() throws Exception {
        String url = startFake(1, "COMPLETED");
        W2eCliBrokerTest.Result r = cli("generate", "--url", url, "--count", "0");
        assertEquals(2, r.rc(), r.toString());
        assertTrue(r.err().contains("count: must be greater than 0"), r.err());
    }

    @Test
    void anUnreachableServiceAndBadOptionsAreUsageErrors() {
        assertEquals(
                2,
                cli("generate", "--url", "http://localhost:1", "--count", "3").rc());
        assertEquals(2, cli("generate", "--url", "http://localhost:1").rc());
        assertEquals(2, cli("generate", "--count", "x").rc());
        assertEquals(2, cli("generate", "--count", "3", "--bogus", "1").rc());
        assertEquals(2, cli("nonsense").rc());
    }

    @Test
    void progressLine() throws Exception {
        String line = GenerateCommand.ProgressBar.render(JSON.readTree(status("RUNNING", 650, 1000)), 1.0);
        assertTrue(line.contains("650/1000  65.0%  1234.5 eq/s  98.0 MB/s  ETA 3s  RUNNING"), line);
        assertEquals("1m05s", GenerateCommand.ProgressBar.formatSeconds(65));
        assertEquals("--", GenerateCommand.ProgressBar.formatSeconds(Double.NaN));
    }

    static List<String> iterable(java.util.Iterator<String> it) {
        List<String> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    static W2eCliBrokerTest.Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = W2eCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new W2eCliBrokerTest.Result(
                rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
