package io.weights2eq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootsCommandTest {
    @Test
    void writesTheSeedsTableWithMultiplicities(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("roots.txt");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = W2eCli.run(
                new String[] {"roots", "--out", file.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(file);
        assertEquals(9261, lines.size());
        String[] first = lines.get(0).split(",");
        assertEquals(List.of("-10", "-10", "-10", "1"), List.of(first[0], first[1], first[2], first[4]));
        assertEquals(10.99247140445449, Double.parseDouble(first[3]), 1e-12, "the seed's first line");
        assertTrue(lines.contains("-3,0,4,2,2"), "(x-2)²(x+1)");
        assertTrue(lines.contains("3,3,1,-1,3"), "(x+1)³");
        assertEquals(28, lines.stream().filter(l -> !l.endsWith(",1")).count());
    }

    @Test
    void decimalsArePlainAndShortest() {
        assertEquals("2", RootsCommand.decimal(2.0));
        assertEquals("-0.5", RootsCommand.decimal(-0.5));
        assertEquals("0.0001", RootsCommand.decimal(1e-4));
    }
}
