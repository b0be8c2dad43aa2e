package io.weights2eq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weights2eq.domain.admissible.AdmissibleActivation;
import io.weights2eq.domain.admissible.AdmissibleFile;
import io.weights2eq.domain.admissible.AdmissibleNetwork;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrecisionCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** 1 → 2 → 1, relu: the decimals 2, -1, 0.5, -1 and biases 1, 0, 0.25 cost 1+1+1+1 + 1+0+2 = 7. */
    static final String TINY = "{\"id\": \"tiny\", \"layers\": [1, 2, 1], \"activation\": \"relu\", "
            + "\"weights\": [[[2.0], [-1.0]], [[0.5, -1.0]]], \"biases\": [[1.0, 0.0], [0.25]]}";

    @TempDir
    Path dir;

    record Result(int rc, String out, String err) {
        List<JsonNode> lines() {
            return out.lines()
                    .map(l -> {
                        try {
                            return JSON.readTree(l);
                        } catch (java.io.IOException e) {
                            throw new AssertionError(l, e);
                        }
                    })
                    .toList();
        }
    }

    static Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = W2eCli.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static AdmissibleNetwork fibonacci() {
        AdmissibleNetwork.Builder b = AdmissibleNetwork.builder(2);
        for (int k = 3; k <= 10; k++) {
            b.add(Map.of(k - 2, BigDecimal.ONE, k - 1, BigDecimal.ONE), BigDecimal.ZERO, AdmissibleActivation.IDENTITY);
        }
        return b.output(5).output(9).output(10).build();
    }

    @Test
    void scoresAnAdmissibleFileWrittenOverManyLines() throws Exception {
        Path file = dir.resolve("fib.json");
        Files.writeString(file, AdmissibleFile.formatByNeuron(fibonacci()));
        Result r = run("", "precision", file.toString());
        assertEquals(0, r.rc(), r.err());
        JsonNode line = r.lines().get(0);
        assertEquals(1, r.lines().size());
        assertEquals(16, line.get("score").asInt());
        assertEquals(file.toString(), line.get("id").asText());
        assertEquals(8, line.get("neurons").asInt());
        assertEquals(24, line.get("parameters").asInt());
    }

    @Test
    void scoresLayeredNetworksByIdAndNamesABadLine() throws Exception {
        String forward = "{\"format\": \"admissible\", \"inputs\": 1, \"neurons\": [{\"weights\": {\"2\": \"1\"}, "
                + "\"bias\": \"0\", \"activation\": \"relu\"}], \"outputs\": [2]}";
        Path file = dir.resolve("nets.jsonl");
        Files.writeString(file, TINY + "\n" + forward + "\n\n" + AdmissibleFile.format(fibonacci()) + "\n");
        Result r = run("", "precision", file.toString());
        assertEquals(1, r.rc());
        assertEquals(2, r.lines().size(), r.out());
        assertEquals("tiny", r.lines().get(0).get("id").asText());
        assertEquals(7, r.lines().get(0).get("score").asInt());
        assertEquals(3, r.lines().get(0).get("neurons").asInt());
        assertEquals("line 4", r.lines().get(1).get("id").asText());
        assertEquals(16, r.lines().get(1).get("score").asInt());
        assertTrue(r.err().contains("line 2: neurons[0] (node 2).weights.\"2\""), r.err());
        assertTrue(r.err().contains("1 network(s)"), r.err());
    }

    @Test
    void readsStdin() {
        Result r = run(TINY + "\n", "precision", "-");
        assertEquals(0, r.rc(), r.err());
        assertEquals(7, r.lines().get(0).get("score").asInt());
        assertEquals(2, run("", "precision").rc()); // FILE is required
    }
}
