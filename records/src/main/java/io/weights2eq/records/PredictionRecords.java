package io.weights2eq.records;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.DecodingMethods;
import io.weights2eq.domain.decoding.analytic.FunctionFit;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.schema.avro.Candidate;
import io.weights2eq.schema.avro.Fit;
import io.weights2eq.schema.avro.Prediction;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/** The one mapping between a {@code predictions} record and the domain's decoding outcome, both ways. */
public final class PredictionRecords {
    private PredictionRecords() {}

    /**
     * A method's outcome for request {@code requestId} → its record; the fits are on [xMin, xMax], the range the
     * decoders fitted on.
     */
    public static Prediction toAvro(
            String requestId, DecodingMethods.Outcome outcome, double latencyMillis, double xMin, double xMax) {
        return toAvro(requestId, outcome, latencyMillis, InputDomain.of(xMin, xMax));
    }

    /** The same with the fits measured on {@code fitDomain} (a network's own domain, for expressions). */
    public static Prediction toAvro(
            String requestId, DecodingMethods.Outcome outcome, double latencyMillis, InputDomain fitDomain) {
        DecodedEquation decoded = outcome.equation();
        return Prediction.newBuilder()
                .setRequestId(requestId)
                .setCanonicalText(decoded.canonicalText())
                .setCoefficients(decoded.coefficients().stream()
                        .map(BigDecimal::toPlainString)
                        .toList())
                .setTokenIds(Arrays.stream(decoded.tokenIds()).boxed().toList())
                .setMethod(decoded.method())
                .setFit(fit(outcome.fit(), fitDomain))
                .setRunnerUp(runnerUp(outcome, fitDomain))
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

    /** The hybrid's runner-up: a polynomial, or for expressions a symbolic candidate. */
    private static Candidate runnerUp(DecodingMethods.Outcome outcome, InputDomain fitDomain) {
        if (outcome.runnerUp() != null) {
            var r = outcome.runnerUp();
            return Candidate.newBuilder()
                    .setCanonicalText(r.polynomial().toCanonicalText())
                    .setMethod(r.method())
                    .setFit(fit(r.fit(), fitDomain))
                    .build();
        }
        var e = outcome.expressionRunnerUp();
        return e == null
                ? null
                : Candidate.newBuilder()
                        .setCanonicalText(e.text())
                        .setMethod(e.source())
                        .setFit(fit(e.fit(), fitDomain))
                        .build();
    }

    /** A fit on {@code domain}: xMin and xMax of the first input, and the intervals themselves for two inputs. */
    private static Fit fit(FunctionFit f, InputDomain domain) {
        return f == null
                ? null
                : Fit.newBuilder()
                        .setRSquared(f.rSquared())
                        .setMaxAbsError(f.maxAbsError())
                        .setXMin(domain.input(0).lo())
                        .setXMax(domain.input(0).hi())
                        .setDomain(domain.inputs() == 1 ? List.of() : DomainRecords.toAvro(domain))
                        .build();
    }
}
