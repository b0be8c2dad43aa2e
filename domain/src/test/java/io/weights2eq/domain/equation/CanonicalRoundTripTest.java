package io.weights2eq.domain.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Canonical text is a bijection onto its polynomials: parsing it gives the polynomial back, and nothing else. */
class CanonicalRoundTripTest {

    /** Both modes, degree 0..3, digits 1..4, narrow and wide ranges. */
    static List<EquationFamily> families() {
        List<EquationFamily> families = new ArrayList<>();
        families.add(EquationFamily.defaults());
        for (int degree = 0; degree <= 3; degree++) {
            families.add(new EquationFamily(
                    SamplingMode.SERVANT, degree, new BigDecimal("-5"), new BigDecimal("5"), 1, 1, 1, 0, 2, 0));
            for (int digits = 1; digits <= 3; digits++) {
                families.add(new EquationFamily(
                        SamplingMode.UNIFORM_LENGTH,
                        degree,
                        new BigDecimal(-Math.pow(10, digits - 1) * 3),
                        new BigDecimal("1000"),
                        1,
                        2,
                        digits,
                        1,
                        digits + 1,
                        0.3));
            }
        }
        families.add(new EquationFamily(
                SamplingMode.UNIFORM_LENGTH, 4, new BigDecimal("-0.5"), new BigDecimal("0.25"), 0, 1, 2, 1, 4, 0));
        return families;
    }

    @Test
    void parseOfCanonicalTextGivesThePolynomialBack() {
        int total = 0;
        for (EquationFamily family : families()) {
            EquationSampler sampler = new EquationSampler(family);
            DeterministicRandom rnd = DeterministicRandom.forEquation(2024, family.hashCode());
            for (int i = 0; i < 7_000; i++, total++) {
                Polynomial p = sampler.sample(rnd);
                String text = p.toCanonicalText();
                Polynomial back = EquationParser.parse(text);
                assertEquals(p, back, text);
                assertEquals(text, back.toCanonicalText(), "canonical text is stable");
                assertOnlyAlphabet(text);
                assertTrue(p.degree() <= family.degree());
            }
        }
        assertTrue(total >= 100_000, "covered " + total);
    }

    @Test
    void everyEquivalentSpellingParsesToTheSamePolynomial() {
        Random shuffler = new Random(7); // only scrambles the spelling; any sequence is fine
        EquationSampler sampler = new EquationSampler(new EquationFamily(
                SamplingMode.UNIFORM_LENGTH, 3, new BigDecimal("-20"), new BigDecimal("20"), 1, 1, 1, 1, 2, 0.2));
        DeterministicRandom rnd = DeterministicRandom.forEquation(99, 0);
        for (int i = 0; i < 20_000; i++) {
            Polynomial p = sampler.sample(rnd);
            String spelling = scrambledSpelling(p, shuffler);
            assertEquals(p, EquationParser.parse(spelling), spelling + " for " + p);
        }
    }

    /** Terms and factors in random order, optional '+', 1s left out, padding zeros, extra zero terms. */
    private static String scrambledSpelling(Polynomial p, Random r) {
        List<String> terms = new ArrayList<>();
        for (int power = 0; power <= p.degree(); power++) {
            BigDecimal c = p.coefficient(power);
            if (c.signum() != 0) {
                terms.add(term(c, power, r));
            }
        }
        if (r.nextInt(3) == 0 || terms.isEmpty()) {
            terms.add(term(BigDecimal.ZERO, r.nextInt(4), r));
        }
        Collections.shuffle(terms, r);
        StringBuilder text = new StringBuilder();
        for (String term : terms) {
            boolean negative = term.startsWith("-");
            String body = negative ? term.substring(1) : term;
            if (negative) {
                text.append('-');
            } else if (text.length() > 0 || r.nextBoolean()) {
                text.append('+');
            }
            text.append(body);
        }
        return text.toString();
    }

    private static String term(BigDecimal c, int power, Random r) {
        List<String> factors = new ArrayList<>();
        for (int i = 0; i < power; i++) {
            factors.add("x");
        }
        BigDecimal magnitude = c.abs();
        boolean omitOne = power > 0 && magnitude.compareTo(BigDecimal.ONE) == 0 && r.nextBoolean();
        if (!omitOne) {
            String number = magnitude.toPlainString();
            if (r.nextBoolean()) {
                number = magnitude
                        .setScale(Math.max(0, magnitude.scale()) + 1 + r.nextInt(2))
                        .toPlainString();
            }
            if (number.startsWith("0.") && r.nextBoolean()) {
                number = number.substring(1);
            }
            factors.add(number);
        }
        Collections.shuffle(factors, r);
        String body = factors.isEmpty() ? "1" : String.join("*", factors);
        return (c.signum() < 0 ? "-" : "") + body;
    }

    private static void assertOnlyAlphabet(String text) {
        for (int i = 0; i < text.length(); i++) {
            assertTrue("0123456789+*-x.".indexOf(text.charAt(i)) >= 0, text);
        }
    }
}
