package io.weights2eq.decoder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.weights2eq.domain.decoding.CheckpointDirectory;
import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.domain.decoding.ValidationSlice;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.DecoderModel;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.avro.Prediction;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.testsupport.KafkaBrokerTestResource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The whole decoder path with the real DJL trainer on a tiny model: equations and networks → Streams join →
 * examples → continuous training → checkpoints on disk and on decoder-models → offsets committed; validation
 * networks predicted onto predictions.
 */
@QuarkusTest
@TestProfile(DecoderTrainingTest.Training.class)
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = DecoderTestResource.class, restrictToAnnotatedClass = true)
class DecoderTrainingTest {
    private static final int EQUATIONS = 60;
    private static final double FRACTION = 0.2;

    public static class Training implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "w2e.decoder.training.enabled", "true",
                    "w2e.decoder.serve-networks", "validation",
                    "w2e.decoder.validation-fraction", Double.toString(FRACTION),
                    "w2e.decoder.training.keep-last", "2");
        }
    }

    @Test
    void examplesAreTrainedOnCheckpointedAnnouncedAndCommitted() throws Exception {
        String bootstrap = KafkaBrokerTestResource.bootstrapServers();
        AvroCodec<Equation> equations = AvroCodec.of(Equation.class);
        AvroCodec<Network> networks = AvroCodec.of(Network.class);
        List<ProducerRecord<byte[], byte[]>> first = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> second = new ArrayList<>();
        for (int i = 0; i < EQUATIONS; i++) {
            Equation equation = Fixtures.equation("train", i, 200);
            first.add(TopicClient.record(Topics.EQUATIONS.topicName(), equation.getId(), equations.encode(equation)));
            second.add(TopicClient.record(
                    Topics.NETWORKS.topicName(),
                    equation.getId(),
                    networks.encode(Fixtures.network(equation.getId(), i, i % 3 != 0))));
        }
        TopicClient.send(bootstrap, first);
        TopicClient.send(bootstrap, second);

        List<ConsumerRecord<byte[], byte[]>> announced = TopicClient.await(
                bootstrap,
                Topics.DECODER_MODELS.topicName(),
                2,
                r -> "learned".equals(TopicClient.key(r)),
                Duration.ofSeconds(120));
        DecoderModel model =
                AvroCodec.of(DecoderModel.class).decode(announced.get(0).value());
        assertEquals(0, model.getStep() % 5, "a checkpoint every 5 steps");
        assertTrue(model.getVersion().matches("s\\d+-\\d{14}"), model.getVersion());
        assertTrue(model.getMetrics().containsKey("exactMatch"));
        assertTrue(model.getMetrics().get("examplesSeen") >= 8 * model.getStep());
        assertTrue(model.getMetrics().get("trainingLoss") > 0);

        Path checkpoints = DecoderTestResource.checkpoints();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long committed = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("decoder-trainer")
                        .partitionsToOffsetAndMetadata()
                        .get();
                committed = offsets.values().stream()
                        .mapToLong(OffsetAndMetadata::offset)
                        .sum();
                if (committed == EQUATIONS) {
                    assertTrue(
                            offsets.values().stream().allMatch(o -> o.metadata().matches("s\\d+-\\d{14}")),
                            "committed with the version of the checkpoint that covers them: " + offsets);
                    break;
                }
                Thread.sleep(500);
            }
        }
        assertEquals(EQUATIONS, committed, "every example's offset committed after a checkpoint covering it");

        CheckpointDirectory directory = new CheckpointDirectory(checkpoints, 2);
        assertTrue(directory.list().size() >= 1 && directory.list().size() <= 2, "keep-last 2: " + directory.list());
        DecoderCheckpoint latest = directory.latest().orElseThrow();
        assertEquals(Fixtures.TINY, latest.config());
        assertTrue(!latest.optimizerState().isEmpty(), "resumable: the optimiser state is in the checkpoint");
        assertTrue(latest.metrics().containsKey("validationExamples"));

        ValidationSlice slice = new ValidationSlice(FRACTION);
        Set<String> validationIds = first.stream()
                .map(r -> new String(r.key()))
                .filter(slice::contains)
                .collect(Collectors.toSet());
        List<ConsumerRecord<byte[], byte[]>> predicted = TopicClient.await(
                bootstrap,
                Topics.PREDICTIONS.topicName(),
                validationIds.size(),
                r -> validationIds.contains(TopicClient.key(r)),
                Duration.ofSeconds(60));
        Prediction prediction =
                AvroCodec.of(Prediction.class).decode(predicted.get(0).value());
        assertEquals(TopicClient.key(predicted.get(0)), prediction.getRequestId());
        assertTrue(
                TopicClient.readAll(bootstrap, Topics.PREDICTIONS.topicName()).stream()
                        .noneMatch(r ->
                                TopicClient.key(r).startsWith("train-") && !validationIds.contains(TopicClient.key(r))),
                "serve-networks=validation predicts only the validation slice");

        given().when().get("/q/health/live").then().statusCode(200).body(containsString("\"training\": \"running\""));
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("w2e_decoder_training_steps"))
                .body(containsString("w2e_decoder_checkpoints_total"));
        String steps = given().when()
                .get("/q/metrics")
                .then()
                .extract()
                .body()
                .asString()
                .lines()
                .filter(l -> l.startsWith("w2e_decoder_training_steps "))
                .findFirst()
                .orElseThrow();
        assertTrue(Double.parseDouble(steps.split(" ")[1]) >= 10, steps);
    }
}
