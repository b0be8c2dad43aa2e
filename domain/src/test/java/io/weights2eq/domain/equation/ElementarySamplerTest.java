package io.weights2eq.domain.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.expression.Expression;
import io.weights2eq.domain.expression.ExpressionParser;
import io.weights2eq.domain.expression.ExpressionVocabulary;
import io.weights2eq.domain.expression.NormalForm;
import io.weights2eq.domain.expression.Refusal;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElementarySamplerTest {

    private static final InputDomain UNIT = InputDomain.unit(1);
    private static final InputDomain TWO = new InputDomain(List.of(new Interval(-2, 1), new Interval(0.5, 3)));

    private static String reason(String text, InputDomain domain) {
        Expression normal = NormalForm.of(ExpressionParser.parse(text, domain.inputs()));
        var refusal =
                new ElementarySampler(EquationFamily.elementary(), domain).reasonToReject(normal, normal.toText());
        return refusal == null ? null : refusal.reason();
    }

    @Test
    void logOfANonPositiveArgumentIsRefusedNamingLogAndTheDomain() {
        Expression log = NormalForm.of(ExpressionParser.parse("log(x)", 1));
        assertEquals(
                Refusal.Rule.ARGUMENT_NOT_POSITIVE,
                new ElementarySampler(EquationFamily.elementary(), UNIT)
                        .reasonToReject(log, "log(x)")
                        .rule());
        String why = reason("log(x)", UNIT);
        assertTrue(why.startsWith("log needs a positive argument on [[-1.0, 1.0]]"), why);
        assertTrue(why.contains("x is -1.0 at x = -1.0"), why);
        assertNull(reason("log(x)", InputDomain.of(0.5, 2)));
        assertTrue(reason("sqrt(x-2)", InputDomain.of(1, 3)).startsWith("sqrt needs a positive argument"));
    }

    @Test
    void polesValuesConstantsAndUnusedInputsAreRefusedWithTheirReason() {
        assertTrue(reason("1/x", UNIT).startsWith("the denominator x vanishes or changes sign"), reason("1/x", UNIT));
        assertNull(reason("1/x", InputDomain.of(0.5, 1)));
        assertTrue(
                reason("exp(x)^6", InputDomain.of(0, 2)).contains("exceeds 100.0 in magnitude"),
                reason("exp(x)^6", InputDomain.of(0, 2)));
        assertTrue(reason("sin(x)^2+cos(x)^2", UNIT).startsWith("constant on [[-1.0, 1.0]]"));
        assertEquals("it does not use x2", reason("sin(x1)", TWO));
        assertNull(reason("sin(x1)*log(x2)", TWO));
        assertEquals("a power above 6 after expansion", reason("x^3*x^4", UNIT));
        assertEquals(
                "a function of a constant, cos(2), which has no exact decimal value", reason("x/(cos(-2)+1)", UNIT));
        assertTrue(reason("(x1+x2+1)^4", TWO).matches("its text has \\d+ tokens, more than 64"));
    }

    @Test
    void treeShapesAreUniformOverLabelledTrees() {
        // With 2 operators there are 140 labelled trees (6 unary, 4 binary kinds): u(u) 36, u(b) b(u,l) b(l,u) 24
        // each, b(b,l) b(l,b) 16 each.
        Map<String, Double> expected = Map.of(
                "110",
                36 / 140.0,
                "1200",
                24 / 140.0,
                "2100",
                24 / 140.0,
                "2010",
                24 / 140.0,
                "22000",
                16 / 140.0,
                "20200",
                16 / 140.0);
        ElementarySampler sampler = new ElementarySampler(EquationFamily.elementary(), UNIT);
        DeterministicRandom rnd = DeterministicRandom.ofSeed(42);
        int draws = 70_000;
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            StringBuilder shape = new StringBuilder();
            for (int[] node : sampler.shape(rnd, 2)) {
                shape.append(node == null ? 0 : node[0]);
            }
            counts.merge(shape.toString(), 1, Integer::sum);
        }
        assertEquals(expected.keySet(), counts.keySet());
        double chiSquare = 0;
        for (var e : expected.entrySet()) {
            double mean = draws * e.getValue();
            chiSquare += Math.pow(counts.get(e.getKey()) - mean, 2) / mean;
        }
        assertTrue(chiSquare < 15.09, "chi-square " + chiSquare + " at 5 degrees of freedom, 1 % level: " + counts);
    }

    @Test
    void generatedExpressionsAreNormalAcceptedAndSampledSampleMajor() {
        EquationGenerator generator = new EquationGenerator(EquationFamily.elementary(), SampleSpec.of(500, TWO));
        for (int index = 0; index < 100; index++) {
            GeneratedEquation eq = generator.generate(7, index);
            assertTrue(eq.elementary());
            assertNull(eq.polynomial());
            Expression parsed = ExpressionParser.parse(eq.canonicalText(), 2);
            assertEquals(eq.expression(), NormalForm.of(parsed), eq.canonicalText());
            assertTrue(ExpressionVocabulary.encode(eq.canonicalText()).length <= ElementarySampler.MAX_TOKENS);
            assertEquals(500 * 2, eq.x().length);
            assertEquals(500, eq.y().length);
            for (int i = 0; i < 500; i++) {
                for (int j = 0; j < 2; j++) {
                    float x = eq.x()[i * 2 + j];
                    assertTrue(
                            x >= (float) TWO.input(j).lo()
                                    && x <= (float) TWO.input(j).hi(),
                            "input " + j + ": " + x);
                }
                assertEquals((float) eq.expression().evaluate(eq.x()[2 * i], eq.x()[2 * i + 1]), eq.y()[i]);
            }
        }
    }

    @Test
    void theSameSeedAndIndexGiveTheSameEquationAndSamples() {
        EquationGenerator one = new EquationGenerator(EquationFamily.elementary(), SampleSpec.defaults());
        EquationGenerator other = new EquationGenerator(EquationFamily.elementary(), SampleSpec.defaults());
        for (int index = 0; index < 20; index++) {
            assertEquals(one.generate(3, index), other.generate(3, index));
        }
        assertNotEquals(one.generate(3, 0).canonicalText(), one.generate(3, 1).canonicalText());
        assertEquals(5000, one.generate(3, 0).y().length);
    }

    /** The draw order is part of the determinism contract: these bits must never change. */
    @Test
    void goldenEquationsForSeed2026() {
        InputDomain domain = new InputDomain(List.of(new Interval(-1, 1), new Interval(0.5, 2)));
        EquationGenerator generator = new EquationGenerator(EquationFamily.elementary(), SampleSpec.of(5000, domain));
        List<String> texts = List.of("x1+exp(x2)", "-x2+exp(x1)+2", "-x1+3/x2^4-5", "-3*x1+x2");
        for (int index = 0; index < texts.size(); index++) {
            assertEquals(texts.get(index), generator.generate(2026, index).canonicalText(), "index " + index);
        }
        GeneratedEquation first = generator.generate(2026, 0);
        assertEquals(0x3f78991e, Float.floatToIntBits(first.x()[1]));
        assertEquals(0x3fca2433, Float.floatToIntBits(first.y()[4999]));
        assertEquals(-1819187235, java.util.Arrays.hashCode(first.y()));
        assertEquals(
                0xc09393ed, Float.floatToIntBits(generator.generate(2026, 2).y()[4999]));
    }

    @Test
    void drawsKeepTheReasonsOfTheirRefusals() {
        ElementarySampler sampler = new ElementarySampler(EquationFamily.elementary(), UNIT);
        DeterministicRandom rnd = DeterministicRandom.forEquation(1, 0);
        int refused = 0;
        for (int i = 0; i < 50; i++) {
            for (ElementarySampler.Rejection r : sampler.sample(rnd).rejected()) {
                assertTrue(!r.reason().isBlank() && !r.drawn().isBlank() && r.rule() != null, r.toString());
                refused++;
            }
        }
        assertTrue(refused > 0, "some of 50 draws refuse a tree first");
    }

    @Test
    void configurationErrorsNameTheFieldAndTheLimit() {
        EquationFamily nine = new EquationFamily(
                SamplingMode.ELEMENTARY,
                9,
                EquationFamily.elementary().coefficientMin(),
                EquationFamily.elementary().coefficientMax(),
                1,
                0,
                1,
                0,
                2,
                0);
        assertEquals(
                List.of(new Violation(
                        "degree", "must be between 1 and 8 (operators in a tree) in mode elementary, was 9")),
                nine.validate());
        IllegalArgumentException wide = assertThrows(
                IllegalArgumentException.class,
                () -> new EquationGenerator(EquationFamily.elementary(), SampleSpec.of(10, InputDomain.of(-6, 1))));
        assertTrue(wide.getMessage().contains("domain[0] must lie within [-5, 5], was [-6.0, 1.0]"), wide.getMessage());
        IllegalArgumentException twoInputs = assertThrows(
                IllegalArgumentException.class,
                () -> new EquationGenerator(EquationFamily.defaults(), SampleSpec.of(10, TWO)));
        assertTrue(twoInputs.getMessage().contains("domain polynomial families have 1 input"), twoInputs.getMessage());
    }
}
