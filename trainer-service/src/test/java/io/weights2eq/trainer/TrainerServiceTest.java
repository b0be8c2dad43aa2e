package io.weights2eq.trainer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Interval;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.dlq.DeadLetterHeaders;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.schema.serde.FloatArrayList;
import io.weights2eq.testsupport.KafkaBrokerTestResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class TrainerServiceTest {

    @Test
    void trainsGoodEquationsAndSendsEveryKindOfPoisonToTheDeadLetterTopic() throws Exception {
        String bootstrap = KafkaBrokerTestResource.bootstrapServers();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<String, String> poison = new HashMap<>(); // key -> expected words in the reason
        for (int i = 0; i < 100; i++) {
            Equation good = EquationFixtures.equation("svc", i, 300);
            records.add(EquationFixtures.record(good.getId(), EquationFixtures.bytes(good)));
            if (i % 15 == 0) {
                int kind = i / 15;
                String key = "poison-" + kind;
                Equation bad = EquationFixtures.equation("poison", kind, 300);
                bad.setId(key);
                switch (kind) {
                    case 0 -> {
                        records.add(EquationFixtures.record(key, "not avro at all".getBytes()));
                        poison.put(key, "value: not an Avro single-object message");
                    }
                    case 1 -> {
                        records.add(EquationFixtures.record(
                                key, AvroCodec.of(Network.class).encode(sampleNetwork())));
                        poison.put(key, "unknown schema fingerprint");
                    }
                    case 2 -> {
                        bad.setY(FloatArrayList.wrap(new float[299]));
                        records.add(EquationFixtures.record(key, EquationFixtures.bytes(bad)));
                        poison.put(key, "y: must have as many samples as x");
                    }
                    case 3 -> {
                        float[] y = FloatArrayList.toFloatArray(bad.getY()).clone();
                        y[7] = Float.NaN;
                        bad.setY(FloatArrayList.wrap(y));
                        records.add(EquationFixtures.record(key, EquationFixtures.bytes(bad)));
                        poison.put(key, "y: sample 7 is not finite");
                    }
                    case 4 -> {
                        float[] x = FloatArrayList.toFloatArray(bad.getX()).clone();
                        x[3] = 1.5f;
                        bad.setX(FloatArrayList.wrap(x));
                        records.add(EquationFixtures.record(key, EquationFixtures.bytes(bad)));
                        poison.put(key, "x: sample 3 = 1.5 is outside");
                    }
                    case 5 -> {
                        bad.setX(FloatArrayList.wrap(new float[10]));
                        bad.setY(FloatArrayList.wrap(new float[10]));
                        records.add(EquationFixtures.record(key, EquationFixtures.bytes(bad)));
                        poison.put(key, "x: needs at least 300 samples");
                    }
                    case 6 -> {
                        records.add(EquationFixtures.record("some-other-key", EquationFixtures.bytes(bad)));
                        poison.put("some-other-key", "key: must equal the equation id");
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }
        for (int i = 0; i < 3; i++) { // equations of two inputs, as the elementary family writes them
            Equation two = EquationFixtures.twoInputEquation("svc2", i, 300);
            records.add(EquationFixtures.record(two.getId(), EquationFixtures.bytes(two)));
        }
        EquationFixtures.send(bootstrap, records);

        var dead = EquationFixtures.awaitRecords(
                bootstrap, Topics.EQUATIONS.deadLetterTopicName(), poison.size(), Duration.ofSeconds(60));
        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            String reason =
                    new String(r.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8);
            reasons.put(new String(r.key(), StandardCharsets.UTF_8), reason);
            assertEquals(
                    Topics.EQUATIONS.topicName(),
                    new String(r.headers()
                            .lastHeader(DeadLetterHeaders.SOURCE_TOPIC)
                            .value()));
        }
        poison.forEach((key, words) -> assertTrue(
                reasons.containsKey(key) && reasons.get(key).contains(words),
                key + " -> expected a reason with '" + words + "', got " + reasons.get(key)));
        byte[] garbage = dead.stream()
                .filter(r -> new String(r.key()).equals("poison-0"))
                .findFirst()
                .orElseThrow()
                .value();
        assertEquals("not avro at all", new String(garbage), "the original bytes are kept");

        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Map<String, Network> trained = new HashMap<>();
        Map<String, Network> twoInputs = new HashMap<>();
        AvroCodec<Network> codec = AvroCodec.of(Network.class);
        while ((trained.size() < 100 || twoInputs.size() < 3) && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : EquationFixtures.readAll(bootstrap, Topics.NETWORKS.topicName())) {
                Network n = codec.decode(r.value());
                String id = n.getEquationId().toString();
                if (id.startsWith("svc-")) {
                    trained.put(id, n);
                } else if (id.startsWith("svc2-")) {
                    twoInputs.put(id, n);
                }
            }
            Thread.sleep(250);
        }
        assertEquals(100, trained.size(), "every good equation around the poison was trained");
        assertEquals(3, twoInputs.size(), "every two-input equation was trained");
        Network two = twoInputs.get("svc2-1");
        assertEquals(List.of(2, 8, 7, 8, 1), two.getNetwork().getLayers());
        assertEquals(160, two.getNetwork().getParameters().size());
        assertEquals(
                List.of(new Interval(-1.0, 1.0), new Interval(0.0, 2.0)),
                two.getNetwork().getDomain());
        assertEquals(List.of(), trained.get("svc-7").getNetwork().getDomain(), "[-1, 1] is left out");
        Network sample = trained.get("svc-7");
        assertEquals(List.of(1, 8, 7, 8, 1), sample.getNetwork().getLayers());
        assertEquals("relu", sample.getNetwork().getActivation());
        assertEquals(152, sample.getNetwork().getParameters().size());
        assertEquals("trainer-under-test", sample.getTrainerInstance());
        assertEquals(30, sample.getSteps());
        assertTrue(Double.isFinite(sample.getValidationMse()) && sample.getValidationMse() >= 0);
        assertEquals(
                sample.getRelativeValidationMse() <= 1e-3,
                sample.getConverged(),
                "converged flag matches the quality gate");

        given().when().get("/q/health/live").then().statusCode(200).body(containsString("trainer-consumer-loop"));
        given().when().get("/q/health/ready").then().statusCode(200).body(containsString("kafka-broker"));
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("w2e_trainer_networks_trained_total"))
                .body(containsString("w2e_trainer_equations_rejected_total"))
                .body(containsString("w2e_trainer_consumer_lag"))
                .body(containsString("w2e_trainer_batch_duration_seconds"));
    }

    private static Network sampleNetwork() {
        return Network.newBuilder()
                .setEquationId("e")
                .setNetwork(io.weights2eq.schema.avro.NetworkParameters.newBuilder()
                        .setLayers(List.of(1, 1))
                        .setActivation("relu")
                        .setParameters(FloatArrayList.wrap(new float[2]))
                        .build())
                .setTrainMse(0)
                .setValidationMse(0)
                .setRelativeValidationMse(0)
                .setSteps(1)
                .setAttempts(1)
                .setConverged(true)
                .setTrainingSeed(1)
                .setTrainerInstance("t")
                .setTrainingMillis(1)
                .build();
    }
}
