package io.weights2eq.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.weights2eq.kafkalocal.KafkaBroker;
import io.weights2eq.schema.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The broker stopped for 20 s while the generator is producing and the trainer training, then started again on the
 * same ports and data: the three services reconnect by themselves (same processes), the job completes, no equation
 * is lost, every equation gets its network and every network its example.
 */
class BrokerOutageIT {
    private static final int COUNT = 3_000;
    private static final double RATE = 100; // the job runs ~30 s: the outage falls in its middle
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @Test
    void theServicesRideOutABrokerOutage() {
        long start = System.nanoTime();
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts();
                Pipeline pipeline = Pipeline.on("broker-outage", broker, Map.of())
                        .freshWorkDirs()
                        .with(Service.TRAINER, "w2e.trainer.instance-id", "trainer-outage")
                        .with(Service.DECODER, "w2e.decoder.training.enabled", "false")
                        .with(Service.DECODER, "w2e.decoder.serve-networks", "none")) {
            String bootstrap = broker.bootstrapServers();
            PackagedService generator = pipeline.start(Service.GENERATOR);
            PackagedService trainer = pipeline.start(Service.TRAINER);
            PackagedService decoder = pipeline.start(Service.DECODER);
            List<PackagedService> services = List.of(generator, trainer, decoder);
            Map<String, Long> pids =
                    services.stream().collect(Collectors.toMap(PackagedService::name, PackagedService::pid));
            String job = Pipeline.submitJob(generator, COUNT, 23, Pipeline.MIN_SAMPLES, RATE);

            Waits.until(
                    Duration.ofSeconds(120),
                    500,
                    "the generator producing and the trainer training",
                    () -> TopicContents.read(bootstrap, Topics.NETWORKS.topicName())
                            .distinctKeys(),
                    n -> n >= 100);
            JsonNode before = Pipeline.job(generator, job);
            assertEquals("RUNNING", before.get("state").asText(), "the job ended before the outage: " + before);
            int networksBefore =
                    TopicContents.read(bootstrap, Topics.NETWORKS.topicName()).distinctKeys();

            broker.stop();
            long downAt = System.nanoTime();
            PackagedService.sleep(OUTAGE.toMillis());
            long ackedDuringOutage =
                    Pipeline.job(generator, job).get("acknowledged").asLong();
            double outageSeconds = Waits.secondsSince(downAt);
            broker.start();
            long upAt = System.nanoTime();
            long ackedAtRestart =
                    Pipeline.job(generator, job).get("acknowledged").asLong();

            JsonNode done = Waits.until(
                    Duration.ofSeconds(150),
                    1_000,
                    "job " + job + " COMPLETED after the outage",
                    () -> Pipeline.job(generator, job),
                    j -> !"RUNNING".equals(j.get("state").asText()));
            double jobResumeSeconds = Waits.secondsSince(upAt);
            assertEquals("COMPLETED", done.get("state").asText(), "job after the outage: " + done);
            long ackedAtEnd = done.get("acknowledged").asLong();
            Waits.until(
                    Duration.ofSeconds(150),
                    1_000,
                    "a network for each of the " + COUNT + " equations",
                    () -> TopicContents.read(bootstrap, Topics.NETWORKS.topicName())
                            .distinctKeys(),
                    n -> n >= COUNT);
            Waits.until(
                    Duration.ofSeconds(120),
                    1_000,
                    "an example for each of the " + COUNT + " networks",
                    () -> TopicContents.read(bootstrap, Topics.EXAMPLES.topicName())
                            .distinctKeys(),
                    n -> n >= COUNT);
            double recoverySeconds = Waits.secondsSince(upAt);

            TopicContents equations = TopicContents.read(bootstrap, Topics.EQUATIONS.topicName());
            TopicContents networks = TopicContents.read(bootstrap, Topics.NETWORKS.topicName());
            TopicContents examples = TopicContents.read(bootstrap, Topics.EXAMPLES.topicName());
            Set<Long> missingIndexes = missingIndexes(equations, job);
            System.out.printf(
                    "fault broker-outage: outage %.1f s at %d acknowledged / %d networks, equations %d distinct "
                            + "in %d records (re-sent %d, differing %d), lost %d, networks %d distinct in %d records "
                            + "(differing %d), examples %d distinct in %d records (differing %d), acknowledged "
                            + "%d during the outage -> %d at restart -> %d at the end, job resumed in %.1f s, "
                            + "all examples %.1f s after the restart, total %.1f s%n",
                    outageSeconds,
                    before.get("acknowledged").asLong(),
                    networksBefore,
                    equations.distinctKeys(),
                    equations.size(),
                    equations.size() - equations.distinctKeys(),
                    equations.keysWithDifferingDuplicates().size(),
                    missingIndexes.size(),
                    networks.distinctKeys(),
                    networks.size(),
                    networks.keysWithDifferingDuplicates().size(),
                    examples.distinctKeys(),
                    examples.size(),
                    examples.keysWithDifferingDuplicates().size(),
                    ackedDuringOutage,
                    ackedAtRestart,
                    ackedAtEnd,
                    jobResumeSeconds,
                    recoverySeconds,
                    Waits.secondsSince(start));

            for (PackagedService s : services) {
                assertTrue(
                        s.isAlive() && s.pid() == pids.get(s.name()),
                        s.name() + " did not survive the outage as the same process");
                assertEquals(
                        200, s.statusOf("/q/health/ready"), s.name() + " not ready after the outage; see " + s.log());
            }
            assertTrue(
                    missingIndexes.isEmpty(),
                    missingIndexes.size() + " equation indexes of job " + job + " lost, e.g. "
                            + missingIndexes.stream().limit(10).toList());
            assertEquals(COUNT, equations.distinctKeys(), "equations (another job's keys?)");
            assertTrue(
                    equations.keysWithDifferingDuplicates().isEmpty(),
                    "re-sent equations differ: "
                            + equations.keysWithDifferingDuplicates().stream()
                                    .limit(5)
                                    .toList());
            assertTrue(
                    ackedAtEnd > ackedAtRestart,
                    "no progress after the restart: acknowledged " + ackedAtRestart + " -> " + ackedAtEnd);
            assertEquals(Set.of(), missingKeys(equations, networks), "equations without a network");
            assertEquals(Set.of(), missingKeys(networks, examples), "networks without an example");
            assertTrue(networks.keysWithDifferingDuplicates().isEmpty(), "networks written twice with other bytes");
            assertTrue(examples.keysWithDifferingDuplicates().isEmpty(), "examples written twice with other bytes");
        }
    }

    private static Set<Long> missingIndexes(TopicContents equations, String job) {
        Set<String> keys = equations.latestByKey().keySet();
        return LongStream.range(0, COUNT)
                .filter(i -> !keys.contains(job + "-" + i))
                .boxed()
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> missingKeys(TopicContents from, TopicContents to) {
        Set<String> missing = new TreeSet<>(from.latestByKey().keySet());
        missing.removeAll(to.latestByKey().keySet());
        return missing.size() > 10
                ? missing.stream().limit(10).collect(Collectors.toCollection(TreeSet::new))
                : missing;
    }
}
