package io.weights2eq.cli;

import static io.weights2eq.cli.CliTestRecords.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.weights2eq.cli.CliTestRecords.Result;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench-decode} against an in-process HTTP server that stands in for {@code POST /decode}. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BenchDecodeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> BODIES = List.of(
            "{\"id\":\"n1\",\"layers\":[1,1],\"activation\":\"relu\",\"weights\":[[[1.0]]],\"biases\":[[0.0]]}",
            "{\"id\":\"n2\",\"layers\":[1,1],\"activation\":\"relu\",\"weights\":[[[2.0]]],\"biases\":[[0.0]]}",
            "{\"id\":\"n3\",\"layers\":[1,1],\"activation\":\"relu\",\"weights\":[[[3.0]]],\"biases\":[[0.0]]}");

    @TempDir
    Path dir;

    Path input;
    HttpServer server;
    ExecutorService executor;
    final AtomicInteger requests = new AtomicInteger();
    final Map<String, AtomicInteger> bodies = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> methods = new ConcurrentHashMap<>();
    /** When above 0, every failEvery-th request (1-based) is answered 500. */
    volatile int failEvery;

    @BeforeEach
    void start() throws IOException {
        input = dir.resolve("networks.jsonl");
        // a blank line between, which is skipped
        Files.writeString(input, BODIES.get(0) + "\n" + BODIES.get(1) + "\n\n" + BODIES.get(2) + "\n");
        server = HttpServer.create(new InetSocketAddress(0), 0);
        server.createContext("/decode", this::handle);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int n = requests.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
        methods.computeIfAbsent(
                        exchange.getRequestMethod() + " "
                                + exchange.getRequestURI().getPath() + " "
                                + exchange.getRequestHeaders().getFirst("Content-Type"),
                        m -> new AtomicInteger())
                .incrementAndGet();
        int status = failEvery > 0 && n % failEvery == 0 ? 500 : 200;
        byte[] answer = "{\"equation\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Test
    void sendsAtTheRateAndCountsOnlyTheMeasuredRequests() throws Exception {
        Result r = cli(
                "bench-decode",
                "--url",
                url(),
                "--input",
                input.toString(),
                "--rate",
                "100",
                "--seconds",
                "1",
                "--warmup-s",
                "0.5");
        assertEquals(0, r.rc(), r.toString());
        JsonNode j = onlyJsonLine(r);
        assertEquals(url() + "/decode", j.get("url").asText());
        assertEquals(150, j.get("requests").asLong(), r.out());
        assertEquals(100, j.get("measured").asLong(), r.out()); // the 50 warm-up requests are not counted
        assertEquals(0, j.get("failures").asLong(), r.out());
        assertEquals(0, j.get("non200").asLong(), r.out());
        assertEquals(100.0, j.get("rate").asDouble());
        assertEquals(1.0, j.get("seconds").asDouble());
        assertEquals(0.5, j.get("warmupSeconds").asDouble());
        double p50 = j.get("p50Ms").asDouble();
        double p90 = j.get("p90Ms").asDouble();
        double p99 = j.get("p99Ms").asDouble();
        double p999 = j.get("p999Ms").asDouble();
        double max = j.get("maxMs").asDouble();
        assertTrue(p50 > 0 && p50 <= p90 && p90 <= p99 && p99 <= p999 && p999 <= max, r.out());
        // open loop: 150 requests 10 ms apart take about 1.5 s, so the achieved rate is near 100/s
        double achieved = j.get("achievedRate").asDouble();
        assertTrue(achieved > 50 && achieved <= 101, r.out());

        assertEquals(150, requests.get());
        assertEquals(Map.of(BODIES.get(0), 50, BODIES.get(1), 50, BODIES.get(2), 50), counts(bodies));
        assertEquals(Map.of("POST /decode application/json", 150), counts(methods));
    }

    @Test
    void countsNon200AnswersAndFails() throws Exception {
        failEvery = 10;
        Result r = cli(
                "bench-decode",
                "--url",
                url(),
                "--input",
                input.toString(),
                "--rate",
                "100",
                "--seconds",
                "1",
                "--warmup-s",
                "0.5");
        assertEquals(1, r.rc(), r.toString());
        JsonNode j = onlyJsonLine(r);
        assertEquals(150, j.get("requests").asLong(), r.out());
        assertEquals(15, j.get("non200").asLong(), r.out()); // warm-up answers count as errors too
        assertEquals(0, j.get("failures").asLong(), r.out());
        // of the 100 measured requests, those answered 500 have no latency
        long measured = j.get("measured").asLong();
        assertTrue(measured >= 100 - 15 && measured <= 100 - 5, r.out());
        assertEquals(150, requests.get());
    }

    @Test
    void anUnreachableServiceCountsFailures() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        Result r = cli(
                "bench-decode",
                "--url",
                "http://localhost:" + port,
                "--input",
                input.toString(),
                "--rate",
                "50",
                "--seconds",
                "0.2",
                "--warmup-s",
                "0");
        assertEquals(1, r.rc(), r.toString());
        JsonNode j = onlyJsonLine(r);
        assertEquals(10, j.get("requests").asLong(), r.out());
        assertEquals(10, j.get("failures").asLong(), r.out());
        assertEquals(0, j.get("measured").asLong(), r.out());
        for (String field : List.of("p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs")) {
            assertTrue(j.get(field).isNull(), field + " without a measured request: " + r.out());
        }
    }

    @Test
    void rejectsABadRateAndAnEmptyInput() throws Exception {
        Result zero = cli("bench-decode", "--url", url(), "--input", input.toString(), "--rate", "0");
        assertEquals(2, zero.rc(), zero.toString());
        assertTrue(zero.err().contains("error: --rate must be in (0, 100000], was 0.0"), zero.err());
        assertTrue(zero.err().contains("Usage: w2e bench-decode"), zero.err());

        Result word = cli("bench-decode", "--url", url(), "--input", input.toString(), "--rate", "fast");
        assertEquals(2, word.rc(), word.toString());
        assertTrue(word.err().contains("error: Invalid value for option '--rate': 'fast' is not a double"), word.err());

        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n  \n");
        Result none = cli("bench-decode", "--url", url(), "--input", empty.toString(), "--rate", "10");
        assertEquals(2, none.rc(), none.toString());
        assertTrue(none.err().contains("has no network lines"), none.err());

        Result missing = cli("bench-decode", "--url", url(), "--rate", "10");
        assertEquals(2, missing.rc(), missing.toString());
        assertTrue(missing.err().contains("error: Missing required option: '--input=NETWORKS.jsonl'"), missing.err());
        assertEquals(0, requests.get());
    }

    private static JsonNode onlyJsonLine(Result r) throws IOException {
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), r.out());
        return JSON.readTree(lines.get(0));
    }

    private static Map<String, Integer> counts(Map<String, AtomicInteger> m) {
        Map<String, Integer> c = new java.util.HashMap<>();
        m.forEach((k, v) -> c.put(k, v.get()));
        return c;
    }
}
