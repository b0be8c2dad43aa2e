package io.weights2eq.domain.decoding.analytic;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.EquationDecoder;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.domain.network.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The analytic decoder "analytic": the {@link Projection} of the network onto the family's degree on [a, b] (with
 * the family's constraint: a monic family fits only the lower coefficients),
 * rounded to the family's language by {@link CoefficientRounding}, each rounding scored by {@link FunctionFit}; the
 * best one is the answer. Needs no trained model and works for every activation.
 *
 * <p>Order (best first): higher R² (compared at 12 decimals, so numerically equal fits tie), then fewer non-zero
 * terms, then fewer digits, then canonical text — a deterministic total order.
 */
public final class ProjectionDecoder implements EquationDecoder {
    public static final String METHOD = "analytic";

    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingDouble(
                    (Candidate c) -> -Math.rint(c.fit().rSquared() * 1e12))
            .thenComparingInt(c -> nonZeroTerms(c.polynomial()))
            .thenComparingInt(c -> digits(c.polynomial()))
            .thenComparing(c -> c.polynomial().toCanonicalText());

    private final EquationFamily family;
    private final double a;
    private final double b;

    /**
     * @param family the equation language: its degree is projected onto, its precisions rounded to
     * @param a      start of the input range (the networks' training range, -1 by default)
     * @param b      end of the input range
     * @throws IllegalArgumentException for an invalid family or unless a < b, both finite
     */
    public ProjectionDecoder(EquationFamily family, double a, double b) {
        this.family = family.requireValid();
        PiecewiseLinear.requireInterval(a, b);
        this.a = a;
        this.b = b;
    }

    @Override
    public String method() {
        return METHOD;
    }

    /** Every rounded candidate with its fit, best first; {@code get(0)} is what {@link #decode} returns. */
    public List<Candidate> candidates(Network network) {
        int degree = family.degree();
        FunctionFit.Samples samples = FunctionFit.Samples.of(network, a, b, degree);
        double[] projection = Projection.coefficients(samples.quadrature(), family, a, b);
        List<Candidate> candidates = new ArrayList<>();
        for (Polynomial p : CoefficientRounding.candidates(projection, family)) {
            candidates.add(new Candidate(p, METHOD, FunctionFit.of(p, samples)));
        }
        candidates.sort(BEST_FIRST);
        return List.copyOf(candidates);
    }

    /**
     * The best candidate as a decoded equation (no model version).
     *
     * @throws IllegalArgumentException for a network without one input and one output, or one whose projection is
     *                                  not finite
     */
    @Override
    public DecodedEquation decode(Network network) {
        Polynomial best = candidates(network).get(0).polynomial();
        String text = best.toCanonicalText();
        int[] body = Vocabulary.encode(text);
        int[] tokens = Arrays.copyOf(body, body.length + 1);
        tokens[body.length] = Vocabulary.EOS;
        return new DecodedEquation(text, best, tokens, METHOD, null);
    }

    private static int nonZeroTerms(Polynomial p) {
        int count = 0;
        for (int power = 0; power <= p.degree(); power++) {
            count += p.coefficient(power).signum() != 0 ? 1 : 0;
        }
        return count;
    }

    private static int digits(Polynomial p) {
        String text = p.toCanonicalText();
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            count += Character.isDigit(text.charAt(i)) ? 1 : 0;
        }
        return count;
    }
}
