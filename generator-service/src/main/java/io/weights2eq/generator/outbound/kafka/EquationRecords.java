package io.weights2eq.generator.outbound.kafka;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.GeneratedEquation;
import io.weights2eq.domain.equation.SamplingMode;
import io.weights2eq.generator.engine.EquationMessage;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.serde.FloatArrayList;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/** Maps the domain's equations and families to their Avro records and back. */
final class EquationRecords {
    private EquationRecords() {
    }

    static Equation toAvro(EquationMessage message) {
        GeneratedEquation eq = message.equation();
        int terms = Math.max(message.family().degree(), eq.polynomial().degree()) + 1;
        List<String> coefficients = eq.polynomial().ascendingCoefficients(terms).stream()
                .map(c -> c.stripTrailingZeros().toPlainString())
                .toList();
        return Equation.newBuilder()
                .setId(message.key())
                .setJobId(message.jobId())
                .setIndex(message.index())
                .setFamily(toAvro(message.family()))
                .setCoefficients(coefficients)
                .setCanonicalText(eq.canonicalText())
                .setTokenIds(Arrays.stream(eq.tokenIds()).boxed().toList())
                .setX(FloatArrayList.wrap(eq.x()))
                .setY(FloatArrayList.wrap(eq.y()))
                .setSeed(message.seed())
                .setXMin(message.samples().xMin())
                .setXMax(message.samples().xMax())
                .build();
    }

    static io.weights2eq.schema.avro.EquationFamily toAvro(EquationFamily f) {
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

    static EquationFamily fromAvro(io.weights2eq.schema.avro.EquationFamily f) {
        return new EquationFamily(SamplingMode.fromLabel(f.getMode()), f.getDegree(),
                new BigDecimal(f.getCoefficientMin()), new BigDecimal(f.getCoefficientMax()),
                f.getWholeWeight(), f.getDecimalWeight(), f.getDecimalDigits(),
                f.getFractionWeight(), f.getFractionDigits(), f.getAbsentProbability());
    }
}
