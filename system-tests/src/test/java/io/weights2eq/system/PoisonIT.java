package io.weights2eq.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.decoding.ValidationSlice;
import io.weights2eq.kafkalocal.KafkaBroker;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Example;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.avro.Prediction;
import io.weights2eq.schema.dlq.DeadLetterHeaders;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.system.PoisonRecords.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * 1,000 poison records of every {@link Kind} into each input topic, good records interleaved: every poison record
 * reaches {@code <topic>.dlq} once per consumer of that topic, byte for byte, with a reason naming the field; every
 * good record is processed; the services stay alive and ready. The services run with small declared limits
 * ({@link PoisonRecords#MAX_SAMPLES}, {@link PoisonRecords#MAX_PARAMETERS}) so that an oversized record is small.
 */
class PoisonIT {
    private static final int PER_KIND = 1_000;
    private static final int GOOD_EVERY = 10; // a good record in every 10th round of poison: 100 per topic
    private static final Duration SETTLE = Duration.ofMinutes(3);
    /** The decoder's Kafka Streams application id: the {@code rejected.by} of the join's dead letters. */
    private static final String JOIN = "decoder-examples";

    private static final List<Topics> INPUTS =
            List.of(Topics.EQUATIONS, Topics.NETWORKS, Topics.DECODE_REQUESTS, Topics.EXAMPLES);

    private final Map<String, byte[]> sent = new HashMap<>(); // poison key -> bytes
    private final Map<Topics, List<String>> good = new LinkedHashMap<>();

    @Test
    void poisonGoesToTheDeadLetterTopicsAndGoodRecordsAreProcessed() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts();
                Pipeline pipeline = Pipeline.on("poison", broker, Map.of())
                        .with(Service.TRAINER, "w2e.trainer.max-samples", Integer.toString(PoisonRecords.MAX_SAMPLES))
                        .with(
                                Service.DECODER,
                                "w2e.decoder.limits.max-samples",
                                Integer.toString(PoisonRecords.MAX_SAMPLES))
                        .with(
                                Service.DECODER,
                                "w2e.decoder.limits.max-parameters",
                                Integer.toString(PoisonRecords.MAX_PARAMETERS))
                        .with(Service.DECODER, "w2e.decoder.serve-networks", "none")
                        // every valid example is admitted (and counted); the buffer never fills to training
                        .with(Service.DECODER, "w2e.decoder.training.converged-only", "false")
                        .with(Service.DECODER, "w2e.decoder.training.min-buffer", "150000")) {
            PackagedService trainer = pipeline.start(Service.TRAINER);
            PackagedService decoder = pipeline.start(Service.DECODER);
            String bootstrap = broker.bootstrapServers();
            long started = System.nanoTime();
            send(bootstrap);
            long sentNanos = System.nanoTime() - started;

            Map<Topics, Integer> expectedDead = Map.of(
                    Topics.EQUATIONS,
                    2 * 5 * PER_KIND,
                    Topics.NETWORKS,
                    5 * PER_KIND,
                    Topics.DECODE_REQUESTS,
                    5 * PER_KIND,
                    Topics.EXAMPLES,
                    5 * PER_KIND);
            awaitUntil(
                    "every dead letter written",
                    () -> INPUTS.stream()
                            .allMatch(t -> TopicContents.read(bootstrap, t.deadLetterTopicName())
                                            .size()
                                    >= expectedDead.get(t)),
                    () -> INPUTS.stream()
                            .map(t -> t.deadLetterTopicName() + "="
                                    + TopicContents.read(bootstrap, t.deadLetterTopicName())
                                            .size())
                            .toList());
            awaitUntil(
                    "every good record processed",
                    () -> goodProcessed(bootstrap, decoder).values().stream().allMatch(n -> n == 100),
                    () -> goodProcessed(bootstrap, decoder));
            long settledNanos = System.nanoTime() - started;

            Map<Topics, Integer> processed = goodProcessed(bootstrap, decoder);
            for (Topics topic : INPUTS) {
                TopicContents dead = TopicContents.read(bootstrap, topic.deadLetterTopicName());
                Map<String, Integer> byConsumer = checkDeadLetters(topic, dead);
                System.out.printf(
                        "poison %s: sent %d (%d kinds x %d) + %d good, dead-lettered %d %s, good processed %d%n",
                        topic.topicName(),
                        5 * PER_KIND,
                        5,
                        PER_KIND,
                        good.get(topic).size(),
                        dead.size(),
                        new TreeMap<>(byConsumer),
                        processed.get(topic));
                assertEquals(expectedDead.get(topic), dead.size(), topic.deadLetterTopicName());
                assertEquals(
                        good.get(topic).size(),
                        processed.get(topic),
                        "good records of " + topic.topicName() + " processed");
            }
            System.out.printf(
                    "poison: sent in %.1f s, all dead-lettered and processed %.1f s after the first send%n",
                    sentNanos / 1e9, settledNanos / 1e9);
            for (PackagedService s : List.of(trainer, decoder)) {
                assertTrue(s.isAlive(), s.name() + " still running");
                assertEquals(200, s.statusOf("/q/health/live"), s.name() + " live; see " + s.log());
                assertEquals(200, s.statusOf("/q/health/ready"), s.name() + " ready; see " + s.log());
            }
        }
    }

    /** Poison of every kind into every input topic with acks=all, a good record among every ten rounds. */
    private void send(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        INPUTS.forEach(t -> good.put(t, new ArrayList<>()));
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < PER_KIND; i++) {
                for (Topics topic : INPUTS) {
                    for (Kind kind : Kind.values()) {
                        String key = PoisonRecords.poisonKey(topic, kind, i);
                        byte[] value = PoisonRecords.poison(topic, kind, i);
                        sent.put(key, value);
                        acks.add(producer.send(new ProducerRecord<>(topic.topicName(), key, value)));
                    }
                    if (i % GOOD_EVERY == 0) {
                        // the good network of a topic is that of the good equation of the same round
                        String key = topic == Topics.NETWORKS ? goodKey(Topics.EQUATIONS, i) : goodKey(topic, i);
                        good.get(topic).add(key);
                        acks.add(producer.send(
                                new ProducerRecord<>(topic.topicName(), key, PoisonRecords.good(topic, key, i))));
                    }
                }
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }
    }

    private static String goodKey(Topics topic, int i) {
        return "good-" + topic.topicName() + "-" + i;
    }

    /**
     * Per input topic, how many of its good records were processed: an equation is trained (a network of the trainer)
     * and joined (an example); a network is joined (an example carrying its parameters); a request is predicted; an
     * example is taken in by the decoder's training consumer (every example on the topic, good or joined, is counted
     * in the decoder's replay buffer or validation set).
     */
    private Map<Topics, Integer> goodProcessed(String bootstrap, PackagedService decoder) {
        AvroCodec<Network> networks = AvroCodec.of(Network.class);
        AvroCodec<Example> examples = AvroCodec.of(Example.class);
        AvroCodec<Prediction> predictions = AvroCodec.of(Prediction.class);
        Set<String> trained = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r :
                TopicContents.read(bootstrap, Topics.NETWORKS.topicName()).records()) {
            if (!r.key().startsWith("poison-")
                    && r.value() != null
                    && !"poison-it".equals(networks.decode(r.value()).getTrainerInstance())) {
                trained.add(r.key());
            }
        }
        Set<String> joined = new HashSet<>();
        Set<String> joinedWithOurNetwork = new HashSet<>();
        List<ConsumerRecord<String, byte[]>> validExamples = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r :
                TopicContents.read(bootstrap, Topics.EXAMPLES.topicName()).records()) {
            if (r.key().startsWith("poison-") || r.value() == null) {
                continue;
            }
            validExamples.add(r);
            Example example = examples.decode(r.value());
            joined.add(r.key());
            int round = round(r.key());
            if (round >= 0 && example.getNetwork().getParameters().equals(PoisonRecords.goodParameters(round))) {
                joinedWithOurNetwork.add(r.key());
            }
        }
        Set<String> predicted = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r :
                TopicContents.read(bootstrap, Topics.PREDICTIONS.topicName()).records()) {
            predicted.add(predictions.decode(r.value()).getRequestId());
        }
        Map<Topics, Integer> out = new LinkedHashMap<>();
        out.put(Topics.EQUATIONS, (int) good.get(Topics.EQUATIONS).stream()
                .filter(k -> trained.contains(k) && joined.contains(k))
                .count());
        out.put(Topics.NETWORKS, (int) good.get(Topics.NETWORKS).stream()
                .filter(joinedWithOurNetwork::contains)
                .count());
        out.put(Topics.DECODE_REQUESTS, (int) good.get(Topics.DECODE_REQUESTS).stream()
                .filter(predicted::contains)
                .count());
        out.put(Topics.EXAMPLES, examplesTakenIn(decoder, validExamples));
        return out;
    }

    /**
     * The good records of {@code examples} taken in, if the decoder holds exactly what the topic's valid records make
     * (each one in the replay buffer, or its key once in the validation set); else 0, and the figures are logged.
     */
    private int examplesTakenIn(PackagedService decoder, List<ConsumerRecord<String, byte[]>> valid) {
        ValidationSlice slice = new ValidationSlice(0.05); // the decoder's default w2e.decoder.validation-fraction
        Set<String> validationKeys = new HashSet<>();
        long buffered = 0;
        for (ConsumerRecord<String, byte[]> r : valid) {
            if (slice.contains(r.key())) {
                validationKeys.add(r.key());
            } else {
                buffered++;
            }
        }
        String metrics = decoder.metrics();
        long buffer = gauge(metrics, "w2e_decoder_replay_buffer_size");
        long validation = gauge(metrics, "w2e_decoder_validation_examples");
        if (buffer == buffered && validation == validationKeys.size()) {
            return (int) valid.stream()
                    .filter(r -> r.key().startsWith("good-" + Topics.EXAMPLES.topicName()))
                    .count();
        }
        return 0;
    }

    private static long gauge(String prometheus, String name) {
        for (String line : prometheus.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no gauge " + name + " in the decoder's metrics");
    }

    /** The round of a good key ({@code good-<topic>-<round>}), or -1. */
    private static int round(String key) {
        if (!key.startsWith("good-")) {
            return -1;
        }
        return Integer.parseInt(key.substring(key.lastIndexOf('-') + 1));
    }

    /**
     * Every dead letter of {@code topic}: a poison record sent to it, byte for byte, its reason naming the field as
     * expected, its source topic; per kind and consumer exactly {@value #PER_KIND}. Returns the count per consumer.
     */
    private Map<String, Integer> checkDeadLetters(Topics topic, TopicContents dead) {
        Map<String, Map<Kind, Integer>> counts = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : dead.records()) {
            String key = r.key();
            byte[] original = sent.get(key);
            assertNotNull(original, "a dead letter of " + topic.topicName() + " that was no poison: " + key);
            assertArrayEquals(original, r.value(), "the original bytes of " + key);
            String[] parts = key.split("-");
            Kind kind = Kind.valueOf(parts[parts.length - 2].toUpperCase());
            int i = Integer.parseInt(parts[parts.length - 1]);
            String reason = header(r, DeadLetterHeaders.REASON);
            String expected = PoisonRecords.expectedReason(topic, kind, i);
            assertTrue(
                    reason != null && reason.startsWith(expected),
                    key + ": expected a reason starting with '" + expected + "', got '" + reason + "'");
            assertEquals(topic.topicName(), header(r, DeadLetterHeaders.SOURCE_TOPIC), key);
            String by = header(r, DeadLetterHeaders.REJECTED_BY);
            counts.computeIfAbsent(by, b -> new HashMap<>()).merge(kind, 1, Integer::sum);
        }
        // equations: the trainer and the decoder's join; networks: the join; the others: the decoder's consumers
        int consumers = topic == Topics.EQUATIONS ? 2 : 1;
        assertEquals(consumers, counts.size(), topic.topicName() + ": dead letters by " + counts.keySet());
        if (topic == Topics.EQUATIONS || topic == Topics.NETWORKS) {
            assertTrue(counts.containsKey(JOIN), topic.topicName() + " rejected by the join: " + counts.keySet());
        }
        Map<String, Integer> perConsumer = new HashMap<>();
        counts.forEach((by, byKind) -> {
            for (Kind kind : Kind.values()) {
                assertEquals(
                        PER_KIND, byKind.getOrDefault(kind, 0), topic.topicName() + " " + kind + " rejected by " + by);
            }
            perConsumer.put(
                    by, byKind.values().stream().mapToInt(Integer::intValue).sum());
        });
        return perConsumer;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void awaitUntil(String what, BooleanSupplier condition, Supplier<Object> figures) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            PackagedService.sleep(2000);
        }
        throw new AssertionError(what + ": not within " + SETTLE + " (" + figures.get() + ")");
    }
}
