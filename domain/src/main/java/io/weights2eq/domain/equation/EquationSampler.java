package io.weights2eq.domain.equation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Draws polynomials of an {@link EquationFamily}.
 *
 * <h2>{@link SamplingMode#UNIFORM_LENGTH}</h2>
 * A sequence model sees lengths first; if long texts dominate (as they do when every term is usually present) it
 * learns short equations badly. So every achievable canonical-text length is equally likely:
 * <ol>
 *   <li>The <em>base</em> distribution treats terms independently: each power is absent with
 *       {@code absentProbability}; otherwise its kind is chosen by the kind weights (renormalised over kinds with at
 *       least one value in range) and the coefficient is uniform over all non-zero values of that kind in
 *       {@code [coefficientMin, coefficientMax]}. A value of a kind has exactly that many decimals with a non-zero
 *       last one, so the kind stays visible in canonical text.</li>
 *   <li>Values are grouped into classes (sign, kind, number of integer digits); all texts of one "shape" (a class
 *       or absent per power) have the same length. The weight of a shape is its base probability, i.e. the product
 *       over powers of {@code absentProbability} or {@code (1 - absentProbability) * kindShare * classSize /
 *       kindSize}. The all-absent shape is the zero polynomial {@code 0} (length 1), possible only when
 *       {@code absentProbability > 0}.</li>
 *   <li>Sampling picks a length uniformly among the achievable ones, then a shape of that length with probability
 *       proportional to its weight, then each coefficient uniformly within its class. In other words: the base
 *       distribution conditioned on the length, with the length made uniform.</li>
 * </ol>
 * The tables are computed once in the constructor ({@link LengthTables}); a draw is a handful of binary searches
 * and one bounded random number per present term.
 *
 * <h2>{@link SamplingMode#SERVANT}</h2>
 * The original project's distribution, kept to compare against: for each power independently, with probability 1/2
 * an integer uniform in [-5, 5], otherwise a one-decimal number uniform in [-5.0, 5.0] (step 0.1); a zero drops the
 * term. Only {@code degree} is taken from the family; range, weights, digits and absentProbability are ignored.
 * Texts are skewed to long lengths. {@link #lengthDistribution()} gives its exact length distribution.
 *
 * <h2>{@link SamplingMode#CUBIC}</h2>
 * Seed 001's monic cubics: {@code x*x*x} plus, for each lower power independently, a whole number uniform in
 * [coefficientMin, coefficientMax] (zero included: the term drops out, so lengths are not uniform).
 * {@link #lengthDistribution()} is exact, by convolving the independent terms' lengths.
 *
 * <p>Draw order (part of the determinism contract): UNIFORM_LENGTH draws the length, the leading choice, the
 * choices for lower powers from high to low, then the coefficient values from high to low power; SERVANT draws,
 * from power 0 up, a coin then a value; CUBIC draws one value per power from power 0 up.
 *
 * <p>Immutable and thread-safe; the {@link DeterministicRandom} passed in is not.
 */
public final class EquationSampler {

    private static final BigDecimal FIVE = BigDecimal.valueOf(5);
    private static final BigDecimal[] SERVANT_INTEGERS = new BigDecimal[11];
    private static final BigDecimal[] SERVANT_DECIMALS = new BigDecimal[101];

    static {
        for (int i = 0; i < SERVANT_INTEGERS.length; i++) {
            SERVANT_INTEGERS[i] = BigDecimal.valueOf(i - 5);
        }
        for (int i = 0; i < SERVANT_DECIMALS.length; i++) {
            SERVANT_DECIMALS[i] = BigDecimal.valueOf(i - 50, 1);
        }
    }

    private final EquationFamily family;
    private final LengthTables tables;
    private final int[] lengths;
    private final SortedMap<Integer, Double> lengthDistribution;

    /** @throws IllegalArgumentException listing every violation if the family is invalid */
    public EquationSampler(EquationFamily family) {
        this.family = family.requireValid();
        if (family.mode() == SamplingMode.CUBIC) {
            this.tables = null;
            this.lengthDistribution = Collections.unmodifiableSortedMap(cubicLengthDistribution(family));
            this.lengths = lengthDistribution.keySet().stream()
                    .mapToInt(Integer::intValue)
                    .toArray();
            return;
        }
        this.tables = family.mode() == SamplingMode.SERVANT ? servantTables(family.degree()) : uniformTables(family);
        List<Integer> achievable = new ArrayList<>();
        double total = 0;
        for (int len = 0; len < tables.lengthWeight.length; len++) {
            if (tables.lengthWeight[len] > 0) {
                achievable.add(len);
                total += tables.lengthWeight[len];
            }
        }
        this.lengths = achievable.stream().mapToInt(Integer::intValue).toArray();
        SortedMap<Integer, Double> distribution = new TreeMap<>();
        for (int len : lengths) {
            distribution.put(
                    len,
                    family.mode() == SamplingMode.SERVANT ? tables.lengthWeight[len] / total : 1.0 / lengths.length);
        }
        this.lengthDistribution = Collections.unmodifiableSortedMap(distribution);
    }

    /** For tests that check the length bookkeeping against brute force. */
    LengthTables tablesForTest() {
        return tables;
    }

    public EquationFamily family() {
        return family;
    }

    /** Every canonical-text length this sampler can produce, ascending. */
    public List<Integer> achievableLengths() {
        return List.copyOf(lengthDistribution.keySet());
    }

    /** Probability of each canonical-text length: uniform for UNIFORM_LENGTH, exact for SERVANT. */
    public SortedMap<Integer, Double> lengthDistribution() {
        return lengthDistribution;
    }

    /** One polynomial; consumes a family-dependent number of draws from {@code rnd}. */
    public Polynomial sample(DeterministicRandom rnd) {
        return switch (family.mode()) {
            case SERVANT -> sampleServant(rnd);
            case CUBIC -> sampleCubic(rnd);
            case UNIFORM_LENGTH -> sampleUniformLength(rnd);
            case ELEMENTARY -> throw new IllegalStateException("elementary expressions are not polynomials");
        };
    }

    private Polynomial sampleCubic(DeterministicRandom rnd) {
        long low = family.coefficientMin().longValueExact();
        long count = family.coefficientMax().longValueExact() - low + 1;
        BigDecimal[] coefficients = new BigDecimal[family.degree() + 1];
        for (int p = 0; p < family.degree(); p++) {
            coefficients[p] = BigDecimal.valueOf(low + rnd.nextLong(count));
        }
        coefficients[family.degree()] = BigDecimal.ONE;
        return Polynomial.of(coefficients);
    }

    /** The leading {@code 1*x*x*x} plus each lower term's length (sign, digits, {@code *x} per power, or 0 if zero). */
    private static SortedMap<Integer, Double> cubicLengthDistribution(EquationFamily family) {
        long low = family.coefficientMin().longValueExact();
        long high = family.coefficientMax().longValueExact();
        double share = 1.0 / (high - low + 1);
        SortedMap<Integer, Double> distribution = new TreeMap<>(Map.of(1 + 2 * family.degree(), 1.0));
        for (int p = 0; p < family.degree(); p++) {
            SortedMap<Integer, Double> term = new TreeMap<>();
            for (long v = low; v <= high; v++) {
                int length = v == 0 ? 0 : 1 + Long.toString(Math.abs(v)).length() + 2 * p;
                term.merge(length, share, Double::sum);
            }
            SortedMap<Integer, Double> next = new TreeMap<>();
            distribution.forEach((len, prob) -> term.forEach((t, q) -> next.merge(len + t, prob * q, Double::sum)));
            distribution = next;
        }
        return distribution;
    }

    private Polynomial sampleUniformLength(DeterministicRandom rnd) {
        int length = lengths[rnd.nextInt(lengths.length)];
        int leading = tables.chooseLeading(length, rnd.nextDouble());
        if (leading < 0) {
            return Polynomial.zero();
        }
        int n = tables.classes.length;
        int top = leading / n;
        int[] chosen = new int[top + 1];
        chosen[top] = leading % n;
        int remaining = length - tables.leadingLength(top, chosen[top]);
        for (int q = top - 1; q >= 0; q--) {
            chosen[q] = tables.chooseStage(q, remaining, rnd.nextDouble());
            if (chosen[q] >= 0) {
                remaining -= tables.followingLength(q, chosen[q]);
            }
        }
        BigDecimal[] coefficients = new BigDecimal[top + 1];
        for (int q = top; q >= 0; q--) {
            coefficients[q] = chosen[q] < 0 ? BigDecimal.ZERO : tables.classes[chosen[q]].draw(rnd);
        }
        return Polynomial.of(coefficients);
    }

    private Polynomial sampleServant(DeterministicRandom rnd) {
        BigDecimal[] coefficients = new BigDecimal[family.degree() + 1];
        for (int p = 0; p < coefficients.length; p++) {
            coefficients[p] = rnd.nextInt(2) == 0
                    ? SERVANT_INTEGERS[rnd.nextInt(SERVANT_INTEGERS.length)]
                    : SERVANT_DECIMALS[rnd.nextInt(SERVANT_DECIMALS.length)];
        }
        return Polynomial.of(coefficients);
    }

    private static LengthTables uniformTables(EquationFamily family) {
        List<CoefficientClass> classes = family.coefficientClasses();
        double[] kindWeight = new double[CoefficientKind.values().length];
        long[] kindSize = new long[kindWeight.length];
        for (CoefficientClass c : classes) {
            kindWeight[c.kind().ordinal()] = c.kind().weight(family);
            kindSize[c.kind().ordinal()] += c.count();
        }
        double weightSum = 0;
        for (double w : kindWeight) {
            weightSum += w;
        }
        double present = 1 - family.absentProbability();
        double[] weights = new double[classes.size()];
        for (int i = 0; i < weights.length; i++) {
            CoefficientClass c = classes.get(i);
            int k = c.kind().ordinal();
            weights[i] = present * (kindWeight[k] / weightSum) * ((double) c.count() / kindSize[k]);
        }
        return new LengthTables(family.degree(), family.absentProbability(), classes, weights);
    }

    /** SERVANT as independent terms: an integer value v has probability 1/22 + 1/202, a non-integer 1/202. */
    private static LengthTables servantTables(int degree) {
        double perInteger = 0.5 / SERVANT_INTEGERS.length + 0.5 / SERVANT_DECIMALS.length;
        double perDecimal = 0.5 / SERVANT_DECIMALS.length;
        List<CoefficientClass> classes =
                new ArrayList<>(CoefficientClass.enumerate(CoefficientKind.WHOLE, 0, FIVE.negate(), FIVE));
        classes.addAll(CoefficientClass.enumerate(CoefficientKind.DECIMAL, 1, FIVE.negate(), FIVE));
        double[] weights = new double[classes.size()];
        for (int i = 0; i < weights.length; i++) {
            CoefficientClass c = classes.get(i);
            weights[i] = c.count() * (c.decimals() == 0 ? perInteger : perDecimal);
        }
        return new LengthTables(degree, perInteger, classes, weights);
    }
}
