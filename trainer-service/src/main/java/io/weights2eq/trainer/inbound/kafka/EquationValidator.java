package io.weights2eq.trainer.inbound.kafka;

import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.TrainingTask;
import io.weights2eq.records.EquationRecords;
import io.weights2eq.records.InvalidRecordException;
import io.weights2eq.records.Limit;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.schema.serde.RecordDecodingException;
import java.nio.charset.StandardCharsets;

/** Turns an {@code equations} record into a training task, or into the reason it cannot be one. */
final class EquationValidator {

    sealed interface Outcome permits Accepted, Rejected {}

    record Accepted(TrainingTask task) implements Outcome {}

    record Rejected(String reason) implements Outcome {}

    private final AvroCodec<Equation> codec = AvroCodec.of(Equation.class);
    private final NetworkTrainer trainer;
    private final long trainingSeed;
    private final Limit maxSamples;

    EquationValidator(NetworkTrainer trainer, long trainingSeed, int maxSamples) {
        this.trainer = trainer;
        this.trainingSeed = trainingSeed;
        this.maxSamples = new Limit(maxSamples, "w2e.trainer.max-samples");
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
        try {
            EquationRecords.requireKey(keyText, equation);
            EquationRecords.Samples samples = EquationRecords.samples(equation, maxSamples);
            TrainingTask task =
                    new TrainingTask(equation.getId(), samples.x(), samples.y(), trainingSeed, samples.domain());
            EquationRecords.requireNone(trainer.check(task)); // the trainer's own minimum
            return new Accepted(task);
        } catch (InvalidRecordException e) {
            return new Rejected(e.getMessage());
        }
    }
}
