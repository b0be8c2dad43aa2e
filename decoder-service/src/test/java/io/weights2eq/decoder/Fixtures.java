package io.weights2eq.decoder;

import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.domain.decoding.TransformerConfig;
import io.weights2eq.domain.decoding.TransformerWeights;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.GeneratedEquation;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.avro.NetworkParameters;
import io.weights2eq.schema.serde.FloatArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Records as the generator and the trainer write them. */
public final class Fixtures {
    private Fixtures() {}

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

    /** Random parameters of the default 1-8-7-8-1 layout, from a seed. */
    public static float[] parameters(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] p = new float[NetworkLayout.DEFAULT.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return p;
    }

    public static NetworkParameters parametersRecord(float[] parameters) {
        return NetworkParameters.newBuilder()
                .setLayers(List.of(1, 8, 7, 8, 1))
                .setActivation("relu")
                .setParameters(FloatArrayList.wrap(parameters))
                .setCanonical(false)
                .build();
    }

    public static io.weights2eq.domain.network.Network domainNetwork(long seed) {
        return new io.weights2eq.domain.network.Network(NetworkLayout.DEFAULT, Activation.RELU, parameters(seed));
    }

    public static Network network(String equationId, long seed, boolean converged) {
        return Network.newBuilder()
                .setEquationId(equationId)
                .setNetwork(parametersRecord(parameters(seed)))
                .setTrainMse(1e-4)
                .setValidationMse(2e-4)
                .setRelativeValidationMse(converged ? 1e-4 : 0.5)
                .setSteps(1000)
                .setAttempts(1)
                .setConverged(converged)
                .setTrainingSeed(seed)
                .setTrainerInstance("trainer-test")
                .setTrainingMillis(12)
                .build();
    }

    /** The tiny model of the tests (the %test profile's transformer sizes). */
    public static final TransformerConfig TINY = new TransformerConfig(8, 32, 2, 16, 2, 1, 32, 24);

    /** Small random weights of {@link #TINY}: a model that decodes (nonsense) quickly. */
    public static TransformerWeights tinyWeights(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, float[]> tensors = new LinkedHashMap<>();
        TINY.parameterShapes().forEach((name, shape) -> {
            float[] t = new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
            for (int i = 0; i < t.length; i++) {
                t[i] = name.endsWith("gamma") ? 1f : (float) (random.nextDouble() - 0.5) * 0.2f;
            }
            tensors.put(name, t);
        });
        return new TransformerWeights(TINY, tensors);
    }

    public static DecoderCheckpoint tinyCheckpoint(String version, long step) {
        return new DecoderCheckpoint(
                version, step, step * 8, 1_000L, tinyWeights(step), Map.of(), Map.of("exactMatch", 0.0));
    }
}
