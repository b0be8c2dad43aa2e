package io.weights2eq.domain.equation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Which equations a job draws: polynomials up to {@code degree} with coefficients in
 * {@code [coefficientMin, coefficientMax]}, each coefficient a whole number, a decimal with {@code decimalDigits}
 * decimals or a "fraction" with {@code fractionDigits} decimals (chosen by the relative weights), each term absent
 * with {@code absentProbability}. How these per-term choices become equations depends on {@code mode}; see
 * {@link EquationSampler}. In {@link SamplingMode#SERVANT} mode only {@code degree} is used; in
 * {@link SamplingMode#CUBIC} mode the degree is 3, the leading coefficient 1 ({@link #monic()}) and the range holds
 * the lower coefficients, whole numbers; weights, digits and absentProbability are not used.
 *
 * <p>A record without checks in its constructor, so that configuration can be held and reported on even when it is
 * wrong; {@link #validate()} lists every broken rule.
 */
public record EquationFamily(
        SamplingMode mode,
        int degree,
        BigDecimal coefficientMin,
        BigDecimal coefficientMax,
        double wholeWeight,
        double decimalWeight,
        int decimalDigits,
        double fractionWeight,
        int fractionDigits,
        double absentProbability) {

    public static final int MAX_DEGREE = 4;
    public static final BigDecimal MAX_ABS_COEFFICIENT = BigDecimal.valueOf(1000);
    public static final int MIN_DIGITS = 1;
    public static final int MAX_DIGITS = 6;

    /** The only degree of {@link SamplingMode#CUBIC}. */
    public static final int CUBIC_DEGREE = 3;

    private static final BigDecimal FIVE = BigDecimal.valueOf(5);
    private static final BigDecimal TEN = BigDecimal.TEN;

    /** Normalises the bounds (5.0 becomes 5) so that families compare by value; nulls are left for validate(). */
    public EquationFamily {
        coefficientMin = coefficientMin == null ? null : Polynomial.normalise(coefficientMin);
        coefficientMax = coefficientMax == null ? null : Polynomial.normalise(coefficientMax);
    }

    /** Quadratics, coefficients in [-5, 5], whole/decimal(1 digit)/fraction(2 digits) equally likely, terms absent 25 %. */
    public static EquationFamily defaults() {
        return new EquationFamily(SamplingMode.UNIFORM_LENGTH, 2, FIVE.negate(), FIVE, 1, 1, 1, 1, 2, 0.25);
    }

    /** The original project's quadratics, for comparison (the range and weights only document what SERVANT does). */
    public static EquationFamily servant() {
        return new EquationFamily(SamplingMode.SERVANT, 2, FIVE.negate(), FIVE, 1, 1, 1, 0, 2, 0);
    }

    /** Seed 001's monic cubics x³ + ax² + bx + c, a, b, c whole in [-10, 10] (the weights only document it). */
    public static EquationFamily cubic() {
        return new EquationFamily(SamplingMode.CUBIC, CUBIC_DEGREE, TEN.negate(), TEN, 1, 0, 1, 0, 2, 0);
    }

    /**
     * Seed 002's elementary expressions: {@code degree} is the most operators in a tree (1..8), the range and the
     * weights bound the constants at the leaves (whole numbers in [-5, 5]); absentProbability is not used.
     * See {@link ElementarySampler}.
     */
    public static EquationFamily elementary() {
        return new EquationFamily(SamplingMode.ELEMENTARY, 4, FIVE.negate(), FIVE, 1, 0, 1, 0, 2, 0);
    }

    /** Whether equations of this family are expressions rather than polynomials (the decoders differ). */
    public boolean elementaryExpressions() {
        return mode == SamplingMode.ELEMENTARY;
    }

    /**
     * Whether the leading coefficient is fixed at 1: the family's decoders then fit and round only the lower
     * coefficients (the one place this constraint is decided).
     */
    public boolean monic() {
        return mode == SamplingMode.CUBIC;
    }

    /** All broken rules, each naming its field and limit; empty when valid. */
    public List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        if (mode == null) {
            violations.add(new Violation("mode", "must be set (uniform-length, servant, cubic or elementary)"));
        }
        if (mode == SamplingMode.CUBIC) {
            return validateCubic(violations);
        }
        if (mode == SamplingMode.ELEMENTARY) {
            if (degree < 1 || degree > ElementarySampler.MAX_OPERATORS) {
                violations.add(new Violation(
                        "degree",
                        "must be between 1 and " + ElementarySampler.MAX_OPERATORS
                                + " (operators in a tree) in mode elementary, was " + degree));
            }
        } else if (degree < 0 || degree > MAX_DEGREE) {
            violations.add(new Violation("degree", "must be between 0 and " + MAX_DEGREE + ", was " + degree));
        }
        boolean rangeOk = checkBound(violations, "coefficientMin", coefficientMin)
                & checkBound(violations, "coefficientMax", coefficientMax);
        if (rangeOk && coefficientMin.compareTo(coefficientMax) >= 0) {
            violations.add(new Violation(
                    "coefficientMax",
                    "must be greater than coefficientMin (" + coefficientMin.toPlainString() + "), was "
                            + coefficientMax.toPlainString()));
            rangeOk = false;
        }
        boolean digitsOk = checkDigits(violations, "decimalDigits", decimalDigits)
                & checkDigits(violations, "fractionDigits", fractionDigits);
        if (digitsOk && fractionDigits <= decimalDigits) {
            violations.add(new Violation(
                    "fractionDigits",
                    "must be greater than decimalDigits (" + decimalDigits + "), was " + fractionDigits));
            digitsOk = false;
        }
        boolean weightsOk = checkWeight(violations, "wholeWeight", wholeWeight)
                & checkWeight(violations, "decimalWeight", decimalWeight)
                & checkWeight(violations, "fractionWeight", fractionWeight);
        if (weightsOk && wholeWeight + decimalWeight + fractionWeight <= 0) {
            violations.add(new Violation(
                    "wholeWeight",
                    "at least one of wholeWeight, decimalWeight, fractionWeight must be greater than 0"));
            weightsOk = false;
        }
        if (mode != SamplingMode.ELEMENTARY && !(absentProbability >= 0 && absentProbability < 1)) {
            violations.add(
                    new Violation("absentProbability", "must be at least 0 and less than 1, was " + absentProbability));
        }
        if (rangeOk && digitsOk && weightsOk && !anyValueAchievable()) {
            violations.add(new Violation(
                    "coefficients",
                    "no non-zero coefficient of a kind with weight > 0 lies in [" + coefficientMin.toPlainString()
                            + ", " + coefficientMax.toPlainString() + "]"));
        }
        return violations;
    }

    /** Cubic mode uses only the degree and the range of the whole lower coefficients. */
    private List<Violation> validateCubic(List<Violation> violations) {
        if (degree != CUBIC_DEGREE) {
            violations.add(new Violation("degree", "must be " + CUBIC_DEGREE + " in mode cubic, was " + degree));
        }
        boolean rangeOk = checkBound(violations, "coefficientMin", coefficientMin)
                & checkBound(violations, "coefficientMax", coefficientMax);
        if (rangeOk) {
            checkWhole(violations, "coefficientMin", coefficientMin);
            checkWhole(violations, "coefficientMax", coefficientMax);
            if (coefficientMin.compareTo(coefficientMax) >= 0) {
                violations.add(new Violation(
                        "coefficientMax",
                        "must be greater than coefficientMin (" + coefficientMin.toPlainString() + "), was "
                                + coefficientMax.toPlainString()));
            }
        }
        return violations;
    }

    private static void checkWhole(List<Violation> violations, String field, BigDecimal value) {
        if (value.scale() > 0) {
            violations.add(new Violation(field, "must be a whole number in mode cubic, was " + value.toPlainString()));
        }
    }

    /** @throws IllegalArgumentException listing every violation */
    public EquationFamily requireValid() {
        Violation.requireNone("equation family", validate());
        return this;
    }

    /**
     * The value classes the family's coefficients come from: kinds with weight 0 and empty classes are left out.
     * Only meaningful for a valid family.
     */
    List<CoefficientClass> coefficientClasses() {
        List<CoefficientClass> classes = new ArrayList<>();
        for (CoefficientKind kind : CoefficientKind.values()) {
            if (kind.weight(this) > 0) {
                classes.addAll(CoefficientClass.enumerate(kind, kind.decimals(this), coefficientMin, coefficientMax));
            }
        }
        return classes;
    }

    private boolean anyValueAchievable() {
        return !coefficientClasses().isEmpty();
    }

    private static boolean checkBound(List<Violation> violations, String field, BigDecimal value) {
        if (value == null) {
            violations.add(new Violation(field, "must be set"));
            return false;
        }
        if (value.abs().compareTo(MAX_ABS_COEFFICIENT) > 0) {
            violations.add(new Violation(field, "must be between -1000 and 1000, was " + value.toPlainString()));
            return false;
        }
        return true;
    }

    private static boolean checkDigits(List<Violation> violations, String field, int digits) {
        if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
            violations.add(
                    new Violation(field, "must be between " + MIN_DIGITS + " and " + MAX_DIGITS + ", was " + digits));
            return false;
        }
        return true;
    }

    private static boolean checkWeight(List<Violation> violations, String field, double weight) {
        if (!(Double.isFinite(weight) && weight >= 0)) {
            violations.add(new Violation(field, "must be a finite number >= 0, was " + weight));
            return false;
        }
        return true;
    }
}
