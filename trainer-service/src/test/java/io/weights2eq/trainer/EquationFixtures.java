package io.weights2eq.trainer;

import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.GeneratedEquation;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Interval;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.schema.serde.FloatArrayList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Builds equation records as the generator writes them, sends raw records, and reads topics back. */
public final class EquationFixtures {
    static final AvroCodec<Equation> CODEC = AvroCodec.of(Equation.class);

    private EquationFixtures() {}

    public static Equation equation(String jobId, long index, int samples) {
        EquationGenerator generator = new EquationGenerator(EquationFamily.defaults(), new SampleSpec(samples, -1, 1));
        GeneratedEquation eq = generator.generate(99, index);
        return Equation.newBuilder()
                .setId(jobId + "-" + index)
                .setJobId(jobId)
                .setIndex(index)
                .setFamily(io.weights2eq.schema.avro.EquationFamily.newBuilder()
                        .setMode("uniform-length")
                        .setDegree(2)
                        .setCoefficientMin("-5")
                        .setCoefficientMax("5")
                        .setWholeWeight(1)
                        .setDecimalWeight(1)
                        .setDecimalDigits(1)
                        .setFractionWeight(1)
                        .setFractionDigits(2)
                        .setAbsentProbability(0.25)
                        .build())
                .setCoefficients(eq.polynomial().ascendingCoefficients(3).stream()
                        .map(c -> c.toPlainString())
                        .toList())
                .setCanonicalText(eq.canonicalText())
                .setTokenIds(Arrays.stream(eq.tokenIds()).boxed().toList())
                .setX(FloatArrayList.wrap(eq.x()))
                .setY(FloatArrayList.wrap(eq.y()))
                .setSeed(99)
                .setXMin(-1)
                .setXMax(1)
                .build();
    }

    /**
     * A record of two inputs as an elementary equation's would be: {@code samples} points (x1, x2) on [-1, 1] × [0, 2],
     * sample-major, y = x1·x2 + sin(x1).
     */
    public static Equation twoInputEquation(String jobId, long index, int samples) {
        DeterministicRandom random = DeterministicRandom.forEquation(7, index);
        float[] x = new float[2 * samples];
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[2 * i] = (float) (2 * random.nextDouble() - 1);
            x[2 * i + 1] = (float) (2 * random.nextDouble());
            y[i] = (float) (x[2 * i] * x[2 * i + 1] + Math.sin(x[2 * i]));
        }
        Equation equation = equation(jobId, index, samples); // set, not Equation.newBuilder(copy): Quarkus tests
        equation.setX(FloatArrayList.wrap(x)); // load Avro twice, and a builder's deep copy mixes the two
        equation.setY(FloatArrayList.wrap(y));
        equation.setDomain(List.of(new Interval(-1.0, 1.0), new Interval(0.0, 2.0)));
        return equation;
    }

    public static byte[] bytes(Equation equation) {
        return CODEC.encode(equation);
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                4 * 1024 * 1024);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void send(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            List<Future<?>> acks = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> r : records) {
                acks.add(producer.send(r));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
        }
    }

    static ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ProducerRecord<>(Topics.EQUATIONS.topicName(), key == null ? null : key.getBytes(), value);
    }

    /** Every record of a topic, from the beginning to the end offsets at the time of the call. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    /** Polls a topic until it holds at least {@code count} records or the timeout passes. */
    static List<ConsumerRecord<byte[], byte[]>> awaitRecords(
            String bootstrap, String topic, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> records = readAll(bootstrap, topic);
        while (records.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(250);
            records = readAll(bootstrap, topic);
        }
        return records;
    }
}
