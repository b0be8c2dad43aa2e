package io.weights2eq.domain.equation;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code (jobSeed, index)} into an equation and its samples, deterministically: the same inputs give the
 * same polynomial and the same float bits on every machine, so any worker can (re)generate any equation of a job
 * without coordination or storage.
 *
 * <p>Contract: one {@link DeterministicRandom#forEquation(long, long)} stream first draws the polynomial
 * ({@link EquationSampler#sample}), then for each sample i in order
 * {@code x[i] = (float) (xMin + (xMax - xMin) * nextDouble())}; then {@code y[i]} is the exact value at the float
 * {@code x[i]} rounded once to float ({@link ExactFloatEvaluator}). Because x is rounded to float32, a value may
 * fall on the nearest float just outside {@code [xMin, xMax)}.
 *
 * <p>Immutable and thread-safe; one instance can serve many threads.
 */
public final class EquationGenerator {

    private final EquationSampler sampler;
    private final SampleSpec samples;

    /** @throws IllegalArgumentException listing every violation of the family and the sample spec */
    public EquationGenerator(EquationFamily family, SampleSpec samples) {
        List<Violation> violations = new ArrayList<>(family.validate());
        violations.addAll(samples.validate());
        Violation.requireNone("equation generator configuration", violations);
        this.sampler = new EquationSampler(family);
        this.samples = samples;
    }

    public EquationSampler sampler() {
        return sampler;
    }

    public SampleSpec samples() {
        return samples;
    }

    /** Equation {@code index} of the job seeded with {@code jobSeed}. */
    public GeneratedEquation generate(long jobSeed, long index) {
        DeterministicRandom rnd = DeterministicRandom.forEquation(jobSeed, index);
        Polynomial polynomial = sampler.sample(rnd);
        String text = polynomial.toCanonicalText();
        int count = samples.count();
        double xMin = samples.xMin();
        double width = samples.xMax() - xMin;
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (float) (xMin + width * rnd.nextDouble());
        }
        float[] y = new float[count];
        new ExactFloatEvaluator(polynomial).evaluate(x, y);
        return new GeneratedEquation(polynomial, text, Vocabulary.encode(text), x, y);
    }
}
