package io.weights2eq.domain.decoding.taylor;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.EquationDecoder;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.domain.network.Network;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The analytic decoder "taylor": {@link TaylorExpansion} of a smooth network, each coefficient rounded to 6
 * significant digits and at most 9 decimals (arithmetic noise below 5e-10 becomes 0). Rounding to the equation
 * family is left to callers. Accurate only while the network's pre-activations stay inside its activation's
 * radius of convergence (networks trained with a norm constraint); see {@link TaylorExpansion}.
 */
public final class TaylorDecoder implements EquationDecoder {
    public static final String METHOD = "taylor";
    /** The expansion order the decoding methods use (seed 003's nn2poly order for these networks). */
    public static final int DEFAULT_ORDER = 9;

    private static final MathContext SIGNIFICANT = new MathContext(6, RoundingMode.HALF_EVEN);
    private static final int MAX_DECIMALS = 9;

    private final int degree;
    private final int order;
    private final double centre;

    /** See {@link TaylorExpansion#coefficients(Network, int, int, double)}. */
    public TaylorDecoder(int degree, int order, double centre) {
        if (degree < 0 || order < 0 || !Double.isFinite(centre)) {
            throw new IllegalArgumentException(
                    "degree and order must be >= 0 and centre finite, were " + degree + ", " + order + ", " + centre);
        }
        this.degree = degree;
        this.order = order;
        this.centre = centre;
    }

    /** Whether this decoder can expand {@code network}: a smooth activation (not ReLU). */
    public static boolean applies(Network network) {
        return ActivationSeries.supports(network.activation());
    }

    @Override
    public String method() {
        return METHOD;
    }

    /**
     * The rounded expansion. A diverged expansion (a non-finite coefficient) yields no polynomial, empty text
     * and only {@code <eos>}.
     *
     * @throws IllegalArgumentException for a ReLU network
     */
    @Override
    public DecodedEquation decode(Network network) {
        double[] c = TaylorExpansion.coefficients(network, degree, order, centre);
        BigDecimal[] rounded = new BigDecimal[c.length];
        for (int i = 0; i < c.length; i++) {
            if (!Double.isFinite(c[i])) {
                return new DecodedEquation("", null, new int[] {Vocabulary.EOS}, METHOD, null);
            }
            BigDecimal v = new BigDecimal(c[i]).round(SIGNIFICANT);
            rounded[i] = v.scale() > MAX_DECIMALS ? v.setScale(MAX_DECIMALS, RoundingMode.HALF_EVEN) : v;
        }
        Polynomial polynomial = Polynomial.of(rounded);
        String text = polynomial.toCanonicalText();
        int[] body = Vocabulary.encode(text);
        int[] tokens = Arrays.copyOf(body, body.length + 1);
        tokens[body.length] = Vocabulary.EOS;
        return new DecodedEquation(text, polynomial, tokens, METHOD, null);
    }
}
