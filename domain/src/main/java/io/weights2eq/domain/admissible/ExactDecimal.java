package io.weights2eq.domain.admissible;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A terminating decimal kept as written ({@link #text()}, what a file writes back) with its exact value and the
 * nearest double. Texts are plain or scientific: {@code "-6e5"}, {@code "0.1"}, {@code "1.25E-3"}, {@code ".5"}.
 */
public final class ExactDecimal {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    public static final ExactDecimal ZERO = parse("0");

    private final String text;
    private final BigDecimal value;
    private final double doubleValue;

    private ExactDecimal(String text, BigDecimal value) {
        this.text = text;
        this.value = value;
        this.doubleValue = value.doubleValue();
    }

    /**
     * @throws IllegalArgumentException when the text is not a terminating decimal within
     *     {@link AdmissibleLimits#MAX_NUMBER_LENGTH} and {@link AdmissibleLimits#MAX_EXPONENT}; the caller adds the
     *     field's name
     */
    public static ExactDecimal parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > AdmissibleLimits.MAX_NUMBER_LENGTH) {
            throw new IllegalArgumentException("must be at most " + AdmissibleLimits.MAX_NUMBER_LENGTH
                    + " characters (AdmissibleLimits.MAX_NUMBER_LENGTH), had " + text.length());
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "must be a terminating decimal string such as \"-6e5\" or \"0.1\", was \"" + text + "\"");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(exponentMessage(text));
        }
        return of(text, value);
    }

    /** A computed value, written as its plain text without trailing zeros ({@code 600000}, {@code 0.25}). */
    public static ExactDecimal of(BigDecimal value) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        return of(stripped.toPlainString(), stripped);
    }

    private static ExactDecimal of(String text, BigDecimal value) {
        // the decimal exponent of the leading digit, and of the last: both bounded keeps plain texts short
        long lead = (long) value.precision() - value.scale() - 1;
        long last = -(long) value.scale();
        if (value.signum() != 0
                && (Math.abs(lead) > AdmissibleLimits.MAX_EXPONENT || Math.abs(last) > AdmissibleLimits.MAX_EXPONENT)) {
            throw new IllegalArgumentException(exponentMessage(text));
        }
        return new ExactDecimal(text, value);
    }

    private static String exponentMessage(String text) {
        return "must have its digits within 10^±" + AdmissibleLimits.MAX_EXPONENT
                + " (AdmissibleLimits.MAX_EXPONENT), was \"" + text + "\"";
    }

    /** The text as written (what a file writes back). */
    public String text() {
        return text;
    }

    /** The exact value. */
    public BigDecimal value() {
        return value;
    }

    /** The nearest double. */
    public double doubleValue() {
        return doubleValue;
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    /** Equal when written the same way ({@code "0.10"} and {@code "0.1"} are equal in value, not as written). */
    @Override
    public boolean equals(Object other) {
        return other instanceof ExactDecimal d && d.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
