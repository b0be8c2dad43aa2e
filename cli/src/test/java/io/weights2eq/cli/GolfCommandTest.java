package io.weights2eq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.weights2eq.domain.admissible.AdmissibleFile;
import io.weights2eq.domain.admissible.AdmissibleNetwork;
import io.weights2eq.domain.admissible.DoubleEvaluator;
import io.weights2eq.domain.admissible.Precision;
import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkFile;
import io.weights2eq.domain.network.NetworkLayout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class GolfCommandTest {
    @TempDir
    Path dir;

    static Network random(NetworkLayout layout, Activation activation, long seed) {
        DeterministicRandom random = DeterministicRandom.ofSeed(seed);
        float[] p = new float[layout.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) ((random.nextDouble() - 0.5) * 2);
        }
        return new Network(layout, activation, p);
    }

    @Test
    void roundsEachNetworkWithinTheToleranceAndWritesThemInOrder() throws Exception {
        Network relu = random(new NetworkLayout(1, 8, 1), Activation.RELU, 1);
        Network tanh = random(new NetworkLayout(1, 6, 4, 1), Activation.TANH, 2);
        Path input = dir.resolve("nets.jsonl");
        Files.writeString(input, NetworkFile.format("r", relu) + "\n" + NetworkFile.format("t", tanh) + "\n");
        Path out = dir.resolve("golfed.jsonl");
        PrecisionCommandTest.Result r = PrecisionCommandTest.run(
                "", "golf", "--input", input.toString(), "--tolerance", "0.01", "--out", out.toString());
        assertEquals(0, r.rc(), r.err());
        List<JsonNode> lines = r.lines();
        assertEquals(2, lines.size(), r.out());
        List<String> written = Files.readAllLines(out);
        assertEquals(2, written.size());
        Network[] layered = {relu, tanh};
        for (int k = 0; k < 2; k++) {
            JsonNode line = lines.get(k);
            AdmissibleNetwork golfed = AdmissibleFile.parse(written.get(k));
            assertEquals(k + 1, line.get("outLine").asInt());
            assertEquals(Precision.score(golfed), line.get("scoreAfter").asLong());
            assertTrue(line.get("scoreAfter").asLong() < line.get("scoreBefore").asLong() / 2, line.toString());
            assertTrue(line.get("worstDeviation").asDouble() <= 0.01, line.toString());
            // checked here on points of our own, against the layered network's forward pass
            DoubleEvaluator e = new DoubleEvaluator(golfed);
            for (int i = 0; i <= 999; i++) {
                double x = -1 + 2 * (i + 0.5) / 1000;
                assertEquals(layered[k].evaluate(x), e.evaluate(x)[0], 0.0102, "x = " + x + ": " + line);
            }
        }
        assertEquals("r", lines.get(0).get("id").asText());
        assertTrue(r.err().startsWith("golf: 2 network(s) within 0.01: precision score "), r.err());
    }

    @Test
    void aWiderToleranceCostsLess() throws Exception {
        Path input = dir.resolve("net.jsonl");
        Files.writeString(input, NetworkFile.format("r", random(new NetworkLayout(1, 8, 1), Activation.RELU, 3)));
        long tight = PrecisionCommandTest.run("", "golf", "--input", input.toString(), "--tolerance", "0.001")
                .lines()
                .get(0)
                .get("scoreAfter")
                .asLong();
        long loose = PrecisionCommandTest.run("", "golf", "--input", input.toString(), "--tolerance", "0.1")
                .lines()
                .get(0)
                .get("scoreAfter")
                .asLong();
        assertTrue(loose < tight, loose + " vs " + tight);
    }

    @Test
    void usageErrorsNameTheOption() {
        PrecisionCommandTest.Result none = PrecisionCommandTest.run("", "golf", "--input", "x.jsonl");
        assertEquals(2, none.rc());
        assertTrue(none.err().startsWith("error: golf needs --input NETWORKS.jsonl and --tolerance T"), none.err());
        PrecisionCommandTest.Result zero = PrecisionCommandTest.run("", "golf", "--input", "-", "--tolerance", "0");
        assertEquals(2, zero.rc());
        assertTrue(zero.err().startsWith("error: --tolerance must be a positive number, was 0.0"), zero.err());
        PrecisionCommandTest.Result twoInputs = PrecisionCommandTest.run(
                AdmissibleFile.format(PrecisionCommandTest.fibonacci()), "golf", "--input", "-", "--tolerance", "1");
        assertEquals(1, twoInputs.rc());
        assertTrue(
                twoInputs.err().contains("rounds networks of one input on [-1, 1]; this one has 2"), twoInputs.err());
        io.weights2eq.domain.network.NetworkLayout layout = new io.weights2eq.domain.network.NetworkLayout(1, 3, 1);
        io.weights2eq.domain.network.Network shifted = new io.weights2eq.domain.network.Network(
                layout,
                io.weights2eq.domain.network.Activation.RELU,
                new float[layout.parameterCount()],
                io.weights2eq.domain.network.InputDomain.of(0, 5));
        PrecisionCommandTest.Result offDomain = PrecisionCommandTest.run(
                io.weights2eq.domain.network.NetworkFile.format("shifted", shifted),
                "golf",
                "--input",
                "-",
                "--tolerance",
                "1");
        assertEquals(1, offDomain.rc());
        assertTrue(
                offDomain
                        .err()
                        .contains("shifted: golf --input rounds networks of one input on [-1, 1]; this one's"
                                + " domain is [[0.0, 5.0]]"),
                offDomain.err());
    }

    @Command(name = "probe", description = "a test challenge")
    static final class Probe extends GolfSubcommand {
        @Override
        int run() {
            out.println("probe ran");
            return 0;
        }
    }

    @Test
    void aChallengeSubcommandGetsTheCliStreams() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine cli = W2eCli.commandLine(
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        cli.getSubcommands().get("golf").addSubcommand(new Probe());
        assertEquals(0, cli.execute("golf", "probe"));
        assertEquals("probe ran\n", out.toString(StandardCharsets.UTF_8));
    }
}
