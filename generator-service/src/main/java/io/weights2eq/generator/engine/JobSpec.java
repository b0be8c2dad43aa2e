package io.weights2eq.generator.engine;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.SampleSpec;

/** What a job produces: {@code count} equations of a family, drawn from {@code seed}. */
public record JobSpec(long count, long seed, EquationFamily family, SampleSpec samples, Double ratePerSecond) {

    /** Bytes of sample data (x of every input and y, as float32) in one equation. */
    public long sampleBytesPerEquation() {
        return (samples.inputs() + 1L) * Float.BYTES * samples.count();
    }
}
