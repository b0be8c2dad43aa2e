package io.weights2eq.decoder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.weights2eq.domain.network.NetworkFile;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.DecodeRequest;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Example;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.avro.Prediction;
import io.weights2eq.schema.dlq.DeadLetterHeaders;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.schema.serde.FloatArrayList;
import io.weights2eq.testsupport.KafkaBrokerTestResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = DecoderTestResource.class, restrictToAnnotatedClass = true)
class DecoderServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AvroCodec<DecodeRequest> REQUESTS = AvroCodec.of(DecodeRequest.class);
    private static final AvroCodec<Prediction> PREDICTIONS = AvroCodec.of(Prediction.class);

    private static String networkJson(String id, long seed) {
        return NetworkFile.format(id, Fixtures.domainNetwork(seed));
    }

    @Test
    void decodesAPostedNetwork() {
        given().body(networkJson("net-1", 1))
                .contentType(ContentType.JSON)
                .queryParam("method", "learned")
                .when()
                .post("/decode")
                .then()
                .statusCode(200)
                .body("id", equalTo("net-1"))
                .body("method", equalTo("learned"))
                .body("modelVersion", equalTo(DecoderTestResource.SHIPPED_VERSION))
                .body("tokenIds.size()", greaterThanOrEqualTo(1))
                .body("tokenIds.size()", lessThanOrEqualTo(24))
                .body("latencyMillis", greaterThanOrEqualTo(0f))
                .body("equation", org.hamcrest.Matchers.notNullValue());
        // beam search, and a plain-text content type: the body is the same JSON line either way
        given().body(networkJson("net-2", 2))
                .contentType(ContentType.TEXT)
                .queryParam("beam", 3)
                .queryParam("method", "learned")
                .when()
                .post("/decode")
                .then()
                .statusCode(200)
                .body("id", equalTo("net-2"))
                .body("method", equalTo("learned"));
        // the default: hybrid, every candidate verified against the network, with its fit and runner-up
        given().body(networkJson("net-h", 6))
                .contentType(ContentType.JSON)
                .when()
                .post("/decode")
                .then()
                .statusCode(200)
                .body("method", equalTo("hybrid"))
                .body("fit.rSquared", org.hamcrest.Matchers.notNullValue())
                .body("fit.xMin", equalTo(-1f))
                .body("fit.xMax", equalTo(1f))
                .body("runnerUp.equation", org.hamcrest.Matchers.notNullValue())
                .body("$", org.hamcrest.Matchers.hasKey("largestRoot")) // the servant family has no root: null
                .body("largestRoot", org.hamcrest.Matchers.nullValue());
        given().body(networkJson("net-a", 7))
                .queryParam("method", "analytic")
                .when()
                .post("/decode")
                .then()
                .statusCode(200)
                .body("method", equalTo("analytic"))
                .body("modelVersion", org.hamcrest.Matchers.nullValue());
        given().body(networkJson("net-t", 7))
                .queryParam("method", "taylor")
                .when()
                .post("/decode")
                .then()
                .statusCode(400)
                .body("field", equalTo("method"))
                .body("error", containsString("taylor applies to tanh, sigmoid and softplus"));
        given().body(networkJson("net-m", 7))
                .queryParam("method", "magic")
                .when()
                .post("/decode")
                .then()
                .statusCode(400)
                .body("field", equalTo("method"))
                .body("error", containsString("method must be one of [learned, analytic, taylor, hybrid]"));
        given().when()
                .get("/decode/model")
                .then()
                .statusCode(200)
                .body("version", equalTo(DecoderTestResource.SHIPPED_VERSION));
    }

    @Test
    void aParsedEquationComesWithItsCoefficients() throws Exception {
        // whatever the random model emits: coefficients are given exactly when the text parses, else empty
        var body = given().body(networkJson("net-3", 3))
                .when()
                .post("/decode")
                .then()
                .statusCode(200)
                .extract()
                .body();
        String equation = body.path("equation");
        List<String> coefficients = body.path("coefficients");
        boolean parses;
        try {
            io.weights2eq.domain.equation.Polynomial.parse(equation);
            parses = true;
        } catch (IllegalArgumentException e) {
            parses = false;
        }
        assertEquals(parses, !coefficients.isEmpty(), equation + " -> " + coefficients);
    }

    /** One bad {@code POST /decode}: the body, its content type, query parameters, and the answer it must get. */
    record BadDecode(
            String name,
            String body,
            String contentType,
            Map<String, Object> query,
            int status,
            String field,
            String words) {
        @Override
        public String toString() {
            return name + " -> " + status + " naming " + field;
        }
    }

    static List<BadDecode> badDecodes() throws Exception {
        ObjectNode good = (ObjectNode) JSON.readTree(networkJson("bad", 4));
        String json = "application/json";
        List<BadDecode> cases = new java.util.ArrayList<>();

        ObjectNode fewerRows = good.deepCopy();
        ((ArrayNode) fewerRows.get("weights").get(1)).remove(6);
        cases.add(new BadDecode(
                "too few parameters: a row missing",
                fewerRows.toString(),
                json,
                Map.of(),
                400,
                "weights[1]",
                "weights[1] must have 7 rows"));
        ObjectNode fewerNumbers = good.deepCopy();
        ((ArrayNode) fewerNumbers.get("weights").get(2).get(3)).remove(0);
        cases.add(new BadDecode(
                "too few parameters: a number missing",
                fewerNumbers.toString(),
                json,
                Map.of(),
                400,
                "weights[2][3]",
                "weights[2][3]"));
        ObjectNode moreNumbers = good.deepCopy();
        ((ArrayNode) moreNumbers.get("weights").get(2).get(3)).add(0.5);
        cases.add(new BadDecode(
                "too many parameters: a number extra",
                moreNumbers.toString(),
                json,
                Map.of(),
                400,
                "weights[2][3]",
                "weights[2][3]"));
        ObjectNode moreBiases = good.deepCopy();
        ((ArrayNode) moreBiases.get("biases").get(3)).add(0.5);
        cases.add(new BadDecode(
                "too many parameters: a bias extra",
                moreBiases.toString(),
                json,
                Map.of(),
                400,
                "biases[3]",
                "biases[3]"));
        ObjectNode nan = good.deepCopy();
        ((ArrayNode) nan.get("biases").get(2)).set(3, JSON.getNodeFactory().numberNode(12345.5));
        cases.add(new BadDecode(
                "NaN", nan.toString().replace("12345.5", "NaN"), json, Map.of(), 400, "biases[2][3]", "biases[2][3]"));
        cases.add(new BadDecode(
                "infinite",
                nan.toString().replace("12345.5", "1e39"),
                json,
                Map.of(),
                400,
                "biases[2][3]",
                "biases[2][3]"));
        ObjectNode wide = good.deepCopy();
        ((ArrayNode) wide.get("layers")).set(1, JSON.getNodeFactory().numberNode(65));
        cases.add(
                new BadDecode("layer too wide", wide.toString(), json, Map.of(), 400, "layers[1]", "between 1 and 64"));
        ObjectNode twoOutputs = good.deepCopy();
        ((ArrayNode) twoOutputs.get("layers")).set(4, JSON.getNodeFactory().numberNode(2));
        cases.add(new BadDecode("two outputs", twoOutputs.toString(), json, Map.of(), 400, "layers[4]", "must be 1"));
        ObjectNode deep = good.deepCopy();
        ArrayNode layers = (ArrayNode) deep.get("layers");
        for (int i = 0; i < 8; i++) {
            layers.insert(1, 4);
        }
        cases.add(new BadDecode(
                "too many layers", deep.toString(), json, Map.of(), 400, "layers", "between 2 and 9 sizes"));
        ObjectNode noLayers = good.deepCopy();
        noLayers.remove("layers");
        cases.add(new BadDecode(
                "layers missing", noLayers.toString(), json, Map.of(), 400, "layers", "layers is missing"));
        ObjectNode gelu = good.deepCopy();
        gelu.put("activation", "gelu");
        cases.add(new BadDecode(
                "unknown activation", gelu.toString(), json, Map.of(), 400, "activation", "activation must be one of"));
        ObjectNode extra = good.deepCopy();
        extra.put("colour", "blue");
        cases.add(new BadDecode("unknown field", extra.toString(), json, Map.of(), 400, "colour", "unknown field"));
        String valid = networkJson("b", 5);
        cases.add(new BadDecode(
                "unknown method",
                valid,
                json,
                Map.of("method", "magic"),
                400,
                "method",
                "method must be one of [learned, analytic, taylor, hybrid]"));
        cases.add(new BadDecode(
                "taylor on relu",
                valid,
                json,
                Map.of("method", "taylor"),
                400,
                "method",
                "taylor applies to tanh, sigmoid and softplus"));
        cases.add(new BadDecode("beam not a number", valid, json, Map.of("beam", "wide"), 400, "beam", "whole number"));
        cases.add(new BadDecode("beam 0", valid, json, Map.of("beam", 0), 400, "beam", "between 1 and 16"));
        cases.add(new BadDecode("beam -1", valid, json, Map.of("beam", -1), 400, "beam", "between 1 and 16"));
        cases.add(new BadDecode("beam 17", valid, json, Map.of("beam", 17), 400, "beam", "between 1 and 16"));
        cases.add(new BadDecode(
                "wrong content type",
                valid,
                "application/xml",
                Map.of(),
                415,
                "Content-Type",
                "Content-Type must be application/json"));
        cases.add(new BadDecode(
                "malformed JSON",
                "{\"id\": \"x\", \"layers\": [1, 8",
                json,
                Map.of(),
                400,
                "json",
                "json is malformed"));
        cases.add(new BadDecode("empty body", "", json, Map.of(), 400, "json", "was empty"));
        cases.add(new BadDecode("a JSON array", "[1, 2]", json, Map.of(), 400, "json", "one JSON object"));
        cases.add(new BadDecode(
                "over-long body",
                "{\"id\":\"" + "x".repeat(70_000) + "\"}",
                json,
                Map.of(),
                400,
                "body",
                "at most 65536 bytes"));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDecodes")
    void badInputIsA4xxNamingTheFieldAndPredictsNothing(BadDecode bad) {
        String bootstrap = KafkaBrokerTestResource.bootstrapServers();
        long predictionsBefore = TopicClient.endOffset(bootstrap, Topics.PREDICTIONS.topicName());
        var request = given().body(bad.body()).contentType(bad.contentType());
        bad.query().forEach(request::queryParam);
        request.when()
                .post("/decode")
                .then()
                .statusCode(bad.status())
                .contentType(ContentType.JSON)
                .body("field", equalTo(bad.field()))
                .body("error", containsString(bad.words()));
        assertEquals(
                predictionsBefore,
                TopicClient.endOffset(bootstrap, Topics.PREDICTIONS.topicName()),
                "a rejected decode publishes nothing");
    }

    @Test
    void theModelEndpointNamesWhatServes() {
        given().when()
                .get("/decode/model")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("version", equalTo(DecoderTestResource.SHIPPED_VERSION))
                .body("source", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void decodeRequestsBecomePredictionsAndPoisonGoesToTheDeadLetterTopic() throws Exception {
        String bootstrap = KafkaBrokerTestResource.bootstrapServers();
        String topic = Topics.DECODE_REQUESTS.topicName();
        DecodeRequest bigMethod = request("poison-method", 1, "magic");
        DecodeRequest tooFew = request("poison-params", 2, null);
        tooFew.getNetwork().setParameters(FloatArrayList.wrap(new float[151]));
        DecodeRequest nan = request("poison-nan", 3, null);
        float[] p =
                FloatArrayList.toFloatArray(nan.getNetwork().getParameters()).clone();
        p[7] = Float.POSITIVE_INFINITY;
        nan.getNetwork().setParameters(FloatArrayList.wrap(p));
        TopicClient.send(
                bootstrap,
                List.of(
                        TopicClient.record(topic, "req-1", REQUESTS.encode(request("req-1", 11, null))),
                        TopicClient.record(topic, "poison-bytes", "not avro".getBytes(StandardCharsets.UTF_8)),
                        TopicClient.record(topic, "poison-method", REQUESTS.encode(bigMethod)),
                        TopicClient.record(topic, "poison-params", REQUESTS.encode(tooFew)),
                        TopicClient.record(topic, "poison-nan", REQUESTS.encode(nan)),
                        TopicClient.record(topic, "req-2", REQUESTS.encode(request("req-2", 12, "learned")))));

        Map<String, String> expected = Map.of(
                "poison-bytes", "value: not an Avro single-object message",
                "poison-method", "method: 'magic' is not served",
                "poison-params", "network.parameters: [1, 8, 7, 8, 1] needs 152 parameters, was 151",
                "poison-nan", "network.parameters[7]: must be finite");
        List<ConsumerRecord<byte[], byte[]>> dead = TopicClient.await(
                bootstrap,
                Topics.DECODE_REQUESTS.deadLetterTopicName(),
                expected.size(),
                r -> true,
                Duration.ofSeconds(60));
        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            reasons.put(
                    TopicClient.key(r),
                    new String(r.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8));
            assertEquals(
                    topic,
                    new String(
                            r.headers()
                                    .lastHeader(DeadLetterHeaders.SOURCE_TOPIC)
                                    .value(),
                            StandardCharsets.UTF_8));
        }
        expected.forEach((key, words) -> assertTrue(
                reasons.containsKey(key) && reasons.get(key).startsWith(words),
                key + " -> expected a reason starting with '" + words + "', got " + reasons.get(key)));
        assertEquals(
                "not avro",
                dead.stream()
                        .filter(r -> "poison-bytes".equals(TopicClient.key(r)))
                        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                        .findFirst()
                        .orElseThrow(),
                "the original bytes");

        List<ConsumerRecord<byte[], byte[]>> predictions = TopicClient.await(
                bootstrap,
                Topics.PREDICTIONS.topicName(),
                2,
                r -> TopicClient.key(r).startsWith("req-"),
                Duration.ofSeconds(60));
        for (ConsumerRecord<byte[], byte[]> r : predictions) {
            Prediction prediction = PREDICTIONS.decode(r.value());
            assertEquals(TopicClient.key(r), prediction.getRequestId());
            assertEquals(DecoderTestResource.SHIPPED_VERSION, prediction.getModelVersion());
            if (TopicClient.key(r).equals("req-1")) { // no method: the default, hybrid
                assertEquals("hybrid", prediction.getMethod());
                assertTrue(prediction.getFit() != null && prediction.getFit().getRSquared() <= 1.0);
                assertTrue(prediction.getRunnerUp() != null
                        && prediction.getRunnerUp().getFit() != null);
            } else {
                assertEquals("learned", prediction.getMethod());
                boolean parses = !prediction.getCoefficients().isEmpty();
                assertEquals(parses, prediction.getFit() != null, "a fit exactly when the text parses");
                assertEquals(null, prediction.getRunnerUp());
            }
            assertTrue(prediction.getLatencyMillis() >= 0);
            assertTrue(!prediction.getTokenIds().isEmpty());
        }
        // still serving after the poison: a request sent now is answered too
        TopicClient.send(
                bootstrap, List.of(TopicClient.record(topic, "req-3", REQUESTS.encode(request("req-3", 13, null)))));
        TopicClient.await(
                bootstrap,
                Topics.PREDICTIONS.topicName(),
                1,
                r -> "req-3".equals(TopicClient.key(r)),
                Duration.ofSeconds(60));

        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("w2e_decoder_requests_total{outcome=\"ok\",source=\"kafka\"}"))
                .body(containsString("w2e_decoder_requests_total{outcome=\"invalid\",source=\"kafka\"}"))
                .body(containsString("w2e_decoder_latency_seconds{source=\"kafka\",quantile=\"0.99\"}"))
                .body(containsString("w2e_decoder_model_info{"));
    }

    private static DecodeRequest request(String id, long seed, String method) {
        return DecodeRequest.newBuilder()
                .setRequestId(id)
                .setNetwork(Fixtures.parametersRecord(Fixtures.parameters(seed)))
                .setMethod(method)
                .build();
    }

    @Test
    void theStreamsJoinWritesExamples() throws Exception {
        String bootstrap = KafkaBrokerTestResource.bootstrapServers();
        Equation equation = Fixtures.equation("svc", 1, 1000);
        Network network = Fixtures.network("svc-1", 5, true);
        TopicClient.send(
                bootstrap,
                List.of(TopicClient.record(
                        Topics.EQUATIONS.topicName(),
                        equation.getId(),
                        AvroCodec.of(Equation.class).encode(equation))));
        TopicClient.send(
                bootstrap,
                List.of(TopicClient.record(
                        Topics.NETWORKS.topicName(),
                        "svc-1",
                        AvroCodec.of(Network.class).encode(network))));
        ConsumerRecord<byte[], byte[]> record = TopicClient.await(
                        bootstrap,
                        Topics.EXAMPLES.topicName(),
                        1,
                        r -> "svc-1".equals(TopicClient.key(r)),
                        Duration.ofSeconds(90))
                .get(0);
        Example example = AvroCodec.of(Example.class).decode(record.value());
        assertEquals(equation.getCanonicalText(), example.getCanonicalText());
        assertEquals(network.getNetwork(), example.getNetwork());
    }

    @Test
    void healthAndMetrics() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(containsString("kafka-broker"))
                .body(containsString("decoder-model"))
                .body(containsString(DecoderTestResource.SHIPPED_VERSION));
        given().when()
                .get("/q/health/live")
                .then()
                .statusCode(200)
                .body(containsString("decoder-loops"))
                .body(containsString("\"training\": \"off\""));
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("w2e_decoder_requests_total"))
                .body(containsString("w2e_decoder_training_loss"))
                .body(containsString("w2e_decoder_validation_exact_match"))
                .body(containsString("w2e_decoder_examples_seen"))
                .body(containsString("w2e_decoder_training_steps"))
                .body(containsString("w2e_decoder_model_info{source="));
    }

    @jakarta.inject.Inject
    io.quarkus.kafka.streams.runtime.KafkaStreamsProducer streams;

    /** %test sets two sasl.* keys under kafka.* and overrides one of them under kafka-streams.*. */
    @Test
    void kafkaStreamsInheritsTheKafkaSecuritySettingsUnlessOverridden() {
        Map<String, Object> config = streams.getStreamsConfig().originals();
        assertEquals("w2e-from-kafka", config.get("sasl.kerberos.service.name"), "inherited from kafka.*");
        assertEquals("0.9", config.get("sasl.login.refresh.window.factor"), "kafka-streams.* wins over kafka.*");
    }
}
