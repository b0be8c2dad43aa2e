package io.weights2eq.domain.equation;

import io.weights2eq.domain.expression.DomainCheck;
import io.weights2eq.domain.expression.ExpressionVocabulary;
import io.weights2eq.domain.expression.SampleEvaluator;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
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
 * <p>An elementary family's stream first draws the expression ({@link ElementarySampler#sample}), then for each
 * sample i and each input j in order {@code x[i*n + j] = (float) (lo_j + (hi_j - lo_j) * nextDouble())}; then
 * {@code y[i]} is the double value of the normal form at the float x, rounded once to float. Should a value at the
 * float x not be finite or exceed {@link DomainCheck#MAX_ABS_VALUE} (a float just
 * outside the domain), the stream goes on to the next expression.
 *
 * <p>Immutable and thread-safe; one instance can serve many threads.
 */
public final class EquationGenerator {

    private final EquationSampler sampler;
    private final ElementarySampler elementary;
    private final SampleSpec samples;

    /** @throws IllegalArgumentException listing every violation of the family and the sample spec */
    public EquationGenerator(EquationFamily family, SampleSpec samples) {
        List<Violation> violations = new ArrayList<>(family.validate());
        violations.addAll(samples.validate());
        boolean expressions = family.mode() == SamplingMode.ELEMENTARY;
        if (violations.isEmpty() && expressions) {
            violations.addAll(ElementarySampler.validateDomain(samples.inputDomain()));
        } else if (violations.isEmpty() && samples.inputs() != 1) {
            violations.add(new Violation(
                    "domain", "polynomial families have 1 input, was " + samples.inputs() + " intervals"));
        }
        Violation.requireNone("equation generator configuration", violations);
        this.sampler = expressions ? null : new EquationSampler(family);
        this.elementary = expressions ? new ElementarySampler(family, samples.inputDomain()) : null;
        this.samples = samples;
    }

    /** The polynomial sampler; an elementary family has {@link #elementarySampler()} instead. */
    public EquationSampler sampler() {
        if (sampler == null) {
            throw new IllegalStateException("an elementary family draws expressions: see elementarySampler()");
        }
        return sampler;
    }

    /** The expression sampler of an elementary family. */
    public ElementarySampler elementarySampler() {
        if (elementary == null) {
            throw new IllegalStateException("a polynomial family draws polynomials: see sampler()");
        }
        return elementary;
    }

    public SampleSpec samples() {
        return samples;
    }

    /** Equation {@code index} of the job seeded with {@code jobSeed}. */
    public GeneratedEquation generate(long jobSeed, long index) {
        DeterministicRandom rnd = DeterministicRandom.forEquation(jobSeed, index);
        if (elementary != null) {
            return generateExpression(rnd);
        }
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
        return new GeneratedEquation(polynomial, text, Vocabulary.encode(text), x, y, null, samples.inputDomain());
    }

    private GeneratedEquation generateExpression(DeterministicRandom rnd) {
        InputDomain domain = elementary.domain();
        int n = domain.inputs();
        int count = samples.count();
        while (true) {
            ElementarySampler.Draw draw = elementary.sample(rnd);
            float[] x = new float[count * n];
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < n; j++) {
                    Interval input = domain.input(j);
                    x[i * n + j] = (float) (input.lo() + input.width() * rnd.nextDouble());
                }
            }
            double[] values = SampleEvaluator.evaluate(draw.expression(), x, n);
            float[] y = new float[count];
            boolean usable = true;
            for (int i = 0; i < count && usable; i++) {
                y[i] = (float) values[i];
                usable = Double.isFinite(values[i]) && Math.abs(values[i]) <= DomainCheck.MAX_ABS_VALUE;
            }
            if (usable) {
                String text = draw.text();
                return new GeneratedEquation(
                        null, text, ExpressionVocabulary.encode(text), x, y, draw.expression(), domain);
            }
        }
    }
}
