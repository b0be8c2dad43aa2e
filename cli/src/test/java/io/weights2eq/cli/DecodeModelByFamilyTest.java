package io.weights2eq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.weights2eq.domain.decoding.CheckpointFormat;
import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.domain.decoding.TransformerWeights;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.NetworkFile;
import io.weights2eq.domain.network.NetworkLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code decode --family F} with a {@code models/} directory reads F's shipped model (ShippedModels). */
class DecodeModelByFamilyTest {
    @TempDir
    Path dir;

    @Test
    void theFamilyPicksItsModelFromTheModelsDirectory() throws IOException {
        Path models = Files.createDirectories(dir.resolve("models"));
        write(models.resolve("decoder-default.w2ed"), "servant-model");
        write(models.resolve("decoder-cubic.w2ed"), "cubic-model");
        Path input = dir.resolve("networks.jsonl");
        Files.writeString(
                input,
                NetworkFile.format("net", DecodeCommandTest.randomNetwork(NetworkLayout.DEFAULT, Activation.RELU, 1))
                        + "\n");
        assertEquals("cubic-model", modelVersion(models, input, "cubic"));
        assertEquals("servant-model", modelVersion(models, input, "servant"));
    }

    private static void write(Path file, String version) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            CheckpointFormat.write(
                    new DecoderCheckpoint(
                            version,
                            1,
                            0,
                            0,
                            new TransformerWeights(
                                    DecodeCommandTest.CONFIG, DecodeCommandTest.emitting(DecodeCommandTest.EMITTED)),
                            Map.of(),
                            Map.of()),
                    out);
        }
    }

    private static String modelVersion(Path models, Path input, String family) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = W2eCli.run(
                new String[] {
                    "decode",
                    "--input",
                    input.toString(),
                    "--model",
                    models.toString(),
                    "--method",
                    "learned",
                    "--family",
                    family
                },
                InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        return new ObjectMapper()
                .readTree(out.toString(StandardCharsets.UTF_8).strip())
                .get("modelVersion")
                .asText();
    }
}
