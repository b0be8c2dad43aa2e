package io.weights2eq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weights2eq.domain.decoding.CheckpointDirectory;
import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.domain.decoding.TransformerConfig;
import io.weights2eq.domain.decoding.TransformerWeights;
import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkFile;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.domain.training.TrainingTask;
import io.weights2eq.domain.training.kernel.CpuBackends;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code decode} with a real checkpoint whose transformer is built to emit {@code 2*x+1} whatever the network. */
class DecodeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EMITTED = "2*x+1";
    static final TransformerConfig CONFIG = new TransformerConfig(4, 8, 2, 32, 4, 1, 16, 24);

    @TempDir
    Path dir;

    Path models;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeCheckpoint() {
        models = dir.resolve("models");
        new CheckpointDirectory(models, 3)
                .write(new DecoderCheckpoint(
                        "test-v1", 7, 0, 0, new TransformerWeights(CONFIG, emitting(EMITTED)), Map.of(), Map.of()));
    }

    /**
     * Small random weights, except: position embedding t is the unit vector e_t and the output row of the token due
     * at step t reads e_t strongly. Every sub-layer then adds only noise to the residual stream, so step t (input
     * position t, {@code <bos>} at 0) emits token t of {@code text + <eos>}: a decode whose result is known.
     */
    static Map<String, float[]> emitting(String text) {
        DeterministicRandom random = DeterministicRandom.ofSeed(11);
        Map<String, float[]> tensors = new LinkedHashMap<>();
        CONFIG.parameterShapes().forEach((name, shape) -> {
            float[] t = new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
            for (int i = 0; i < t.length; i++) {
                t[i] = name.endsWith(".gamma") ? 1f : (float) ((random.nextDouble() - 0.5) * 0.02);
            }
            tensors.put(name, t);
        });
        int d = CONFIG.dModel();
        float[] position = tensors.get("embed.position");
        for (int t = 0; t < CONFIG.maxTokens(); t++) {
            position[t * d + t] += 1f;
        }
        int[] target = tokens(text);
        float[] outWeight = tensors.get("out.weight");
        for (int t = 0; t < target.length; t++) {
            outWeight[target[t] * d + t] += 10f;
        }
        return tensors;
    }

    static int[] tokens(String text) {
        int[] ids = Vocabulary.encode(text);
        int[] withEos = Arrays.copyOf(ids, ids.length + 1);
        withEos[ids.length] = Vocabulary.EOS;
        return withEos;
    }

    static Network randomNetwork(NetworkLayout layout, Activation activation, long seed) {
        DeterministicRandom random = DeterministicRandom.ofSeed(seed);
        float[] p = new float[layout.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (random.nextDouble() - 0.5);
        }
        return new Network(layout, activation, p);
    }

    int run(InputStream stdin, String... args) {
        return W2eCli.run(
                args,
                stdin,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    List<JsonNode> results() throws IOException {
        List<JsonNode> results = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                results.add(JSON.readTree(line));
            }
        }
        return results;
    }

    @Test
    void decodesEveryGoodLineAndNamesTheBadOnes() throws IOException {
        String good1 = NetworkFile.format("net-a", randomNetwork(NetworkLayout.DEFAULT, Activation.RELU, 1));
        String good2 = NetworkFile.format("net-b", randomNetwork(new NetworkLayout(1, 16, 1), Activation.TANH, 2));
        ObjectNode broken = (ObjectNode) JSON.readTree(good1);
        ((ArrayNode) broken.get("weights").get(1)).remove(6);
        String sixRows = JSON.writeValueAsString(broken);
        Path input = dir.resolve("networks.jsonl");
        Files.writeString(input, String.join("\n", good1, sixRows, "", good2, "not json") + "\n");

        int rc = run(
                InputStream.nullInputStream(),
                "decode",
                "--input",
                input.toString(),
                "--model",
                models.toString(),
                "--method",
                "learned");

        String errors = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, rc, errors);
        assertTrue(errors.contains("line 2: weights[1] must have 7 rows (layers[2]), had 6"), errors);
        assertTrue(errors.contains("line 5: json is malformed"), errors);
        List<JsonNode> results = results();
        assertEquals(
                List.of("net-a", "net-b"),
                results.stream().map(r -> r.get("id").asText()).toList());
        for (JsonNode r : results) {
            assertEquals(
                    List.of(
                            "id",
                            "equation",
                            "method",
                            "modelVersion",
                            "coefficients",
                            "tokenIds",
                            "fit",
                            "latencyMillis"),
                    iterate(r.fieldNames()));
            double r2 = r.get("fit").get("rSquared").asDouble();
            assertTrue(r2 < 1, "a random network is not 2*x+1: R² " + r2);
            assertEquals(EMITTED, r.get("equation").asText());
            assertEquals("learned", r.get("method").asText());
            assertEquals("test-v1", r.get("modelVersion").asText());
            assertEquals("[\"1\",\"2\",\"0\"]", r.get("coefficients").toString());
            assertEquals(
                    Arrays.toString(tokens(EMITTED)).replace(" ", ""),
                    r.get("tokenIds").toString());
            assertTrue(r.get("latencyMillis").asDouble() >= 0);
        }
    }

    @Test
    void readsStdinAndSearchesWithABeam() throws IOException {
        String line = NetworkFile.format("from-stdin", randomNetwork(NetworkLayout.DEFAULT, Activation.SIGMOID, 3));
        Path checkpoint = new CheckpointDirectory(models, 3).latestFile().orElseThrow();
        int rc = run(
                new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)),
                "decode",
                "--input",
                "-",
                "--model",
                checkpoint.toString(),
                "--beam",
                "3",
                "--method",
                "learned");
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        List<JsonNode> results = results();
        assertEquals(1, results.size());
        assertEquals("from-stdin", results.get(0).get("id").asText());
        assertEquals(EMITTED, results.get(0).get("equation").asText());
    }

    @Test
    void rejectsUnknownMethodsBadBeamsAndMissingModels() throws IOException {
        assertEquals(
                2,
                run(
                        InputStream.nullInputStream(),
                        "decode",
                        "--input",
                        "-",
                        "--model",
                        models.toString(),
                        "--method",
                        "magic"));
        assertTrue(err.toString(StandardCharsets.UTF_8)
                .contains("method must be one of [learned, analytic, taylor, hybrid], was 'magic'"));
        assertEquals(
                2,
                run(
                        InputStream.nullInputStream(),
                        "decode",
                        "--input",
                        "-",
                        "--model",
                        models.toString(),
                        "--beam",
                        "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--beam must be between 1 and 64, was 0"));
        assertEquals(
                2,
                run(
                        InputStream.nullInputStream(),
                        "decode",
                        "--input",
                        "-",
                        "--model",
                        dir.resolve("nothing-here").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no decoder model at "));
        Files.createDirectories(dir.resolve("empty"));
        assertEquals(
                2,
                run(
                        InputStream.nullInputStream(),
                        "decode",
                        "--input",
                        "-",
                        "--model",
                        dir.resolve("empty").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot load a decoder model from "));
        assertEquals(
                2,
                run(
                        InputStream.nullInputStream(),
                        "decode",
                        "--input",
                        dir.resolve("missing.jsonl").toString(),
                        "--model",
                        models.toString()));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void hybridIsTheDefaultAndVerifiesTheLearnedGuess() throws IOException {
        // a network that is exactly 1.5*x (ReLU: relu(x) - relu(-x) scaled): the model's "2*x+1" must lose
        NetworkLayout layout = new NetworkLayout(1, 2, 1);
        float[] p = new float[layout.parameterCount()];
        p[layout.weightIndex(0, 0, 0)] = 1;
        p[layout.weightIndex(0, 1, 0)] = -1;
        p[layout.weightIndex(1, 0, 0)] = 1.5f;
        p[layout.weightIndex(1, 0, 1)] = -1.5f;
        String line = NetworkFile.format("line", new Network(layout, Activation.RELU, p));
        int rc = run(
                new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)),
                "decode",
                "--input",
                "-",
                "--model",
                models.toString());
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        JsonNode r = results().get(0);
        assertEquals("1.5*x", r.get("equation").asText());
        assertEquals("hybrid", r.get("method").asText());
        assertEquals(1.0, r.get("fit").get("rSquared").asDouble(), 1e-12);
        assertTrue(r.has("runnerUp"), r.toString());

        out.reset();
        assertEquals(
                0,
                run(
                        new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)),
                        "decode",
                        "--input",
                        "-",
                        "--method",
                        "analytic",
                        "--model",
                        dir.resolve("none").toString()));
        assertEquals("1.5*x", results().get(0).get("equation").asText(), "analytic needs no model");

        out.reset();
        err.reset();
        assertEquals(
                1,
                run(
                        new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)),
                        "decode",
                        "--input",
                        "-",
                        "--method",
                        "taylor"));
        assertTrue(
                err.toString(StandardCharsets.UTF_8).contains("method taylor applies to tanh, sigmoid and softplus"),
                err.toString(StandardCharsets.UTF_8));
    }

    /** Seed 001's example x³ − 10x² − 10x − 10, its largest root 10.99247140445449, in a network trained here. */
    @Test
    void elementaryDecodesWithoutAModelAndRefusesLearnedAndTaylor() throws IOException {
        // 0.25·relu(x + 1) − 0.25·relu(−x + 1) + 2 = 0.5·x + 2 on [-1, 1]
        NetworkLayout layout = new NetworkLayout(1, 2, 1);
        float[] p = new float[layout.parameterCount()];
        p[layout.weightIndex(0, 0, 0)] = 1;
        p[layout.weightIndex(0, 1, 0)] = -1;
        p[layout.biasIndex(0, 0)] = 1;
        p[layout.biasIndex(0, 1)] = 1;
        p[layout.weightIndex(1, 0, 0)] = 0.25f;
        p[layout.weightIndex(1, 0, 1)] = -0.25f;
        p[layout.biasIndex(1, 0)] = 2;
        String line = NetworkFile.format("elem", new Network(layout, Activation.RELU, p));
        byte[] input = (line + "\n").getBytes(StandardCharsets.UTF_8);
        // no --model and no W2E_HOME needed: no model knows the family
        int rc = run(new ByteArrayInputStream(input), "decode", "--input", "-", "--family", "elementary");
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        JsonNode r = results().get(0);
        assertEquals("elem", r.get("id").asText());
        assertEquals("0.5*x+2", r.get("equation").asText());
        assertEquals("hybrid", r.get("method").asText());
        assertTrue(r.get("fit").get("rSquared").asDouble() > 1 - 1e-9, r.toString());
        assertTrue(r.get("runnerUp").has("equation"), r.toString());

        for (String method : List.of("learned", "taylor")) {
            err.reset();
            int refused = run(
                    new ByteArrayInputStream(input),
                    "decode",
                    "--input",
                    "-",
                    "--family",
                    "elementary",
                    "--method",
                    method,
                    "--model",
                    models.toString());
            assertEquals(2, refused, method);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("--method " + method), err.toString());
        }
    }

    @Test
    void aCubicDecodesWithItsLargestRoot() throws IOException {
        DeterministicRandom random = DeterministicRandom.ofSeed(3);
        float[] x = new float[5000];
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * random.nextDouble() - 1);
            y[i] = (float) (x[i] * x[i] * x[i] - 10 * x[i] * x[i] - 10 * x[i] - 10.0);
        }
        Network trained;
        try (TrainingBackend backend = CpuBackends.best(1)) {
            trained = new NetworkTrainer(backend, TrainingConfig.defaults())
                    .train(List.of(new TrainingTask("seed-001", x, y, 1)))
                    .get(0)
                    .network();
        }
        String line = NetworkFile.format("seed-001", trained);
        for (String method : List.of("analytic", "hybrid")) {
            out.reset();
            int rc = run(
                    new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)),
                    "decode",
                    "--input",
                    "-",
                    "--family",
                    "cubic",
                    "--method",
                    method,
                    "--model",
                    models.toString());
            assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
            JsonNode r = results().get(0);
            assertEquals("1*x*x*x-10*x*x-10*x-10", r.get("equation").asText(), method);
            assertEquals(10.99247140445449, r.get("largestRoot").asDouble(), 1e-12, method);
            assertEquals(
                    List.of("id", "equation", "largestRoot"),
                    iterate(r.fieldNames()).subList(0, 3));
        }
        out.reset();
        run(
                new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)),
                "decode",
                "--input",
                "-",
                "--method",
                "analytic");
        assertTrue(!results().get(0).has("largestRoot"), "only the cubic family reports a root");
    }

    static List<String> iterate(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
