package io.weights2eq.domain.decoding.analytic;

import io.weights2eq.domain.equation.CoefficientKind;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.SamplingMode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rounds projected (real) coefficients to the decimal language of an equation family. A projection is never
 * exactly on the family's grid, and which grid a coefficient belongs to is unknown, so this yields a small set of
 * candidates to be scored rather than one answer.
 *
 * <p><b>Precisions.</b> SERVANT draws integers or one-decimal values in [-5, 5] (see {@code EquationSampler}), so
 * its precisions are 0 and 1 decimals and its range [-5, 5], whatever the other fields hold. A UNIFORM_LENGTH family
 * allows the decimals of each {@link CoefficientKind} with weight &gt; 0 (0, {@code decimalDigits},
 * {@code fractionDigits} by default) and its {@code [coefficientMin, coefficientMax]}.
 *
 * <p><b>Rule.</b> Every coefficient is taken at its exact binary value ({@code new BigDecimal(double)}) and rounded
 * {@link RoundingMode#HALF_EVEN}. For each precision {@code p}, from coarsest to finest:
 * <ol>
 *   <li><i>plain</i>: every coefficient rounded to {@code p} decimals;</li>
 *   <li><i>snapped</i>: every coefficient {@code c} replaced by the coarsest value that is within one unit of the
 *   next decimal of its own grid — {@code 0} when {@code |c| ≤ 10^-(pmin+1)} ({@code pmin} the coarsest
 *   precision), otherwise {@code round(c, q)} for the smallest allowed {@code q < p} with
 *   {@code |c − round(c, q)| ≤ 10^-(q+1)}, otherwise {@code round(c, p)}. So at p = 2: 2.96 → 3, 0.049 → 0,
 *   2.509 → 2.5, but 0.75 stays 0.75: a coefficient that is a coarse value plus noise snaps to it while the others
 *   keep their precision.</li>
 * </ol>
 * Each value is then clamped to the family's range. Duplicates are removed, keeping the first; at most two
 * candidates per precision remain (six for the default family).
 *
 * <p><b>Monic families</b> ({@link EquationFamily#monic()}, mode cubic): the leading coefficient is 1 whatever was
 * projected, and the lower ones are whole numbers (precision 0) in the family's range.
 */
public final class CoefficientRounding {
    private static final BigDecimal SERVANT_BOUND = BigDecimal.valueOf(5);

    private CoefficientRounding() {}

    /**
     * The candidates for {@code coefficients} (ascending powers) in {@code family}, in the order described above.
     *
     * @throws IllegalArgumentException for a non-finite coefficient or an invalid family
     */
    public static List<Polynomial> candidates(double[] coefficients, EquationFamily family) {
        family.requireValid();
        if (family.monic() && coefficients.length != family.degree() + 1) {
            throw new IllegalArgumentException("a monic family of degree " + family.degree() + " needs "
                    + (family.degree() + 1) + " coefficients, had " + coefficients.length);
        }
        BigDecimal[] exact = new BigDecimal[coefficients.length];
        for (int i = 0; i < coefficients.length; i++) {
            if (!Double.isFinite(coefficients[i])) {
                throw new IllegalArgumentException("coefficient " + i + " is not finite: " + coefficients[i]);
            }
            exact[i] = new BigDecimal(coefficients[i]);
        }
        boolean servant = family.mode() == SamplingMode.SERVANT;
        BigDecimal min = servant ? SERVANT_BOUND.negate() : family.coefficientMin();
        BigDecimal max = servant ? SERVANT_BOUND : family.coefficientMax();
        List<Integer> precisions = precisions(family);
        Set<Polynomial> result = new LinkedHashSet<>();
        for (int p : precisions) {
            BigDecimal[] plain = new BigDecimal[exact.length];
            BigDecimal[] snapped = new BigDecimal[exact.length];
            for (int i = 0; i < exact.length; i++) {
                plain[i] = clamp(exact[i].setScale(p, RoundingMode.HALF_EVEN), min, max);
                snapped[i] = clamp(snap(exact[i], p, precisions), min, max);
            }
            if (family.monic()) {
                plain[family.degree()] = BigDecimal.ONE;
                snapped[family.degree()] = BigDecimal.ONE;
            }
            result.add(Polynomial.of(plain));
            result.add(Polynomial.of(snapped));
        }
        return List.copyOf(result);
    }

    /** The decimals a family's coefficients may have, ascending. */
    public static List<Integer> precisions(EquationFamily family) {
        if (family.mode() == SamplingMode.SERVANT) {
            return List.of(0, 1);
        }
        if (family.monic()) {
            return List.of(0);
        }
        Set<Integer> precisions = new TreeSet<>();
        for (CoefficientKind kind : CoefficientKind.values()) {
            if (kind.weight(family) > 0) {
                precisions.add(kind.decimals(family));
            }
        }
        return new ArrayList<>(precisions);
    }

    private static BigDecimal snap(BigDecimal c, int p, List<Integer> precisions) {
        if (c.abs().compareTo(BigDecimal.ONE.movePointLeft(precisions.get(0) + 1)) <= 0) {
            return BigDecimal.ZERO;
        }
        for (int q : precisions) {
            if (q >= p) {
                break;
            }
            BigDecimal coarse = c.setScale(q, RoundingMode.HALF_EVEN);
            if (c.subtract(coarse).abs().compareTo(BigDecimal.ONE.movePointLeft(q + 1)) <= 0) {
                return coarse;
            }
        }
        return c.setScale(p, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal clamp(BigDecimal value, BigDecimal min, BigDecimal max) {
        return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
    }
}
