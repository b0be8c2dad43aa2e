package io.weights2eq.decoder;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.weights2eq.domain.decoding.CheckpointDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fresh directories for every test application: the Kafka Streams state, the training checkpoints, and a "shipped"
 * model directory holding one tiny random-weight checkpoint ({@value #SHIPPED_VERSION}) that is served at start.
 */
public class DecoderTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String SHIPPED_VERSION = "tiny-test-1";

    private static volatile Path checkpoints;
    private Path root;

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("decoder-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path models = root.resolve("models");
        new CheckpointDirectory(models, 5).write(Fixtures.tinyCheckpoint(SHIPPED_VERSION, 1));
        checkpoints = root.resolve("checkpoints");
        return Map.of(
                "w2e.decoder.model", models.toString(),
                "w2e.decoder.training.checkpoint-dir", checkpoints.toString(),
                "kafka-streams.state.dir", root.resolve("streams").toString());
    }

    /** The training checkpoint directory of the running test application. */
    public static Path checkpoints() {
        return checkpoints;
    }

    @Override
    public void stop() {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
