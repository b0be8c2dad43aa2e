package io.weights2eq.records;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.DecodingMethods;
import io.weights2eq.domain.decoding.analytic.FunctionFit;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.schema.avro.Candidate;
import io.weights2eq.schema.avro.Fit;
import io.weights2eq.schema.avro.Prediction;
import java.math.BigDecimal;
import java.util.Arrays;

/** The one mapping between a {@code predictions} record and the domain's decoding outcome, both ways. */
public final class PredictionRecords {
    private PredictionRecords() {}

    /**
     * A method's outcome for request {@code requestId} → its record; the fits are on [xMin, xMax], the range the
     * decoders fitted on.
     */
    public static Prediction toAvro(
            String requestId, DecodingMethods.Outcome outcome, double latencyMillis, double xMin, double xMax) {
        DecodedEquation decoded = outcome.equation();
        return Prediction.newBuilder()
                .setRequestId(requestId)
                .setCanonicalText(decoded.canonicalText())
                .setCoefficients(decoded.coefficients().stream()
                        .map(BigDecimal::toPlainString)
                        .toList())
                .setTokenIds(Arrays.stream(decoded.tokenIds()).boxed().toList())
                .setMethod(decoded.method())
                .setFit(fit(outcome.fit(), xMin, xMax))
                .setRunnerUp(runnerUp(outcome, xMin, xMax))
                .setModelVersion(decoded.modelVersion())
                .setLatencyMillis(latencyMillis)
                .setLargestRoot(outcome.largestRoot())
                .build();
    }

    /** A record's decoded equation; its polynomial is null when the text does not parse (a learned decoder's slip). */
    public static DecodedEquation decoded(Prediction p) {
        String text = String.valueOf(p.getCanonicalText());
        Polynomial polynomial;
        try {
            polynomial = Polynomial.parse(text);
        } catch (IllegalArgumentException e) {
            polynomial = null;
        }
        int[] tokens = p.getTokenIds().stream().mapToInt(Integer::intValue).toArray();
        return new DecodedEquation(
                text, polynomial, tokens, p.getMethod(), p.getModelVersion() == null ? null : p.getModelVersion());
    }

    /** The hybrid's runner-up: a polynomial, or for elementary expressions the next expression candidate. */
    private static Candidate runnerUp(DecodingMethods.Outcome outcome, double xMin, double xMax) {
        var polynomial = outcome.runnerUp();
        if (polynomial != null) {
            return Candidate.newBuilder()
                    .setCanonicalText(polynomial.polynomial().toCanonicalText())
                    .setMethod(polynomial.method())
                    .setFit(fit(polynomial.fit(), xMin, xMax))
                    .build();
        }
        var expression = outcome.expressionRunnerUp();
        return expression == null
                ? null
                : Candidate.newBuilder()
                        .setCanonicalText(expression.text())
                        .setMethod(expression.source())
                        .setFit(fit(expression.fit(), xMin, xMax))
                        .build();
    }

    private static Fit fit(FunctionFit f, double xMin, double xMax) {
        return f == null
                ? null
                : Fit.newBuilder()
                        .setRSquared(f.rSquared())
                        .setMaxAbsError(f.maxAbsError())
                        .setXMin(xMin)
                        .setXMax(xMax)
                        .build();
    }
}
