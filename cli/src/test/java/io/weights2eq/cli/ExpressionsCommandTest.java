package io.weights2eq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.expression.ExpressionParser;
import io.weights2eq.domain.expression.NormalForm;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionsCommandTest {

    private static CliTestRecords.Result run(String... args) {
        return CliTestRecords.cli(args);
    }

    @Test
    void writesCanonicalExpressionsOfTwoInputsWithTheirDomain() throws Exception {
        CliTestRecords.Result run = run(
                "expressions",
                "--count",
                "20",
                "--seed",
                "5",
                "--inputs",
                "2",
                "--domain",
                "-1,1",
                "--domain",
                "0.5,2");
        assertEquals(0, run.rc(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(20, lines.length);
        InputDomain domain = new InputDomain(List.of(new Interval(-1, 1), new Interval(0.5, 2)));
        EquationGenerator generator = new EquationGenerator(EquationFamily.elementary(), SampleSpec.of(10, domain));
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.length; i++) {
            JsonNode line = json.readTree(lines[i]);
            assertEquals("5-" + i, line.get("id").asText());
            String text = line.get("expression").asText();
            assertEquals(text, NormalForm.text(ExpressionParser.parse(text, 2)), "canonical");
            assertEquals(generator.generate(5, i).canonicalText(), text, "the generator's equation " + i);
            assertEquals("[[-1,1],[0.5,2]]", line.get("domain").toString());
        }
    }

    @Test
    void refusalsAreCountedByRule() {
        CliTestRecords.Result run = run("expressions", "--count", "200", "--refusals");
        assertEquals(0, run.rc(), run.err());
        assertTrue(
                run.err()
                        .matches("(?s)200 accepted, \\d+ refused \\(\\d+\\.\\d per accepted\\), \\d+ distinct texts\n"
                                + ".*%  an input unused\n.*tokens \\(v2\\): median \\d+, max \\d+\n"),
                run.err());
    }

    @Test
    void badOptionsNameTheOptionAndTheLimit() {
        CliTestRecords.Result wide = run("expressions", "--count", "3", "--domain", "-6,1");
        assertEquals(2, wide.rc());
        assertTrue(wide.err().contains("--domain[0] must lie within [-5, 5], was [-6.0, 1.0]"), wide.err());
        CliTestRecords.Result missing = run("expressions", "--count", "3", "--inputs", "2", "--domain", "0,1");
        assertEquals(2, missing.rc());
        assertTrue(
                missing.err().contains("--domain must be given once per input (2), was given 1 times"), missing.err());
        CliTestRecords.Result polynomial = run("expressions", "--count", "3", "--family", "cubic");
        assertEquals(2, polynomial.rc());
        assertTrue(polynomial.err().contains("--family must be elementary"), polynomial.err());
        CliTestRecords.Result malformed = run("expressions", "--count", "3", "--domain", "1;2");
        assertTrue(malformed.err().contains("--domain must be LO,HI with LO < HI, was '1;2'"), malformed.err());
    }
}
