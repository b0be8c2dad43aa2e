package io.weights2eq.trainer.inbound.kafka;

import io.weights2eq.domain.equation.SampleChecks;
import io.weights2eq.domain.equation.Violation;
import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.TrainingTask;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.schema.serde.FloatArrayList;
import io.weights2eq.schema.serde.RecordDecodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Turns an {@code equations} record into a training task, or into the reason it cannot be one. */
final class EquationValidator {

    sealed interface Outcome permits Accepted, Rejected {
    }

    record Accepted(TrainingTask task) implements Outcome {
    }

    record Rejected(String reason) implements Outcome {
    }

    private final AvroCodec<Equation> codec = AvroCodec.of(Equation.class);
    private final NetworkTrainer trainer;
    private final long trainingSeed;
    private final int maxSamples;

    EquationValidator(NetworkTrainer trainer, long trainingSeed, int maxSamples) {
        this.trainer = trainer;
        this.trainingSeed = trainingSeed;
        this.maxSamples = maxSamples;
    }

    Outcome validate(byte[] key, byte[] value) {
        if (value == null) {
            return new Rejected("value: null (a tombstone is not an equation)");
        }
        Equation equation;
        try {
            equation = codec.decode(value);
        } catch (RecordDecodingException e) {
            return new Rejected("value: " + e.reason());
        }
        String keyText = key == null ? null : new String(key, StandardCharsets.UTF_8);
        if (keyText == null || !keyText.equals(equation.getId())) {
            return new Rejected("key: must equal the equation id '" + equation.getId() + "', was '" + keyText + "'");
        }
        float[] x = FloatArrayList.toFloatArray(equation.getX());
        float[] y = FloatArrayList.toFloatArray(equation.getY());
        List<Violation> violations = SampleChecks.check(x, y, maxSamples, "w2e.trainer.max-samples");
        TrainingTask task = new TrainingTask(equation.getId(), x, y, trainingSeed);
        if (violations.isEmpty()) {
            violations = trainer.check(task); // the trainer's own minimum
        }
        if (!violations.isEmpty()) {
            return new Rejected(violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        }
        double xMin = equation.getXMin();
        double xMax = equation.getXMax();
        for (int i = 0; i < x.length; i++) {
            if (x[i] < xMin || x[i] > xMax) {
                return new Rejected("x: sample " + i + " = " + x[i] + " is outside the equation's range [" + xMin + ", " + xMax + "]");
            }
        }
        return new Accepted(task);
    }
}
