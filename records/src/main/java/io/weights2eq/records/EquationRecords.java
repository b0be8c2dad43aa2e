package io.weights2eq.records;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.GeneratedEquation;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.SampleChecks;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.equation.SamplingMode;
import io.weights2eq.domain.equation.Violation;
import io.weights2eq.domain.expression.Expression;
import io.weights2eq.domain.expression.ExpressionParser;
import io.weights2eq.domain.expression.NormalForm;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.serde.FloatArrayList;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The one mapping between an {@code equations} record (and its family) and the domain, both ways, validating. */
public final class EquationRecords {
    private EquationRecords() {}

    /**
     * A generated equation of a job → its record, keyed {@code id}; coefficients in ascending order, plain text.
     * An elementary equation has no coefficients, its normal-form text, v2 token ids, its {@code domain} written out
     * and sample-major x; a polynomial's domain stays empty (= [xMin, xMax]) unless the spec names one.
     */
    public static Equation toAvro(
            String id,
            String jobId,
            long index,
            long seed,
            EquationFamily family,
            SampleSpec samples,
            GeneratedEquation eq) {
        List<String> coefficients = eq.elementary()
                ? List.of()
                : eq
                        .polynomial()
                        .ascendingCoefficients(
                                Math.max(family.degree(), eq.polynomial().degree()) + 1)
                        .stream()
                        .map(c -> c.stripTrailingZeros().toPlainString())
                        .toList();
        boolean writeDomain = eq.elementary() || samples.domain() != null;
        return Equation.newBuilder()
                .setId(id)
                .setJobId(jobId)
                .setIndex(index)
                .setFamily(toAvro(family))
                .setCoefficients(coefficients)
                .setCanonicalText(eq.canonicalText())
                .setTokenIds(Arrays.stream(eq.tokenIds()).boxed().toList())
                .setX(FloatArrayList.wrap(eq.x()))
                .setY(FloatArrayList.wrap(eq.y()))
                .setSeed(seed)
                .setXMin(samples.xMin())
                .setXMax(samples.xMax())
                .setDomain(writeDomain ? DomainRecords.toAvro(eq.domain()) : List.of())
                .build();
    }

    /**
     * The expression of an elementary record's {@code canonicalText}, which must be its own normal form (as the
     * generator writes it).
     *
     * @throws InvalidRecordException naming {@code canonicalText}, with the parser's position or the normal form
     */
    public static Expression canonicalExpression(CharSequence canonicalText, int inputs) {
        String text = String.valueOf(canonicalText);
        Expression normal;
        try {
            normal = NormalForm.of(ExpressionParser.parse(text, inputs));
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("canonicalText: " + e.getMessage());
        }
        if (!normal.toText().equals(text)) {
            throw new InvalidRecordException(
                    "canonicalText: '" + text + "' is not canonical (canonical: '" + normal.toText() + "')");
        }
        return normal;
    }

    public static io.weights2eq.schema.avro.EquationFamily toAvro(EquationFamily f) {
        return io.weights2eq.schema.avro.EquationFamily.newBuilder()
                .setMode(f.mode().label())
                .setDegree(f.degree())
                .setCoefficientMin(f.coefficientMin().toPlainString())
                .setCoefficientMax(f.coefficientMax().toPlainString())
                .setWholeWeight(f.wholeWeight())
                .setDecimalWeight(f.decimalWeight())
                .setDecimalDigits(f.decimalDigits())
                .setFractionWeight(f.fractionWeight())
                .setFractionDigits(f.fractionDigits())
                .setAbsentProbability(f.absentProbability())
                .build();
    }

    public static EquationFamily toDomain(io.weights2eq.schema.avro.EquationFamily f) {
        return new EquationFamily(
                SamplingMode.fromLabel(f.getMode()),
                f.getDegree(),
                new BigDecimal(f.getCoefficientMin()),
                new BigDecimal(f.getCoefficientMax()),
                f.getWholeWeight(),
                f.getDecimalWeight(),
                f.getDecimalDigits(),
                f.getFractionWeight(),
                f.getFractionDigits(),
                f.getAbsentProbability());
    }

    /** An equation's samples, as the domain's arrays (x sample-major, {@code domain.inputs()} per sample). */
    public record Samples(float[] x, float[] y, InputDomain domain) {}

    /**
     * The samples a trainer may train on: they obey the domain's rules under the limit, and every x lies in the
     * record's own domain ({@link #domain}).
     *
     * @throws InvalidRecordException naming the field ({@code x}, {@code y}, {@code domain}) and the limit
     */
    public static Samples samples(Equation equation, Limit maxSamples) {
        InputDomain domain = domain(equation);
        int inputs = domain.inputs();
        float[] x = FloatArrayList.toFloatArray(equation.getX());
        float[] y = FloatArrayList.toFloatArray(equation.getY());
        requireNone(SampleChecks.check(x, y, inputs, maxSamples.max(), maxSamples.setting()));
        for (int k = 0; k < x.length; k++) {
            Interval in = domain.input(k % inputs);
            if (x[k] < in.lo() || x[k] > in.hi()) {
                String which = inputs == 1 ? "sample " + k : "sample " + k / inputs + " input " + (k % inputs + 1);
                throw new InvalidRecordException("x: " + which + " = " + x[k] + " is outside the equation's "
                        + (inputs == 1 ? "range " : "domain ") + in);
            }
        }
        return new Samples(x, y, domain);
    }

    /**
     * The domain of the record's inputs: its {@code domain} intervals, or one input on [xMin, xMax] when it names
     * none (records before v3).
     *
     * @throws InvalidRecordException naming {@code domain} or {@code xMin} when it is no domain
     */
    public static InputDomain domain(Equation equation) {
        List<io.weights2eq.schema.avro.Interval> intervals = equation.getDomain();
        if (intervals == null || intervals.isEmpty()) {
            try {
                return InputDomain.of(equation.getXMin(), equation.getXMax());
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException("xMin, xMax: finite with xMin < xMax, was [" + equation.getXMin()
                        + ", " + equation.getXMax() + "]");
            }
        }
        if (intervals.size() > InputDomain.MAX_INPUTS) {
            throw new InvalidRecordException(
                    "domain: 1 to " + InputDomain.MAX_INPUTS + " intervals (one per input), was " + intervals.size());
        }
        return DomainRecords.toDomain(intervals, intervals.size(), "domain");
    }

    /** @throws InvalidRecordException unless {@code key} is the equation's id */
    public static void requireKey(String key, Equation equation) {
        if (key == null || !key.equals(String.valueOf(equation.getId()))) {
            throw new InvalidRecordException(
                    "key: must equal the equation id '" + equation.getId() + "', was '" + key + "'");
        }
    }

    /** Whether a record's family draws expressions (the elementary family) rather than polynomials. */
    public static boolean elementary(io.weights2eq.schema.avro.EquationFamily family) {
        return family != null && SamplingMode.ELEMENTARY.label().equals(String.valueOf(family.getMode()));
    }

    /**
     * Checks that the record's {@code canonicalText} is canonical for its family: an elementary expression's normal
     * form in the record's inputs, or else a canonical polynomial.
     *
     * @throws InvalidRecordException naming {@code canonicalText}
     */
    public static void requireCanonicalText(Equation equation) {
        if (elementary(equation.getFamily())) {
            canonicalExpression(equation.getCanonicalText(), domain(equation).inputs());
        } else {
            canonicalPolynomial(equation.getCanonicalText());
        }
    }

    /** The polynomial of a record's {@code canonicalText}, which must be canonical (as the generator writes it). */
    public static Polynomial canonicalPolynomial(CharSequence canonicalText) {
        String text = String.valueOf(canonicalText);
        Polynomial polynomial;
        try {
            polynomial = Polynomial.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("canonicalText: " + e.getMessage());
        }
        if (!polynomial.toCanonicalText().equals(text)) {
            throw new InvalidRecordException("canonicalText: '" + text + "' is not canonical (canonical: '"
                    + polynomial.toCanonicalText() + "')");
        }
        return polynomial;
    }

    /** @throws InvalidRecordException listing every violation, each as {@code field: message} */
    public static void requireNone(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidRecordException(
                    violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        }
    }
}
