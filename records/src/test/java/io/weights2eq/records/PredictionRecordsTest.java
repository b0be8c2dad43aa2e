package io.weights2eq.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.DecodingMethods;
import io.weights2eq.domain.decoding.analytic.FunctionFit;
import io.weights2eq.domain.decoding.hybrid.HybridDecoder;
import io.weights2eq.domain.decoding.symbolic.SymbolicCandidate;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.schema.avro.Prediction;
import io.weights2eq.schema.serde.AvroCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionRecordsTest {
    private static final AvroCodec<Prediction> CODEC = AvroCodec.of(Prediction.class);

    private static DecodedEquation decoded(String text) {
        return new DecodedEquation(text, Polynomial.parse(text), Vocabulary.encode(text), "hybrid", "v7");
    }

    @Test
    void aCubicsPredictionCarriesItsLargestRootThroughTheWire() {
        String text = "1*x*x*x-10*x*x-10*x-10";
        var runnerUp = new HybridDecoder.Scored(
                Polynomial.parse("1*x*x*x-10*x*x-10*x-9"), "analytic", new FunctionFit(0.99, 1.0));
        DecodingMethods.Outcome outcome =
                new DecodingMethods.Outcome(decoded(text), new FunctionFit(0.999, 0.05), runnerUp, 10.99247140445449);

        Prediction back = CODEC.decode(CODEC.encode(PredictionRecords.toAvro("eq-1", outcome, 2.5, -1, 1)));

        assertEquals("eq-1", back.getRequestId());
        assertEquals(text, back.getCanonicalText());
        assertEquals(List.of("-10", "-10", "-10", "1"), back.getCoefficients());
        assertEquals(10.99247140445449, back.getLargestRoot());
        assertEquals(0.999, back.getFit().getRSquared());
        assertEquals(-1, back.getFit().getXMin());
        assertEquals("1*x*x*x-10*x*x-10*x-9", back.getRunnerUp().getCanonicalText());
        assertEquals(2.5, back.getLatencyMillis());
        DecodedEquation again = PredictionRecords.decoded(back);
        assertEquals(Polynomial.parse(text), again.polynomial());
        assertEquals("v7", again.modelVersion());
    }

    @Test
    void otherFamiliesAndUnparsableTextsHaveNoRoot() {
        DecodingMethods.Outcome outcome = new DecodingMethods.Outcome(decoded("2*x+1"), null, null, null);
        Prediction back = CODEC.decode(CODEC.encode(PredictionRecords.toAvro("r", outcome, 1, -1, 1)));
        assertNull(back.getLargestRoot());
        assertNull(back.getFit());

        Prediction garbled =
                Prediction.newBuilder(back).setCanonicalText("2*x+").build();
        assertNull(PredictionRecords.decoded(garbled).polynomial());
        assertEquals("2*x+", PredictionRecords.decoded(garbled).canonicalText());
    }

    @Test
    void anExpressionsRunnerUpTravelsWithItsText() {
        var runnerUp = new SymbolicCandidate("sin(x1-x2)+sin(x1+x2)", "supplied", new FunctionFit(1, 1e-15), 1e-15, 21);
        DecodingMethods.Outcome outcome = new DecodingMethods.Outcome(
                new DecodedEquation("2*sin(x1)*cos(x2)", null, new int[0], "hybrid", null),
                new FunctionFit(1, 0),
                null,
                null,
                runnerUp);
        var domain = new io.weights2eq.domain.network.InputDomain(List.of(
                new io.weights2eq.domain.network.Interval(0, 1), new io.weights2eq.domain.network.Interval(-2, 2)));
        Prediction back = CODEC.decode(CODEC.encode(PredictionRecords.toAvro("r", outcome, 1, domain)));
        assertEquals("2*sin(x1)*cos(x2)", back.getCanonicalText());
        // the fits name the two-input domain they were measured on, xMin/xMax the first input's
        assertEquals(2, back.getFit().getDomain().size());
        assertEquals(-2, back.getFit().getDomain().get(1).getLo());
        assertEquals(0, back.getFit().getXMin());
        assertEquals(1, back.getRunnerUp().getFit().getXMax());
        assertEquals("sin(x1-x2)+sin(x1+x2)", back.getRunnerUp().getCanonicalText());
        assertEquals("supplied", back.getRunnerUp().getMethod());
        assertEquals(0, back.getCoefficients().size());
    }
}
