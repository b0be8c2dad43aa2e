package io.weights2eq.decoder.inbound.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.decoder.Fixtures;
import io.weights2eq.decoder.engine.ContinuousTraining;
import io.weights2eq.decoder.engine.FakeTrainer;
import io.weights2eq.decoder.engine.ServingModel;
import io.weights2eq.decoder.engine.TrainingListener;
import io.weights2eq.decoder.inbound.RecordLimits;
import io.weights2eq.domain.decoding.CheckpointDirectory;
import io.weights2eq.domain.decoding.DecodingMetrics;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Example;
import io.weights2eq.schema.serde.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleConsumerLoopTest {
    private static final TopicPartition P0 = new TopicPartition(Topics.EXAMPLES.topicName(), 0);
    private static final int EXAMPLES = 40;

    @TempDir
    Path dir;

    private volatile boolean refuseCommits;
    private final AtomicInteger commitsTried = new AtomicInteger();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            commitsTried.incrementAndGet();
            if (refuseCommits) {
                throw new KafkaException("commit refused");
            }
            super.commitSync(offsets);
        }
    };
    private final List<String> deadLetters = new CopyOnWriteArrayList<>();
    private ExampleConsumerLoop loop;

    @AfterEach
    void close() {
        if (loop != null) {
            loop.close();
        }
    }

    private ContinuousTraining engine() {
        ContinuousTraining.Settings settings =
                new ContinuousTraining.Settings(4, 8, 1000, 2, 10, 0.2, false, Duration.ofMinutes(10), 7, "learned");
        return new ContinuousTraining(
                settings,
                FakeTrainer::new,
                new CheckpointDirectory(dir, 3),
                new ServingModel(),
                (checkpoint, validation) ->
                        Map.of(DecodingMetrics.EXACT_MATCH, 0.0, DecodingMetrics.COUNT, (double) validation.size()),
                announcement -> CompletableFuture.completedFuture(null),
                TrainingListener.NONE,
                Clock.systemUTC());
    }

    /** A poison record at offset 0, then valid examples. */
    private void start() {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            consumer.addRecord(new ConsumerRecord<>(P0.topic(), 0, 0, bytes("poison"), new byte[] {1, 2, 3}));
            for (int i = 1; i <= EXAMPLES; i++) {
                Example example = example(i);
                consumer.addRecord(new ConsumerRecord<>(
                        P0.topic(),
                        0,
                        i,
                        bytes(example.getEquationId()),
                        AvroCodec.of(Example.class).encode(example)));
            }
        });
        var settings = new ExampleConsumerLoop.Settings(
                "decoder-trainer",
                "test-training",
                false,
                Duration.ofMillis(20),
                Duration.ofMillis(10),
                RecordLimits.DEFAULTS);
        loop = new ExampleConsumerLoop(() -> consumer, settings, this::engine, (record, reason) -> {
                    deadLetters.add(record.offset() + ": " + reason);
                    return CompletableFuture.completedFuture(null);
                })
                .start();
    }

    private static Example example(long i) {
        Equation e = Fixtures.equation("job", i, 1);
        return Example.newBuilder()
                .setEquationId(e.getId())
                .setNetwork(Fixtures.parametersRecord(Fixtures.parameters(i)))
                .setRelativeValidationMse(1e-4)
                .setConverged(true)
                .setFamily(e.getFamily())
                .setCoefficients(e.getCoefficients())
                .setCanonicalText(e.getCanonicalText())
                .setTokenIds(e.getTokenIds())
                .build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private long committed() {
        OffsetAndMetadata offset = consumer.committed(Set.of(P0)).get(P0);
        return offset == null ? -1 : offset.offset();
    }

    private static void await(BooleanSupplier condition) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            while (!condition.getAsBoolean()) {
                Thread.sleep(5);
            }
        });
    }

    @Test
    void poisonIsDeadLetteredAndOffsetsAreCommittedAfterACheckpoint() {
        start();
        await(() -> committed() > 0);
        assertEquals(1, deadLetters.size());
        assertTrue(deadLetters.get(0).startsWith("0: value: "), deadLetters.get(0));
        assertTrue(loop.isAlive());

        loop.close();
        assertFalse(loop.isAlive());
        assertFalse(loop.finished());
        assertNull(loop.failure());
    }

    @Test
    void aRefusedCommitOnlyLogs() {
        refuseCommits = true;
        start();
        await(() -> commitsTried.get() >= 2); // the next checkpoint commits again
        assertTrue(loop.isAlive());
        assertEquals(-1, committed());
    }
}
