package io.weights2eq.decoder.inbound.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.weights2eq.decoder.DecoderTestResource;
import io.weights2eq.decoder.Fixtures;
import io.weights2eq.decoder.TopicClient;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.DecodeRequest;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.testsupport.KafkaBrokerTestResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The live dashboard against a real broker: the page and its scripts, the SSE stream, bad parameters. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = DecoderTestResource.class, restrictToAnnotatedClass = true)
class DashboardResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/dashboard/stream")
    URI stream;

    @Test
    void thePageItsScriptAndChartJsAreServed() {
        String page = given().when()
                .get("/dashboard")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .extract()
                .asString();
        assertTrue(page.contains("/dashboard/dashboard.js"), page);
        given().when().get("/dashboard/").then().statusCode(200).body(containsString("/dashboard/dashboard.js"));
        given().when().get("/dashboard/dashboard.js").then().statusCode(200).body(containsString("EventSource"));
        Matcher chart = Pattern.compile("src=\"(/webjars/chart\\.js/[^\"]+)\"").matcher(page);
        assertTrue(chart.find(), "the page loads Chart.js from its WebJar");
        // the version in the page is the WebJar's on the classpath
        given().when().get(chart.group(1)).then().statusCode(200).body(containsString("Chart"));
    }

    @Test
    void theStreamSendsSnapshotsAndRatesMoveWhenRecordsAreProduced() throws Exception {
        BlockingQueue<JsonNode> snapshots = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> response = client.send(
                HttpRequest.newBuilder(URI.create(stream + "?interval-ms=250"))
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        Thread reader = new Thread(
                () -> response.body().forEach(line -> {
                    if (line.startsWith("data:")) {
                        try {
                            snapshots.add(JSON.readTree(line.substring(5)));
                        } catch (Exception e) {
                            snapshots.add(JSON.createObjectNode().put("unparsable", line));
                        }
                    }
                }),
                "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            JsonNode first = snapshots.poll(30, TimeUnit.SECONDS);
            assertNotNull(first, "a snapshot within 30 s");
            assertTrue(
                    first.has("timeMillis")
                            && first.has("rateHistory")
                            && first.has("convergence")
                            && first.has("training")
                            && first.has("predictions"),
                    first.toString());
            List<String> topics = new ArrayList<>();
            first.get("stages").forEach(s -> topics.add(s.get("topic").asText()));
            assertEquals(List.of("equations", "networks", "examples", "predictions"), topics.subList(0, 4));
            assertTrue(
                    topics.containsAll(List.of("equations.dlq", "networks.dlq", "examples.dlq", "decode-requests.dlq")),
                    topics.toString());
            List<String> lags = new ArrayList<>();
            first.get("lags")
                    .forEach(l -> lags.add(
                            l.get("group").asText() + "/" + l.get("topic").asText()));
            JsonNode withLags =
                    lags.isEmpty() ? await(snapshots, s -> s.get("lags").size() == 2, "lags") : first;
            lags.clear();
            withLags.get("lags")
                    .forEach(l -> lags.add(
                            l.get("group").asText() + "/" + l.get("topic").asText()));
            assertEquals(List.of("trainers/equations", "decoder-trainer/examples"), lags);
            assertEquals(41, first.get("curveX").size());
            assertEquals(-1.0, first.get("curveX").get(0).asDouble());

            String bootstrap = KafkaBrokerTestResource.bootstrapServers();
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            AvroCodec<Equation> equations = AvroCodec.of(Equation.class);
            for (int i = 0; i < 40; i++) {
                Equation e = Fixtures.equation("dash", i, 10);
                records.add(TopicClient.record(Topics.EQUATIONS.topicName(), e.getId(), equations.encode(e)));
            }
            AvroCodec<DecodeRequest> requests = AvroCodec.of(DecodeRequest.class);
            for (int i = 0; i < 5; i++) {
                records.add(TopicClient.record(
                        Topics.DECODE_REQUESTS.topicName(),
                        "dash-req-" + i,
                        requests.encode(DecodeRequest.newBuilder()
                                .setRequestId("dash-req-" + i)
                                .setNetwork(Fixtures.parametersRecord(Fixtures.parameters(100 + i)))
                                .setMethod("analytic")
                                .build())));
            }
            TopicClient.send(bootstrap, records);

            JsonNode moved = await(
                    snapshots,
                    s -> rate(s, "equations") > 0
                            && rate(s, "predictions") > 0
                            && s.get("predictions").size() > 0,
                    "equations and predictions rates > 0 with predictions drawn");
            assertTrue(stage(moved, "equations").get("endOffset").asLong() >= 40);
            JsonNode curve =
                    moved.get("predictions").get(moved.get("predictions").size() - 1);
            assertTrue(curve.get("id").asText().startsWith("dash-req-"), curve.toString());
            assertEquals("network", curve.get("truthSource").asText(), "a decode request carries no equation");
            assertEquals(41, curve.get("truthY").size());
            assertEquals(41, curve.get("predictedY").size());
            assertEquals("analytic", curve.get("method").asText());
            long lag = -1;
            for (JsonNode l : moved.get("lags")) {
                if (l.get("group").asText().equals("trainers")) {
                    lag = l.get("lag").asLong();
                }
            }
            assertTrue(lag >= 40, "no trainer runs here: every equation is lag, was " + lag);
        } finally {
            response.body().close();
        }
    }

    private static JsonNode stage(JsonNode snapshot, String topic) {
        for (JsonNode s : snapshot.get("stages")) {
            if (s.get("topic").asText().equals(topic)) {
                return s;
            }
        }
        throw new AssertionError("no stage " + topic + " in " + snapshot);
    }

    private static double rate(JsonNode snapshot, String topic) {
        JsonNode r = stage(snapshot, topic).get("recordsPerSecond");
        return r == null || r.isNull() ? 0 : r.asDouble();
    }

    private static JsonNode await(BlockingQueue<JsonNode> snapshots, Predicate<JsonNode> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            JsonNode s = snapshots.poll(1, TimeUnit.SECONDS);
            if (s != null) {
                last = s;
                if (condition.test(s)) {
                    return s;
                }
            }
        }
        throw new AssertionError("no snapshot with " + what + " within 60 s; last: " + last);
    }

    /** Every bad query parameter of the new endpoints: 400, naming the parameter and its limits. */
    @Test
    void badQueryParametersAreA400NamingTheParameter() {
        String[][] cases = {
            // path, parameter, value, words of the error
            {
                "/dashboard/stream",
                "interval-ms",
                "fast",
                "interval-ms must be a whole number between 250 and 60000, was 'fast'"
            },
            {"/dashboard/stream", "interval-ms", "10", "interval-ms must be between 250 and 60000, was 10"},
            {"/dashboard/stream", "interval-ms", "60001", "interval-ms must be between 250 and 60000, was 60001"},
            {"/dashboard/stream", "predictions", "-1", "predictions must be between 0 and 24, was -1"},
            {"/dashboard/stream", "predictions", "1.5", "predictions must be a whole number between 0 and 24"},
            {"/dashboard/snapshot", "predictions", "25", "predictions must be between 0 and 24, was 25"},
            {"/dashboard/snapshot", "predictions", "many", "predictions must be a whole number between 0 and 24"},
        };
        for (String[] c : cases) {
            given().queryParam(c[1], c[2])
                    .when()
                    .get(c[0])
                    .then()
                    .statusCode(400)
                    .contentType(containsString("application/json"))
                    .body("field", equalTo(c[1]))
                    .body("error", containsString(c[3]));
        }
        given().queryParam("predictions", "0")
                .when()
                .get("/dashboard/snapshot")
                .then()
                .statusCode(200)
                .body("predictions.size()", equalTo(0))
                .body("stages.size()", equalTo(11));
    }
}
