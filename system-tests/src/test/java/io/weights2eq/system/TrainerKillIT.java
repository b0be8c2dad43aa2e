package io.weights2eq.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.kafkalocal.KafkaBroker;
import io.weights2eq.schema.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A trainer SIGKILLed in the middle of a training run (some networks out, not all), then started again: every
 * equation of the job ends with its network, none lost, and a network written twice (re-trained after the kill,
 * or by a trainer re-reading the whole topic) carries identical bytes.
 */
class TrainerKillIT {
    private static final int COUNT = 5_000;
    /** Generation is rate-limited so that the training run spans the kill (the trainer alone is faster). */
    private static final double RATE = 200;

    private static final String NETWORKS = Topics.NETWORKS.topicName();

    @Test
    void aKilledTrainerRestartsAndLosesNoEquation() {
        long start = System.nanoTime();
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts();
                Pipeline pipeline = Pipeline.on("trainer-kill", broker, Map.of())
                        .freshWorkDirs()
                        // the instance id is part of each network record: a restarted trainer keeps it
                        .with(Service.TRAINER, "w2e.trainer.instance-id", "trainer-kill")) {
            String bootstrap = broker.bootstrapServers();
            PackagedService generator = pipeline.start(Service.GENERATOR);
            PackagedService trainer = pipeline.start(Service.TRAINER);
            String job = Pipeline.submitJob(generator, COUNT, 11, Pipeline.MIN_SAMPLES, RATE);

            int beforeKill = Waits.until(
                    Duration.ofSeconds(120),
                    500,
                    "the first 500 networks",
                    () -> TopicContents.read(bootstrap, NETWORKS).distinctKeys(),
                    n -> n >= 500);
            trainer.kill();
            int atKill = TopicContents.read(bootstrap, NETWORKS).distinctKeys();
            assertTrue(atKill < COUNT, "the kill came too late to test anything: all " + atKill + " networks were out");
            PackagedService.sleep(2_000); // equations keep arriving while no trainer runs
            long restartedAt = System.nanoTime();
            trainer.restart().awaitReady(Pipeline.READY);

            Waits.until(
                    Duration.ofSeconds(150),
                    1_000,
                    "networks of all " + COUNT + " equations after the restart",
                    () -> TopicContents.read(bootstrap, NETWORKS).distinctKeys(),
                    n -> n >= COUNT);
            double recoverySeconds = Waits.secondsSince(restartedAt);
            assertEquals("COMPLETED", Pipeline.job(generator, job).get("state").asText(), "job " + job);

            TopicContents equations = TopicContents.read(bootstrap, Topics.EQUATIONS.topicName());
            TopicContents networks = TopicContents.read(bootstrap, NETWORKS);
            Set<String> lost = new TreeSet<>(equations.latestByKey().keySet());
            lost.removeAll(networks.latestByKey().keySet());
            int duplicates = networks.size() - networks.distinctKeys();
            System.out.printf(
                    "fault trainer-kill: equations %d, networks %d distinct in %d records, lost %d, "
                            + "re-trained duplicates %d (differing %d), killed at %d networks (polled %d), "
                            + "recovered in %.1f s, total %.1f s%n",
                    equations.distinctKeys(),
                    networks.distinctKeys(),
                    networks.size(),
                    lost.size(),
                    duplicates,
                    networks.keysWithDifferingDuplicates().size(),
                    atKill,
                    beforeKill,
                    recoverySeconds,
                    Waits.secondsSince(start));
            assertEquals(COUNT, equations.distinctKeys(), "equations of job " + job);
            assertTrue(lost.isEmpty(), lost.size() + " equations lost their network, e.g. " + first(lost, 5));
            assertEquals(COUNT, networks.distinctKeys(), "networks of job " + job);
            assertTrue(
                    networks.keysWithDifferingDuplicates().isEmpty(),
                    "networks re-trained with other bytes: " + first(networks.keysWithDifferingDuplicates(), 5));

            // The kill may fall between batches (nothing re-trained): make every key be written twice by
            // re-training the whole topic in a second group, and require the same bytes.
            trainer.stop();
            pipeline.with(Service.TRAINER, "w2e.trainer.group-id", "trainers-replay")
                    .with(Service.TRAINER, "w2e.trainer.batch-size", "512");
            long replayStart = System.nanoTime();
            pipeline.start(Service.TRAINER);
            int expected = networks.size() + COUNT;
            Waits.until(
                    Duration.ofSeconds(120),
                    1_000,
                    "a second network for each of the " + COUNT + " equations",
                    () -> TopicContents.read(bootstrap, NETWORKS).size(),
                    n -> n >= expected);
            TopicContents replayed = TopicContents.read(bootstrap, NETWORKS);
            Map<String, Integer> writes = new HashMap<>();
            replayed.records().forEach(r -> writes.merge(r.key(), 1, Integer::sum));
            long twice = writes.values().stream().filter(n -> n >= 2).count();
            System.out.printf(
                    "fault trainer-kill-replay: %d records, %d keys written at least twice, differing %d, "
                            + "replay %.1f s%n",
                    replayed.size(),
                    twice,
                    replayed.keysWithDifferingDuplicates().size(),
                    Waits.secondsSince(replayStart));
            assertEquals(COUNT, twice, "keys re-trained by the replay group");
            assertTrue(
                    replayed.keysWithDifferingDuplicates().isEmpty(),
                    "a re-trained network differs from the first: " + first(replayed.keysWithDifferingDuplicates(), 5));
        }
    }

    private static String first(java.util.Collection<String> keys, int n) {
        return keys.stream().limit(n).toList().toString();
    }
}
