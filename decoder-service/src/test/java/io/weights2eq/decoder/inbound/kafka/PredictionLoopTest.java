package io.weights2eq.decoder.inbound.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.decoder.Fixtures;
import io.weights2eq.decoder.engine.DecodeEngine;
import io.weights2eq.decoder.engine.DecodeListener;
import io.weights2eq.decoder.engine.PredictionListener;
import io.weights2eq.decoder.engine.RequestServing;
import io.weights2eq.decoder.engine.ServingModel;
import io.weights2eq.decoder.inbound.RecordLimits;
import io.weights2eq.domain.decoding.DecodingMethod;
import io.weights2eq.schema.avro.DecodeRequest;
import io.weights2eq.schema.serde.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PredictionLoopTest {
    private static final RequestSource SOURCE = RequestSource.decodeRequests(RecordLimits.DEFAULTS);
    private static final TopicPartition P0 = new TopicPartition(SOURCE.topic().topicName(), 0);

    private volatile boolean refuseCommits;
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (refuseCommits) {
                throw new KafkaException("commit refused");
            }
            super.commitSync(offsets);
        }
    };
    private final ServingModel model = new ServingModel();
    private final List<String> predictions = new CopyOnWriteArrayList<>();
    private final List<String> rejections = new CopyOnWriteArrayList<>();
    private volatile Future<?> predictionAck = CompletableFuture.completedFuture(null);
    private PredictionLoop loop;

    @AfterEach
    void close() {
        if (loop != null) {
            loop.close();
        }
    }

    private void startWith(List<byte[]> values) {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            for (int i = 0; i < values.size(); i++) {
                consumer.addRecord(
                        new ConsumerRecord<>(P0.topic(), 0, i, "k".getBytes(StandardCharsets.UTF_8), values.get(i)));
            }
        });
        RequestServing.Answers<ConsumerRecord<byte[], byte[]>> answers = new RequestServing.Answers<>() {
            @Override
            public Future<?> prediction(String id, DecodeEngine.Result result) {
                predictions.add(id);
                return predictionAck;
            }

            @Override
            public Future<?> rejection(ConsumerRecord<byte[], byte[]> record, String reason) {
                rejections.add(record.offset() + ": " + reason);
                return CompletableFuture.completedFuture(null);
            }
        };
        loop = new PredictionLoop(
                        () -> consumer,
                        SOURCE,
                        new DecodeEngine(model, 1, 4, DecodeListener.NONE),
                        model,
                        answers,
                        Duration.ofMillis(10),
                        PredictionListener.NONE)
                .start();
    }

    private static byte[] request(String id) {
        return AvroCodec.of(DecodeRequest.class)
                .encode(DecodeRequest.newBuilder()
                        .setRequestId(id)
                        .setNetwork(Fixtures.parametersRecord(Fixtures.parameters(1)))
                        .setMethod(DecodingMethod.ANALYTIC.wireName())
                        .build());
    }

    private long committed() {
        OffsetAndMetadata offset = consumer.committed(Set.of(P0)).get(P0);
        return offset == null ? -1 : offset.offset();
    }

    private static void await(BooleanSupplier condition) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (!condition.getAsBoolean()) {
                Thread.sleep(5);
            }
        });
    }

    @Test
    void requestsWaitPausedUntilAModelIsLoaded() throws InterruptedException {
        startWith(List.of(request("r-0"), request("r-1")));
        await(() -> consumer.paused().contains(P0));
        Thread.sleep(100);
        assertEquals(List.of(), predictions);

        model.swap(Fixtures.tinyCheckpoint("tiny-1", 1), "test");
        await(() -> committed() == 2);
        assertEquals(List.of("r-0", "r-1"), predictions);
        assertTrue(consumer.paused().isEmpty());
        assertEquals(2, loop.predicted());
    }

    @Test
    void poisonIsRejectedWithTheReasonAndItsOffsetCommitted() throws InterruptedException {
        model.swap(Fixtures.tinyCheckpoint("tiny-1", 1), "test");
        startWith(List.of(new byte[] {1, 2, 3}, request("r-1")));
        await(() -> committed() == 2);
        assertEquals(1, rejections.size());
        assertTrue(rejections.get(0).startsWith("0: value: "), rejections.get(0));
        assertEquals(List.of("r-1"), predictions);
        assertEquals(1, loop.rejected());
        assertTrue(loop.isAlive());
    }

    @Test
    void unacknowledgedPredictionsAreNotCommittedButRewound() throws InterruptedException {
        model.swap(Fixtures.tinyCheckpoint("tiny-1", 1), "test");
        predictionAck = CompletableFuture.failedFuture(new RuntimeException("broker down"));
        startWith(List.of(request("r-0")));
        await(() -> predictions.size() == 1 && consumer.position(P0) == 0); // the request is consumed again
        Thread.sleep(50);
        assertEquals(-1, committed());
        assertTrue(loop.isAlive());
    }

    @Test
    void aFailedCommitStopsTheLoopSoHealthGoesDown() throws InterruptedException {
        model.swap(Fixtures.tinyCheckpoint("tiny-1", 1), "test");
        refuseCommits = true;
        startWith(List.of(request("r-0")));
        await(() -> !loop.isAlive());
        assertFalse(loop.isAlive());
    }
}
