package io.weights2eq.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.kernel.CpuBackends;
import io.weights2eq.kafkalocal.KafkaBroker;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.serde.AvroCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trainers scale out as one consumer group; a batch that trains past max.poll.interval.ms keeps its member. */
class TrainerScaleOutTest {
    private static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.startOnFreePorts();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void twoInstancesSplitThePartitionsAndTrainEveryEquationExactlyOnce() throws Exception {
        try (WorkerHarness a = new WorkerHarness(
                        broker.bootstrapServers(), "trainers", "trainer-a", CpuBackends.best(1), Map.of());
                WorkerHarness b = new WorkerHarness(
                        broker.bootstrapServers(), "trainers", "trainer-b", CpuBackends.best(1), Map.of())) {
            a.awaitPartitions(4, Duration.ofSeconds(60));
            b.awaitPartitions(4, Duration.ofSeconds(60));
            assertTrue(
                    a.loop.assignedPartitions().stream().noneMatch(b.loop.assignedPartitions()::contains),
                    "disjoint partitions");

            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                var eq = EquationFixtures.equation("scale", i, 300);
                records.add(EquationFixtures.record(eq.getId(), EquationFixtures.bytes(eq)));
            }
            EquationFixtures.send(broker.bootstrapServers(), records);

            var networks = EquationFixtures.awaitRecords(
                    broker.bootstrapServers(), Topics.NETWORKS.topicName(), 2000, Duration.ofSeconds(180));
            Thread.sleep(1000); // anything trained twice would arrive now
            networks = EquationFixtures.readAll(broker.bootstrapServers(), Topics.NETWORKS.topicName());
            AvroCodec<Network> codec = AvroCodec.of(Network.class);
            Map<String, Integer> perEquation = new HashMap<>();
            Map<String, Integer> perInstance = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : networks) {
                Network n = codec.decode(r.value());
                if (n.getEquationId().startsWith("scale-")) {
                    perEquation.merge(n.getEquationId(), 1, Integer::sum);
                    perInstance.merge(n.getTrainerInstance(), 1, Integer::sum);
                    assertEquals(152, n.getNetwork().getParameters().size());
                }
            }
            assertEquals(2000, perEquation.size(), "every equation trained");
            assertEquals(Set.of(1), Set.copyOf(perEquation.values()), "each exactly once in a clean run");
            assertEquals(
                    Set.of("trainer-a", "trainer-b"), perInstance.keySet(), "both instances worked: " + perInstance);
        }
    }

    @Test
    void aBatchTrainingLongerThanTheMaxPollIntervalKeepsTheWorkerInItsGroup() throws Exception {
        TrainingBackend slow =
                new WaitingBackend(CpuBackends.best(1), () -> Thread.sleep(7000)); // past the poll interval
        Map<String, Object> tight = Map.of(
                "max.poll.interval.ms",
                3000,
                "session.timeout.ms",
                6000,
                "heartbeat.interval.ms",
                1000,
                "auto.offset.reset",
                "latest");
        try (WorkerHarness worker =
                new WorkerHarness(broker.bootstrapServers(), "slow-trainers", "trainer-slow", slow, tight)) {
            worker.awaitPartitions(8, Duration.ofSeconds(60));
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                var eq = EquationFixtures.equation("slow", i, 300);
                records.add(EquationFixtures.record(eq.getId(), EquationFixtures.bytes(eq)));
            }
            EquationFixtures.send(broker.bootstrapServers(), records);
            var networks = EquationFixtures.awaitRecords(
                    broker.bootstrapServers(), Topics.NETWORKS.topicName(), 1, Duration.ofSeconds(5));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            Set<String> slowOnes = Set.of();
            while (System.nanoTime() < deadline) {
                networks = EquationFixtures.readAll(broker.bootstrapServers(), Topics.NETWORKS.topicName());
                slowOnes = networks.stream()
                        .map(r -> new String(r.key()))
                        .filter(k -> k.startsWith("slow-"))
                        .collect(Collectors.toSet());
                if (slowOnes.size() == 40) {
                    break;
                }
                Thread.sleep(500);
            }
            assertEquals(40, slowOnes.size(), "every equation of the slow batches trained");
            long copies = networks.stream()
                    .filter(r -> new String(r.key()).startsWith("slow-"))
                    .count();
            assertEquals(40, copies, "nothing trained twice: the member was never thrown out");
            assertEquals(
                    0,
                    worker.loop.revocations(),
                    "no rebalance while a batch trained for 7 s with a 3 s poll interval");
            assertTrue(worker.loop.isAlive());
        }
    }
}
