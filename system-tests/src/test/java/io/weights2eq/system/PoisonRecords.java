package io.weights2eq.system;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.GeneratedEquation;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.DecodeRequest;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Example;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.avro.NetworkParameters;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.schema.serde.FloatArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Good and poison records of the four input topics, as bytes. A poison record of each {@link Kind} breaks exactly one
 * rule, so that its expected dead-letter reason (the field it must name) is known: {@link #expectedReason}.
 * Poison keys equal the record's id, so that no key check pre-empts the intended rejection.
 */
final class PoisonRecords {
    /** The limits the poison test configures on the services: small, so that an oversized record stays small. */
    static final int MAX_SAMPLES = 600;

    static final int MAX_PARAMETERS = 200;
    /** Samples of a good equation: what the pipeline's trainer needs (its train + validation split). */
    static final int GOOD_SAMPLES = Pipeline.MIN_SAMPLES;

    enum Kind {
        GARBAGE,
        FINGERPRINT,
        SIZES,
        NAN,
        OVERSIZED
    }

    private static final AvroCodec<Equation> EQUATIONS = AvroCodec.of(Equation.class);
    private static final AvroCodec<Network> NETWORKS = AvroCodec.of(Network.class);
    private static final AvroCodec<DecodeRequest> REQUESTS = AvroCodec.of(DecodeRequest.class);
    private static final AvroCodec<Example> EXAMPLES = AvroCodec.of(Example.class);
    private static final EquationGenerator GENERATOR =
            new EquationGenerator(EquationFamily.defaults(), new SampleSpec(GOOD_SAMPLES, -1, 1));
    /** For examples, which carry the equation's text but no samples: one sample, drawn and dropped, is cheaper. */
    private static final EquationGenerator TEXT_ONLY =
            new EquationGenerator(EquationFamily.defaults(), new SampleSpec(1, -1, 1));

    private PoisonRecords() {}

    static String poisonKey(Topics topic, Kind kind, int i) {
        return "poison-" + topic.topicName() + "-" + kind.name().toLowerCase() + "-" + i;
    }

    /** The start of the dead-letter reason a poison record must get: the field it names, and what is wrong. */
    static String expectedReason(Topics topic, Kind kind, int i) {
        return switch (kind) {
            case GARBAGE -> "value: not an Avro single-object message";
            case FINGERPRINT -> "value: unknown schema fingerprint";
            case SIZES ->
                topic == Topics.EQUATIONS
                        ? "y: must have as many samples as x"
                        : "network.parameters: [1, 8, 7, 8, 1] needs 152 parameters, was 151";
            case NAN ->
                topic == Topics.EQUATIONS
                        ? (i % 2 == 0 ? "y: sample 3 is not finite" : "x: sample 3 is not finite")
                        : "network.parameters[7]: must be finite";
            case OVERSIZED ->
                topic == Topics.EQUATIONS
                        ? "x: at most " + MAX_SAMPLES + " samples"
                        : "network.parameters: at most " + MAX_PARAMETERS + " parameters";
        };
    }

    static byte[] poison(Topics topic, Kind kind, int i) {
        String key = poisonKey(topic, kind, i);
        SplittableRandom random = new SplittableRandom(key.hashCode());
        return switch (kind) {
            case GARBAGE -> garbage(random);
            case FINGERPRINT -> unknownFingerprint(good(topic, key, i), random);
            case SIZES, NAN, OVERSIZED -> broken(topic, kind, key, i);
        };
    }

    /** A good record of {@code topic} with this key (for networks: of the good equation {@code key}). */
    static byte[] good(Topics topic, String key, long seed) {
        return switch (topic) {
            case EQUATIONS -> EQUATIONS.encode(equation(key, seed));
            case NETWORKS -> NETWORKS.encode(network(key, parameters(seed, NetworkLayout.DEFAULT)));
            case DECODE_REQUESTS -> REQUESTS.encode(request(key, parameters(seed, NetworkLayout.DEFAULT)));
            case EXAMPLES -> EXAMPLES.encode(example(key, seed, parameters(seed, NetworkLayout.DEFAULT)));
            default -> throw new IllegalArgumentException(topic + " is no input topic");
        };
    }

    /** The parameters a good network or request of this seed carries (to find it again downstream). */
    static List<Float> goodParameters(long seed) {
        return FloatArrayList.wrap(parameters(seed, NetworkLayout.DEFAULT));
    }

    private static byte[] broken(Topics topic, Kind kind, String key, int i) {
        if (topic == Topics.EQUATIONS) {
            Equation e = equation(key, i);
            float[] x = FloatArrayList.toFloatArray(e.getX()).clone();
            float[] y = FloatArrayList.toFloatArray(e.getY()).clone();
            switch (kind) {
                case SIZES -> y = Arrays.copyOf(y, y.length - 1);
                case NAN -> {
                    if (i % 2 == 0) {
                        y[3] = Float.NaN;
                    } else {
                        x[3] = Float.POSITIVE_INFINITY;
                    }
                }
                default -> { // OVERSIZED: one sample more than the limit, every value valid
                    x = Arrays.copyOf(x, MAX_SAMPLES + 1);
                    y = Arrays.copyOf(y, MAX_SAMPLES + 1);
                }
            }
            e.setX(FloatArrayList.wrap(x));
            e.setY(FloatArrayList.wrap(y));
            return EQUATIONS.encode(e);
        }
        float[] p = parameters(i, NetworkLayout.DEFAULT);
        NetworkLayout layout = NetworkLayout.DEFAULT;
        switch (kind) {
            case SIZES -> p = Arrays.copyOf(p, p.length - 1);
            case NAN -> p[7] = i % 2 == 0 ? Float.NaN : Float.NEGATIVE_INFINITY;
            default -> { // OVERSIZED: a valid 1-16-16-1 network of 321 parameters
                layout = new NetworkLayout(1, 16, 16, 1);
                p = parameters(i, layout);
            }
        }
        NetworkParameters parameters = parameters(layout, p);
        return switch (topic) {
            case NETWORKS -> NETWORKS.encode(network(key, parameters));
            case DECODE_REQUESTS ->
                REQUESTS.encode(DecodeRequest.newBuilder()
                        .setRequestId(key)
                        .setNetwork(parameters)
                        .setMethod(null)
                        .build());
            case EXAMPLES -> {
                Example example = example(key, i, p);
                example.setNetwork(parameters);
                yield EXAMPLES.encode(example);
            }
            default -> throw new IllegalArgumentException(topic + " is no input topic");
        };
    }

    /** Random bytes that do not start with the single-object marker C3 01. */
    private static byte[] garbage(SplittableRandom random) {
        byte[] bytes = new byte[16 + random.nextInt(200)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        bytes[0] = 0x00;
        return bytes;
    }

    /** A valid single-object header (C3 01) with a fingerprint of no schema, then a valid body. */
    private static byte[] unknownFingerprint(byte[] valid, SplittableRandom random) {
        byte[] bytes = valid.clone();
        long fingerprint = random.nextLong() | 1L; // 2^-64 to hit a real one
        for (int b = 0; b < 8; b++) {
            bytes[2 + b] = (byte) (fingerprint >>> (8 * b));
        }
        return bytes;
    }

    static Equation equation(String id, long seed) {
        return equation(GENERATOR, id, seed);
    }

    private static Equation equation(EquationGenerator generator, String id, long seed) {
        GeneratedEquation eq = generator.generate(seed, Math.abs(id.hashCode()));
        return Equation.newBuilder()
                .setId(id)
                .setJobId("poison-it")
                .setIndex(seed)
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
                .setSeed(seed)
                .setXMin(-1)
                .setXMax(1)
                .build();
    }

    private static Network network(String equationId, NetworkParameters parameters) {
        return Network.newBuilder()
                .setEquationId(equationId)
                .setNetwork(parameters)
                .setTrainMse(1e-4)
                .setValidationMse(2e-4)
                .setRelativeValidationMse(1e-4)
                .setSteps(50)
                .setAttempts(1)
                .setConverged(true)
                .setTrainingSeed(1)
                .setTrainerInstance("poison-it")
                .setTrainingMillis(1)
                .build();
    }

    private static Network network(String equationId, float[] parameters) {
        return network(equationId, parameters(NetworkLayout.DEFAULT, parameters));
    }

    private static DecodeRequest request(String id, float[] parameters) {
        return DecodeRequest.newBuilder()
                .setRequestId(id)
                .setNetwork(parameters(NetworkLayout.DEFAULT, parameters))
                .setMethod(null)
                .build();
    }

    private static Example example(String id, long seed, float[] parameters) {
        Equation e = equation(TEXT_ONLY, id, seed);
        return Example.newBuilder()
                .setEquationId(id)
                .setNetwork(parameters(NetworkLayout.DEFAULT, parameters))
                .setRelativeValidationMse(1e-4)
                .setConverged(true)
                .setFamily(e.getFamily())
                .setCoefficients(e.getCoefficients())
                .setCanonicalText(e.getCanonicalText())
                .setTokenIds(e.getTokenIds())
                .build();
    }

    private static NetworkParameters parameters(NetworkLayout layout, float[] values) {
        return NetworkParameters.newBuilder()
                .setLayers(Arrays.stream(layout.sizes()).boxed().toList())
                .setActivation("relu")
                .setParameters(FloatArrayList.wrap(values))
                .setCanonical(false)
                .build();
    }

    private static float[] parameters(long seed, NetworkLayout layout) {
        SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        float[] p = new float[layout.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return p;
    }
}
