package io.weights2eq.generator.engine;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.GeneratedEquation;
import io.weights2eq.domain.equation.SampleSpec;

/** One equation of a job, ready to publish. Its key is stable, so a re-sent index replaces itself. */
public record EquationMessage(
        String jobId, long index, long seed, EquationFamily family, SampleSpec samples, GeneratedEquation equation) {

    public static String key(String jobId, long index) {
        return jobId + "-" + index;
    }

    public String key() {
        return key(jobId, index);
    }
}
