package io.weights2eq.trainer.inbound.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.domain.training.kernel.ScalarBackend;
import io.weights2eq.records.NetworkRecords;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.NetworkParameters;
import io.weights2eq.testsupport.Await;
import io.weights2eq.trainer.EquationFixtures;
import io.weights2eq.trainer.WaitingBackend;
import io.weights2eq.trainer.engine.TrainerListener;
import io.weights2eq.trainer.engine.WorkerSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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

/** The loop on a MockConsumer: what is trained, dead-lettered, committed, paused and rewound. */
class EquationConsumerLoopTest {
    private static final TopicPartition P0 = new TopicPartition(Topics.EQUATIONS.topicName(), 0);
    private static final TrainingConfig SMALL =
            TrainingConfig.defaults().withSteps(30).withSamples(200, 100, 50).withQualityGate(1e-3, 0);

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
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final List<TrainedNetwork> networks = new CopyOnWriteArrayList<>();
    private final List<String> deadLettered = new CopyOnWriteArrayList<>();
    private volatile Future<?> networkAck = CompletableFuture.completedFuture(null);
    private EquationConsumerLoop loop;

    @AfterEach
    void close() {
        if (loop != null) {
            loop.close();
        }
    }

    private void startWith(int batchSize, TrainingBackend backend, List<ConsumerRecord<byte[], byte[]>> records) {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            records.forEach(consumer::addRecord);
        });
        WorkerSettings settings = new WorkerSettings(
                "trainers", "t-1", batchSize, Duration.ofSeconds(10), Duration.ofMillis(10), 1, SampleSpec.MAX_COUNT);
        loop = new EquationConsumerLoop(
                        () -> consumer,
                        settings,
                        new NetworkTrainer(backend, SMALL),
                        network -> {
                            published.add(network.equationId());
                            networks.add(network);
                            return networkAck;
                        },
                        (record, reason) -> {
                            deadLettered.add(record.offset() + ": " + reason);
                            return CompletableFuture.completedFuture(null);
                        },
                        TrainerListener.NONE)
                .start();
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String key, byte[] value) {
        return new ConsumerRecord<>(P0.topic(), 0, offset, key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static ConsumerRecord<byte[], byte[]> equation(long offset) {
        var equation = EquationFixtures.equation("mock", offset, 300);
        return record(offset, equation.getId(), EquationFixtures.bytes(equation));
    }

    private long committed() {
        OffsetAndMetadata offset = consumer.committed(Set.of(P0)).get(P0);
        return offset == null ? -1 : offset.offset();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Await.until(condition, Duration.ofSeconds(20));
    }

    @Test
    void aFullBatchIsTrainedPublishedAndThenCommitted() throws InterruptedException {
        startWith(3, new ScalarBackend(), List.of(equation(0), equation(1), equation(2)));
        await(() -> committed() == 3);
        assertEquals(List.of("mock-0", "mock-1", "mock-2"), published);
        assertTrue(consumer.paused().isEmpty(), "resumed after the batch");
        assertTrue(loop.isAlive());
    }

    /** An equation of two inputs trains [2, 8, 7, 8, 1] beside a one-input one, and its record carries the domain. */
    @Test
    void aTwoInputEquationTrainsATwoInputNetworkThatCarriesItsDomain() throws InterruptedException {
        var two = EquationFixtures.twoInputEquation("mock", 1, 300);
        startWith(2, new ScalarBackend(), List.of(equation(0), record(1, two.getId(), EquationFixtures.bytes(two))));
        await(() -> committed() == 2);
        assertEquals(List.of("mock-0", "mock-1"), published);
        assertEquals(NetworkLayout.DEFAULT, networks.get(0).network().layout());
        Network network = networks.get(1).network();
        assertEquals(new NetworkLayout(2, 8, 7, 8, 1), network.layout());
        assertEquals(new InputDomain(List.of(Interval.UNIT, new Interval(0, 2))), network.domain());
        NetworkParameters record = NetworkRecords.toAvro(networks.get(1), "t-1").getNetwork();
        assertEquals(List.of(2, 8, 7, 8, 1), record.getLayers());
        assertEquals(
                List.of(
                        new io.weights2eq.schema.avro.Interval(-1.0, 1.0),
                        new io.weights2eq.schema.avro.Interval(0.0, 2.0)),
                record.getDomain());
        assertEquals(
                List.of(),
                NetworkRecords.toAvro(networks.get(0), "t-1").getNetwork().getDomain());
        assertTrue(deadLettered.isEmpty(), deadLettered.toString());
    }

    @Test
    void aTwoInputEquationWhoseXDoesNotFitItsDomainIsDeadLettered() throws InterruptedException {
        var two = EquationFixtures.twoInputEquation("mock", 0, 300);
        two.setDomain(List.of(new io.weights2eq.schema.avro.Interval(-1.0, 1.0)));
        startWith(1, new ScalarBackend(), List.of(record(0, two.getId(), EquationFixtures.bytes(two))));
        await(() -> committed() == 1);
        assertEquals(1, deadLettered.size());
        assertTrue(
                deadLettered.get(0).startsWith("0: y: must have as many samples as x (600), was 300"),
                deadLettered.get(0));
        assertTrue(published.isEmpty());
    }

    @Test
    void poisonIsDeadLetteredWithTheReasonAndCommittedWithTheBatch() throws InterruptedException {
        startWith(
                1,
                new ScalarBackend(),
                List.of(record(0, "poison", "not avro".getBytes(StandardCharsets.UTF_8)), equation(1)));
        await(() -> committed() == 2);
        assertEquals(1, deadLettered.size());
        assertTrue(deadLettered.get(0).startsWith("0: value: "), deadLettered.get(0));
        assertEquals(List.of("mock-1"), published);
    }

    @Test
    void whileABatchTrainsThePartitionsArePausedAndPollingGoesOn() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        startWith(1, new WaitingBackend(new ScalarBackend(), release::await), List.of(equation(0)));
        await(loop::isTraining);
        Thread.sleep(200);
        assertTrue(consumer.paused().contains(P0));
        assertTrue(loop.sinceLastPoll().toMillis() < 150, "still polling: " + loop.sinceLastPoll());
        assertEquals(-1, committed());

        release.countDown();
        await(() -> committed() == 1);
        assertFalse(loop.isTraining());
        assertTrue(consumer.paused().isEmpty());
    }

    @Test
    void unacknowledgedNetworksAreNotCommittedButRewound() throws InterruptedException {
        networkAck = CompletableFuture.failedFuture(new KafkaException("broker down"));
        startWith(1, new ScalarBackend(), List.of(equation(0)));
        await(() -> published.size() == 1 && consumer.position(P0) == 0); // the equation is consumed again
        Thread.sleep(50);
        assertEquals(-1, committed());
        assertTrue(loop.isAlive());
    }

    @Test
    void aFailedCommitStopsTheLoopSoHealthGoesDown() throws InterruptedException {
        refuseCommits = true;
        startWith(1, new ScalarBackend(), List.of(equation(0)));
        await(() -> !loop.isAlive());
        assertEquals(List.of("mock-0"), published);
    }
}
