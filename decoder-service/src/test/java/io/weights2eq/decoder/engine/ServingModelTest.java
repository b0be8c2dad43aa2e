package io.weights2eq.decoder.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.decoder.Fixtures;
import io.weights2eq.domain.decoding.CheckpointDirectory;
import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.LearnedDecoder;
import io.weights2eq.domain.decoding.NoModelLoadedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingModelTest {
    @TempDir
    Path dir;

    @Test
    void atStartTheTrainingDirectoryWinsOverTheShippedModel() {
        Path training = dir.resolve("training");
        Path shipped = dir.resolve("models");
        new CheckpointDirectory(shipped, 5).write(FakeTrainer.checkpoint("shipped", 100, Map.of()));
        ServingModel serving = new ServingModel();
        assertEquals(
                "shipped",
                serving.loadInitial(Optional.of(training), Optional.of(shipped))
                        .orElseThrow()
                        .version());

        new CheckpointDirectory(training, 5).write(FakeTrainer.checkpoint("s5-20261122000000", 5, Map.of()));
        new CheckpointDirectory(training, 5).write(FakeTrainer.checkpoint("s10-20261122000001", 10, Map.of()));
        ServingModel restarted = new ServingModel();
        ServingModel.Loaded loaded = restarted
                .loadInitial(Optional.of(training), Optional.of(shipped))
                .orElseThrow();
        assertEquals("s10-20261122000001", loaded.version());
        assertTrue(loaded.source().endsWith(".w2ed"), loaded.source());
        assertTrue(loaded.checkpoint().optimizerState().isEmpty(), "serving drops the optimiser state");
    }

    @Test
    void atStartTheBestRecordedExactMatchServesNotMerelyTheNewest() {
        Path training = dir.resolve("training");
        Path shipped = dir.resolve("models");
        new CheckpointDirectory(shipped, 5).write(FakeTrainer.checkpoint("shipped", 100, Map.of("exactMatch", 0.5)));
        CheckpointDirectory own = new CheckpointDirectory(training, 5);
        own.write(FakeTrainer.checkpoint("s110-20261122000000", 110, Map.of("exactMatch", 0.6)));
        own.write(FakeTrainer.checkpoint("s120-20261122000001", 120, Map.of("exactMatch", 0.1)));
        own.write(FakeTrainer.checkpoint("s130-20261122000002", 130, Map.of("exactMatch", Double.NaN)));
        assertEquals(
                "s110-20261122000000",
                new ServingModel()
                        .loadInitial(Optional.of(training), Optional.of(shipped))
                        .orElseThrow()
                        .version());

        Path worseOnly = dir.resolve("worse");
        new CheckpointDirectory(worseOnly, 5)
                .write(FakeTrainer.checkpoint("s140-20261122000003", 140, Map.of("exactMatch", 0.2)));
        assertEquals(
                "shipped",
                new ServingModel()
                        .loadInitial(Optional.of(worseOnly), Optional.of(shipped))
                        .orElseThrow()
                        .version());
    }

    @Test
    void aShippedCheckpointFileIsServed() throws Exception {
        Path file = new CheckpointDirectory(dir, 5).write(FakeTrainer.checkpoint("file-1", 3, Map.of()));
        ServingModel serving = new ServingModel();
        assertEquals(
                "file-1",
                serving.loadInitial(Optional.empty(), Optional.of(file))
                        .orElseThrow()
                        .version());
    }

    @Test
    void withoutAnyModelNothingIsServedAndDecodingSaysSo() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        ServingModel serving = new ServingModel();
        assertEquals(
                Optional.empty(),
                serving.loadInitial(Optional.of(dir.resolve("none")), Optional.of(dir.resolve("empty"))));
        assertEquals(Optional.empty(), serving.loadInitial(Optional.empty(), Optional.of(dir.resolve("missing"))));
        assertFalse(serving.loaded());
        DecodeEngine engine = new DecodeEngine(serving, 1, 16, DecodeListener.NONE);
        NoModelLoadedException e = assertThrows(
                NoModelLoadedException.class,
                () -> engine.decode(Fixtures.domainNetwork(1), null, DecodeListener.Source.REST));
        assertEquals("no decoder model loaded yet", e.getMessage());
    }

    @Test
    void aSwapReplacesTheModelAtomicallyAndDecodersFollowIt() {
        ServingModel serving = new ServingModel();
        List<String> seen = new ArrayList<>();
        serving.onSwap(m -> seen.add(m.version()));
        ServingModel.Loaded first = serving.swap(FakeTrainer.checkpoint("a", 1, Map.of()), "test");
        LearnedDecoder beam4 = first.decoder(4);
        assertSame(beam4, first.decoder(4), "one decoder per beam width and model");
        assertEquals(4, beam4.beamWidth());
        serving.swap(FakeTrainer.checkpoint("b", 2, Map.of()), "test");
        assertEquals("b", serving.require().version());
        assertEquals("b", serving.require().decoder(4).version());
        assertEquals(List.of("a", "b"), seen);
    }

    @Test
    void theEngineDecodesWithTheServingModelAndChecksTheBeam() {
        ServingModel serving = new ServingModel();
        serving.swap(FakeTrainer.checkpoint("tiny-1", 1, Map.of()), "test");
        List<String> events = new ArrayList<>();
        DecodeEngine engine =
                new DecodeEngine(serving, 1, 4, (source, outcome, nanos) -> events.add(source + ":" + outcome));
        DecodeEngine.Result result = engine.decode(Fixtures.domainNetwork(3), null, DecodeListener.Source.REST);
        DecodedEquation decoded = result.equation();
        assertEquals("tiny-1", decoded.modelVersion());
        assertEquals("learned", decoded.method());
        assertTrue(decoded.tokenIds().length >= 1 && decoded.tokenIds().length <= 24);
        assertTrue(result.nanos() > 0);
        engine.decode(Fixtures.domainNetwork(3), 3, DecodeListener.Source.KAFKA);
        assertThrows(
                IllegalArgumentException.class,
                () -> engine.decode(Fixtures.domainNetwork(3), 5, DecodeListener.Source.REST));
        assertEquals(List.of("REST:OK", "KAFKA:OK", "REST:INVALID"), events);
    }
}
