package io.weights2eq.domain.equation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable polynomial in {@code x} with exact decimal coefficients.
 *
 * <p>Coefficients are {@link BigDecimal}s, never binary floats: the canonical text of a polynomial must be the
 * same wherever it is computed, and {@code 0.1} has no exact double. Coefficients are normalised with
 * {@link #normalise(BigDecimal)} (trailing zeros stripped) and trailing zero powers are trimmed, so
 * {@code equals}/{@code hashCode} compare values: {@code 2.50*x} equals {@code 2.5*x}.
 *
 * <p>The canonical text (see {@link #toCanonicalText()}) is the one spelling the models are trained on, so that an
 * exact string match between a prediction and the truth means an exact match of the equation.
 */
public final class Polynomial {

    private static final Polynomial ZERO = new Polynomial(new BigDecimal[0]);

    /** Ascending coefficients, normalised, no trailing zero; empty for the zero polynomial. */
    private final BigDecimal[] coefficients;
    /** The same coefficients rounded to double once, for {@link #evaluate(double)}. */
    private final double[] doubles;

    private Polynomial(BigDecimal[] normalisedAscending) {
        this.coefficients = normalisedAscending;
        this.doubles = new double[normalisedAscending.length];
        for (int i = 0; i < normalisedAscending.length; i++) {
            doubles[i] = normalisedAscending[i].doubleValue();
        }
    }

    /**
     * The polynomial {@code c0 + c1*x + c2*x*x + ...} from its coefficients in ascending powers.
     *
     * @throws NullPointerException if a coefficient is null
     */
    public static Polynomial of(BigDecimal... ascending) {
        int length = ascending.length;
        while (length > 0
                && Objects.requireNonNull(ascending[length - 1], "coefficient").signum() == 0) {
            length--;
        }
        if (length == 0) {
            return ZERO;
        }
        BigDecimal[] normalised = new BigDecimal[length];
        for (int i = 0; i < length; i++) {
            normalised[i] = normalise(Objects.requireNonNull(ascending[i], "coefficient"));
        }
        return new Polynomial(normalised);
    }

    /** Convenience for {@link #of(BigDecimal...)} with coefficients written as decimal strings. */
    public static Polynomial ofDecimals(String... ascending) {
        BigDecimal[] values = new BigDecimal[ascending.length];
        for (int i = 0; i < ascending.length; i++) {
            values[i] = new BigDecimal(ascending[i]);
        }
        return of(values);
    }

    /** The zero polynomial; its canonical text is {@code 0}. */
    public static Polynomial zero() {
        return ZERO;
    }

    /** Parses any accepted spelling; see {@link EquationParser#parse(String)}. */
    public static Polynomial parse(String text) {
        return EquationParser.parse(text);
    }

    /**
     * The one representation of a value: trailing zeros stripped (2.50 becomes 2.5) but never a negative scale, so
     * 100 stays {@code 100} rather than {@code 1E+2} when printed; zero is {@link BigDecimal#ZERO}.
     */
    public static BigDecimal normalise(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Highest power with a non-zero coefficient; 0 for constants and for the zero polynomial. */
    public int degree() {
        return Math.max(0, coefficients.length - 1);
    }

    public boolean isZero() {
        return coefficients.length == 0;
    }

    /** The coefficient of {@code x^power}; zero beyond the degree. */
    public BigDecimal coefficient(int power) {
        if (power < 0) {
            throw new IllegalArgumentException("power must be >= 0, was " + power);
        }
        return power < coefficients.length ? coefficients[power] : BigDecimal.ZERO;
    }

    /** Coefficients c0, c1, ... padded with zeros to at least {@code minLength} entries. */
    public List<BigDecimal> ascendingCoefficients(int minLength) {
        List<BigDecimal> list = new ArrayList<>(Math.max(minLength, coefficients.length));
        Collections.addAll(list, coefficients);
        while (list.size() < minLength) {
            list.add(BigDecimal.ZERO);
        }
        return Collections.unmodifiableList(list);
    }

    /** Value at {@code x} by Horner's rule in double arithmetic (coefficients rounded to double once). */
    public double evaluate(double x) {
        if (doubles.length == 0) {
            return 0;
        }
        // Start from the leading coefficient rather than 0, so that an infinite x never meets 0 * x (NaN).
        double y = doubles[doubles.length - 1];
        for (int i = doubles.length - 2; i >= 0; i--) {
            y = y * x + doubles[i];
        }
        return y;
    }

    /**
     * The one canonical spelling: descending powers, zero terms left out, no leading {@code +}, coefficients
     * always written (also {@code 1} and {@code -1}), plain decimal notation without trailing zeros, powers as
     * repeated {@code *x}; the zero polynomial is {@code 0}. Example: {@code -2.5*x*x+3*x-0.75}.
     */
    public String toCanonicalText() {
        if (isZero()) {
            return "0";
        }
        StringBuilder text = new StringBuilder(16 * coefficients.length);
        for (int power = coefficients.length - 1; power >= 0; power--) {
            BigDecimal c = coefficients[power];
            if (c.signum() == 0) {
                continue;
            }
            if (c.signum() < 0) {
                text.append('-');
            } else if (text.length() > 0) {
                text.append('+');
            }
            text.append(c.abs().toPlainString());
            for (int i = 0; i < power; i++) {
                text.append("*x");
            }
        }
        return text.toString();
    }

    /** Package-private view for hot paths that must not copy; callers never modify it. */
    BigDecimal[] coefficientArray() {
        return coefficients;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Polynomial && Arrays.equals(coefficients, ((Polynomial) o).coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients);
    }

    /** The canonical text. */
    @Override
    public String toString() {
        return toCanonicalText();
    }
}
