package io.weights2eq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval --family elementary}: networks trained elsewhere with their truth, and networks trained in process. */
class EvalElementaryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The PyTorch peer's Nguyen networks (benchmarks/data), shipped with the repository. */
    static final Path NGUYEN = Path.of("..", "benchmarks", "data", "nguyen-tanh.jsonl");

    @TempDir
    Path dir;

    @Test
    void networksTrainedElsewhereAreScoredAgainstTheirTruth() throws IOException {
        // the first network of Nguyen-1 (x^3+x^2+x) and of Nguyen-9 (sin(x1)+sin(x2^2), two inputs)
        List<String> nets = Files.readAllLines(NGUYEN, StandardCharsets.UTF_8);
        List<String> truth = Files.readAllLines(Path.of(NGUYEN.toString().replace(".jsonl", ".truth.jsonl")));
        int two = indexOf(truth, "nguyen-9-s0");
        Path networks = dir.resolve("nets.jsonl");
        Path truths = dir.resolve("truth.jsonl");
        Files.write(networks, List.of(nets.get(0), nets.get(two)));
        Files.write(truths, List.of(truth.get(0), truth.get(two)));
        Path out = dir.resolve("report");

        CliTestRecords.Result r = CliTestRecords.cli(
                "eval",
                "--family",
                "elementary",
                "--networks",
                networks.toString(),
                "--truth",
                truths.toString(),
                "--out",
                out.toString());

        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("| analytic | 2 |"), r.out());
        assertTrue(r.out().contains("| hybrid | 2 |"), r.out());
        List<JsonNode> results = lines(out.resolve("results.jsonl"));
        assertEquals(2, results.size());
        JsonNode first = results.get(0);
        assertEquals("x^3+x^2+x", first.get("truth").asText());
        assertTrue(first.get("networkRSquared").asDouble() > 0.999, first.toString());
        // a well-trained cubic polynomial is read back exactly by the sparse regression
        assertTrue(first.get("methods").get("analytic").get("exact").asBoolean(), first.toString());
        assertEquals(2, results.get(1).get("domain").size());
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("## By operator"), summary);
        assertTrue(Files.readString(out.resolve("plots/nguyen-9-s0.svg")).contains("<svg"));
    }

    @Test
    void twoInputExpressionsAreDrawnTrainedAndDecodedInProcess() throws IOException {
        Path out = dir.resolve("drawn");
        CliTestRecords.Result r = CliTestRecords.cli(
                "eval",
                "--family",
                "elementary",
                "--equations",
                "3",
                "--inputs",
                "2",
                "--domain",
                "0,2",
                "--domain",
                "0,2",
                "--steps",
                "50",
                "--threads",
                "1",
                "--methods",
                "analytic",
                "--out",
                out.toString());

        assertEquals(0, r.rc(), r.err());
        List<JsonNode> results = lines(out.resolve("results.jsonl"));
        assertEquals(3, results.size());
        for (JsonNode line : results) {
            assertEquals("[[0.0,2.0],[0.0,2.0]]", line.get("domain").toString());
            assertTrue(line.get("methods").has("analytic"), line.toString());
        }
        assertTrue(lines(out.resolve("networks.jsonl"))
                .get(0)
                .get("layers")
                .toString()
                .startsWith("[2,"));
    }

    @Test
    void aDomainOutsideTheFamilysLimitIsAUsageError() {
        CliTestRecords.Result r = CliTestRecords.cli(
                "eval",
                "--family",
                "elementary",
                "--equations",
                "3",
                "--domain",
                "-9,1",
                "--out",
                dir.resolve("x").toString());
        assertEquals(2, r.rc(), r.err());
        assertTrue(r.err().contains("domain"), r.err());
    }

    private static int indexOf(List<String> truth, String id) {
        for (int i = 0; i < truth.size(); i++) {
            if (truth.get(i).contains("\"" + id + "\"")) {
                return i;
            }
        }
        throw new AssertionError(id + " not in the truth file");
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(EvalElementaryTest::json).toList();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
