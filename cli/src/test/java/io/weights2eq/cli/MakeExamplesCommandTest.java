package io.weights2eq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.decoding.ExamplesTsv;
import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.domain.equation.EquationFamilies;
import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.SampleSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MakeExamplesCommandTest {
    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return W2eCli.run(
                args,
                InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesOneTrainedExamplePerDrawnEquationOfTheFamily() throws IOException {
        Path file = dir.resolve("cubic.tsv");
        int rc = run(
                "make-examples",
                "--family",
                "cubic",
                "--count",
                "3",
                "--seed",
                "5",
                "--threads",
                "1",
                "--out",
                file.toString());
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        List<TrainingExample> examples = ExamplesTsv.read(file);
        assertEquals(3, examples.size());
        EquationGenerator generator = new EquationGenerator(EquationFamilies.named("cubic"), SampleSpec.defaults());
        for (int i = 0; i < 3; i++) {
            TrainingExample e = examples.get(i);
            assertEquals("cubic-5-" + i, e.equationId());
            // the truth is equation i of job seed 5, as the generator draws it for that job
            assertEquals(generator.generate(5, i).canonicalText(), e.target().toCanonicalText());
            assertTrue(
                    e.target().toCanonicalText().startsWith("1*x*x*x"),
                    e.target().toCanonicalText());
            assertEquals(152, e.network().parameters().length);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("3 relu networks of family cubic"), out.toString());
    }

    @Test
    void namesABadCountOrFamily() {
        assertEquals(2, run("make-examples", "--family", "cubic", "--count", "0", "--out", "x.tsv"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--count must be between 1 and"), err.toString());
        assertEquals(2, run("make-examples", "--family", "quartic", "--count", "1", "--out", "x.tsv"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("family must be one of"), err.toString());
    }
}
