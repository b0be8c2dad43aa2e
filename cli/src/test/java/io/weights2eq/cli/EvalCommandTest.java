package io.weights2eq.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weights2eq.domain.decoding.CheckpointDirectory;
import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.domain.decoding.TransformerWeights;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkFile;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.evaluation.PolynomialFit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval} end to end, with a tiny learned model built to emit {@code 2*x+1} whatever the network
 * ({@link DecodeCommandTest#emitting}): in-process generation and training, networks from a file, the report files.
 */
class EvalCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    Path models;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeCheckpoints() {
        models = dir.resolve("models");
        CheckpointDirectory checkpoints = new CheckpointDirectory(models, 5);
        double[][] curve = {{100, 0.1, 0.9}, {200, 0.4, 0.5}, {300, 0.7, 0.2}};
        for (double[] point : curve) {
            checkpoints.write(new DecoderCheckpoint(
                    "test-v" + (int) point[0],
                    (long) point[0],
                    128 * (long) point[0],
                    0,
                    new TransformerWeights(DecodeCommandTest.CONFIG, DecodeCommandTest.emitting("2*x+1")),
                    Map.of(),
                    Map.of("exactMatch", point[1], "trainingLoss", point[2], "examplesSeen", 128 * point[0])));
        }
    }

    int run(String... args) {
        return W2eCli.run(
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    static void assertPng(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " missing");
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 5_000, file + " is only " + bytes.length + " bytes");
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, 8), file + " is not a PNG");
    }

    /** The row of {@code method} in summary.md's per-method table, split into cells. */
    static String[] methodRow(String summary, String method) {
        for (String line : summary.split("\n")) {
            if (line.startsWith("| " + method + " | ")) {
                return Arrays.stream(line.split("\\|"))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toArray(String[]::new);
            }
        }
        throw new AssertionError("no row for " + method + " in\n" + summary);
    }

    @Test
    void trainsHeldOutEquationsInProcessAndWritesTheReport() throws IOException {
        Path report = dir.resolve("report");
        int rc = run(
                "eval",
                "--equations",
                "12",
                "--steps",
                "150",
                "--family",
                "servant",
                "--threads",
                "2",
                "--model",
                models.toString(),
                "--out",
                report.toString(),
                "--checkpoints",
                models.toString());
        assertEquals(0, rc, stderr());
        assertTrue(stderr().contains("eval: trained 12/12 networks"), stderr());

        String summary = Files.readString(report.resolve("summary.md"));
        String[] learned = methodRow(summary, "learned");
        assertEquals("12", learned[1], "networks decoded by learned");
        assertEquals("0", learned[2], "not applicable");
        String[] analytic = methodRow(summary, "analytic");
        assertEquals("12", analytic[1]);
        String[] taylor = methodRow(summary, "taylor");
        assertEquals("0", taylor[1], "taylor does not apply to ReLU networks");
        assertEquals("12", taylor[2]);
        assertEquals("12", methodRow(summary, "hybrid")[1]);
        assertTrue(summary.contains("bin/w2e eval --equations 12 --steps 150"), summary);
        assertTrue(summary.contains("## Exact match by canonical-text length"), summary);
        assertTrue(summary.contains("## Exact match by coefficient kind"), summary);
        assertTrue(summary.contains("## Converged vs not converged"), summary);
        assertTrue(summary.contains("| networks trained | 12 |"), summary);
        assertTrue(summary.contains("| steps per attempt | 150 |"), summary);
        assertTrue(summary.contains("test-v300"), "the learned model is the newest checkpoint:\n" + summary);

        List<JsonNode> results = jsonLines(report.resolve("results.jsonl"));
        assertEquals(12, results.size());
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            assertEquals("eval-777-" + i, r.get("id").asText());
            String truth = r.get("truth").asText();
            assertEquals(truth, Polynomial.parse(truth).toCanonicalText(), "truth is canonical");
            JsonNode methods = r.get("methods");
            assertEquals("2*x+1", methods.get("learned").get("prediction").asText());
            assertEquals(
                    truth.equals("2*x+1"), methods.get("learned").get("exact").asBoolean());
            assertTrue(methods.get("analytic").has("prediction"), r.toString());
            assertTrue(methods.get("analytic").has("exact"), r.toString());
            assertEquals("not applicable", methods.get("taylor").get("status").asText());
            assertTrue(methods.get("hybrid").has("prediction"), r.toString());
        }
        // the same seed gives the same held-out equations as the generator would (job seed 777, index i)
        assertNotEquals(
                results.get(0).get("truth").asText(),
                results.get(1).get("truth").asText());

        assertPng(report.resolve("curves.png"));
        assertPng(report.resolve("accuracy-by-length.png"));
        assertPng(report.resolve("training-curve.png"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("eval: report written to"));
    }

    /** A 1-8-7-8-1 ReLU network that computes a*x+b exactly on [-1, 1] (one path of units x + 2 ≥ 1). */
    static Network linear(double a, double b) {
        NetworkLayout layout = NetworkLayout.DEFAULT;
        float[] p = new float[layout.parameterCount()];
        p[layout.weightIndex(0, 0, 0)] = 1f;
        p[layout.biasIndex(0, 0)] = 2f;
        p[layout.weightIndex(1, 0, 0)] = 1f;
        p[layout.weightIndex(2, 0, 0)] = 1f;
        p[layout.weightIndex(3, 0, 0)] = (float) a;
        p[layout.biasIndex(3, 0)] = (float) (b - 2 * a);
        return new Network(layout, Activation.RELU, p);
    }

    Path writeNetworks(String... ids) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String id : ids) {
            Network network = switch (id) {
                case "n-1" -> linear(2, 1);
                case "n-2" -> linear(-3, 0.5);
                default -> DecodeCommandTest.randomNetwork(NetworkLayout.DEFAULT, Activation.TANH, 5);
            };
            lines.add(NetworkFile.format(id, network));
        }
        Path file = dir.resolve("networks.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    Path writeTruth() throws IOException {
        Path file = dir.resolve("truth.jsonl");
        Files.write(
                file,
                List.of(
                        "{\"id\": \"n-1\", \"equation\": \"2*x+1\"}",
                        "{\"id\": \"n-2\", \"equation\": \"-3*x+0.5\", \"note\": \"other fields are ignored\"}",
                        "",
                        "{\"id\": \"n-3\", \"equation\": \"1*x*x-0.2\"}"),
                StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void evaluatesNetworksTrainedElsewhereAgainstTheirTruth() throws IOException {
        assertEquals(0.0, PolynomialFit.relativeMse(linear(2, 1), Polynomial.parse("2*x+1")), 1e-10);
        Path report = dir.resolve("from-file");
        int rc = run(
                "eval",
                "--networks",
                writeNetworks("n-1", "n-2", "n-3").toString(),
                "--truth",
                writeTruth().toString(),
                "--methods",
                "learned,analytic,taylor,hybrid",
                "--model",
                models.toString(),
                "--out",
                report.toString());
        assertEquals(0, rc, stderr());

        List<JsonNode> results = jsonLines(report.resolve("results.jsonl"));
        assertEquals(3, results.size());
        // the networks themselves, written as they came in
        assertEquals(
                Files.readAllLines(dir.resolve("networks.jsonl")),
                Files.readAllLines(report.resolve("networks.jsonl")));
        assertEquals(
                List.of("n-1", "n-2", "n-3"),
                results.stream().map(r -> r.get("id").asText()).toList());
        assertEquals(
                List.of("2*x+1", "-3*x+0.5", "1*x*x-0.2"),
                results.stream().map(r -> r.get("truth").asText()).toList());
        JsonNode first = results.get(0);
        assertTrue(first.get("converged").asBoolean(), "an exact network matches its truth");
        assertTrue(first.get("methods").get("learned").get("exact").asBoolean());
        assertFalse(results.get(1).get("methods").get("learned").get("exact").asBoolean());
        assertFalse(results.get(2).get("converged").asBoolean(), "a random network does not");
        assertEquals(
                "not applicable",
                first.get("methods").get("taylor").get("status").asText());
        assertTrue(results.get(2).get("methods").get("taylor").has("prediction"), "taylor applies to tanh");
        // networks that compute their equation exactly: the verified candidates find it
        assertEquals(
                "2*x+1", first.get("methods").get("hybrid").get("prediction").asText());
        assertEquals(
                "-3*x+0.5",
                results.get(1).get("methods").get("hybrid").get("prediction").asText());
        assertTrue(results.get(1).get("methods").get("analytic").get("exact").asBoolean());

        String summary = Files.readString(report.resolve("summary.md"));
        assertEquals("3", methodRow(summary, "learned")[1]);
        assertEquals("33.3 %", methodRow(summary, "learned")[4], "exact match of learned: n-1 only");
        assertEquals("1", methodRow(summary, "taylor")[1]);
        assertTrue(summary.contains("trained elsewhere: no trainer figures"), summary);
        assertPng(report.resolve("curves.png"));
        assertPng(report.resolve("accuracy-by-length.png"));
        assertFalse(Files.exists(report.resolve("training-curve.png")), "no --checkpoints, no training curve");
    }

    @Test
    void aNetworkWithoutTruthIsAnErrorNamingItsId() throws IOException {
        Path report = dir.resolve("missing");
        int rc = run(
                "eval",
                "--networks",
                writeNetworks("n-1", "n-4").toString(),
                "--truth",
                writeTruth().toString(),
                "--methods",
                "analytic",
                "--out",
                report.toString());
        assertEquals(2, rc);
        assertTrue(stderr().contains("no truth for network id 'n-4'"), stderr());
        assertTrue(stderr().contains("line 2"), stderr());
        assertFalse(Files.exists(report.resolve("summary.md")));
    }

    @Test
    void refusesATwoInputNetworkAgainstAPolynomialTruth() throws IOException {
        Path networks = writeNetworks("n-1");
        NetworkLayout two = new NetworkLayout(2, 8, 7, 8, 1);
        Files.writeString(
                networks,
                NetworkFile.format("n-2", DecodeCommandTest.randomNetwork(two, Activation.TANH, 5)) + "\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Path report = dir.resolve("two-inputs");
        int rc = run(
                "eval",
                "--networks",
                networks.toString(),
                "--truth",
                writeTruth().toString(),
                "--methods",
                "analytic",
                "--out",
                report.toString());
        assertEquals(2, rc);
        assertTrue(
                stderr().contains("line 2: network id 'n-2' has 2 inputs; a polynomial truth is a function of one"
                        + " input (x), so layers[0] must be 1"),
                stderr());
        assertFalse(Files.exists(report.resolve("summary.md")));
    }

    @Test
    void rejectsContradictoryOrIncompleteOptions() throws IOException {
        assertEquals(2, run("eval"));
        assertTrue(stderr().contains("eval needs either --equations N or --networks"), stderr());
        assertEquals(2, run("eval", "--equations", "3", "--networks", "x.jsonl", "--truth", "t.jsonl"));
        assertEquals(2, run("eval", "--networks", "x.jsonl"));
        assertEquals(2, run("eval", "--networks", "x.jsonl", "--truth", "t.jsonl", "--steps", "10"));
        assertTrue(stderr().contains("--steps applies to --equations"), stderr());
        assertEquals(2, run("eval", "--equations", "3", "--methods", "learned,guess"));
        assertTrue(stderr().contains("'guess'"), stderr());
        assertEquals(2, run("eval", "--equations", "3", "--family", "other"));
        assertEquals(
                2,
                run(
                        "eval",
                        "--equations",
                        "3",
                        "--methods",
                        "analytic",
                        "--checkpoints",
                        dir.resolve("nowhere").toString(),
                        "--out",
                        dir.resolve("r").toString()));
        assertTrue(stderr().contains("is not a directory"), stderr());
    }

    @Test
    void classifiesCoefficientKindsByTheirDecimals() {
        EquationFamily family = EquationFamily.defaults();
        assertEquals("whole", PolynomialFit.coefficientKind(Polynomial.parse("3*x*x-2"), family));
        assertEquals("whole", PolynomialFit.coefficientKind(Polynomial.parse("0"), family));
        assertEquals("decimal", PolynomialFit.coefficientKind(Polynomial.parse("3*x-2.5"), family));
        assertEquals("fraction", PolynomialFit.coefficientKind(Polynomial.parse("0.25*x-2.5"), family));
    }
}
