package io.weights2eq.cli;

import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.EquationFamily;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.avro.NetworkParameters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Hand-made Avro records, a producer and an in-process CLI run, shared by the CLI command tests. */
final class CliTestRecords {

    private CliTestRecords() {}

    /** An equation record with two samples (the commands under test read only the id and the text). */
    static Equation equation(String id, String canonicalText) {
        return equation(
                id,
                canonicalText,
                EquationFamily.newBuilder()
                        .setMode("uniform-length")
                        .setDegree(2)
                        .setCoefficientMin("-5")
                        .setCoefficientMax("5")
                        .setWholeWeight(1)
                        .setDecimalWeight(1)
                        .setDecimalDigits(1)
                        .setFractionWeight(1)
                        .setFractionDigits(3)
                        .setAbsentProbability(0.25)
                        .build());
    }

    /** The same, of {@code family} (decode-validation scores roots for a monic family's equations). */
    static Equation equation(String id, String canonicalText, EquationFamily family) {
        return Equation.newBuilder()
                .setId(id)
                .setJobId("job-t")
                .setIndex(0)
                .setFamily(family)
                .setCoefficients(List.of("0"))
                .setCanonicalText(canonicalText)
                .setTokenIds(List.of())
                .setX(List.of(-0.5f, 0.5f))
                .setY(List.of(0f, 0f))
                .setSeed(42)
                .build();
    }

    /** A trained 1-3-1 tanh network (10 parameters) for {@code equationId}. */
    static Network network(String equationId, float[] parameters, boolean converged) {
        List<Float> p = new ArrayList<>();
        for (float f : parameters) {
            p.add(f);
        }
        return Network.newBuilder()
                .setEquationId(equationId)
                .setNetwork(NetworkParameters.newBuilder()
                        .setLayers(List.of(1, 3, 1))
                        .setActivation("tanh")
                        .setParameters(p)
                        .setCanonical(false)
                        .build())
                .setTrainMse(1e-4)
                .setValidationMse(2e-4)
                .setRelativeValidationMse(1e-3)
                .setSteps(100)
                .setAttempts(1)
                .setConverged(converged)
                .setTrainingSeed(7)
                .setTrainerInstance("test")
                .setTrainingMillis(5)
                .build();
    }

    /** Ten parameters of a 1-3-1 network, with values whose decimal spelling is easy to get wrong. */
    static float[] parameters(int seed) {
        float[] p = new float[10];
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) random.nextGaussian();
        }
        p[0] = 0.1f;
        p[1] = -1e-7f * (seed + 1);
        p[2] = Math.nextUp(1f);
        p[3] = -0f;
        p[4] = 12345.678f;
        return p;
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    static ProducerRecord<String, byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key, value);
    }

    record Result(int rc, String out, String err) {}

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = W2eCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
