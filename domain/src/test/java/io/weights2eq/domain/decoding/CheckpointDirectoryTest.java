package io.weights2eq.domain.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointDirectoryTest {

    private static List<String> allFileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> writeSteps(CheckpointDirectory directory, long... steps) {
        return Arrays.stream(steps)
                .mapToObj(s -> directory.write(CheckpointFormatTest.checkpoint(s, "v" + s)))
                .toList();
    }

    @Test
    void keepsTheNewestAndLeavesNoTemporaryFiles(@TempDir Path root) throws IOException {
        Path dir = root.resolve("nested/checkpoints"); // created on first write
        CheckpointDirectory directory = new CheckpointDirectory(dir, 3);
        List<Path> written = writeSteps(directory, 1, 2, 9, 10, 100);
        assertEquals(dir.resolve("decoder-000000000100-v100.w2ed"), written.get(4));
        assertEquals(
                List.of(
                        "decoder-000000000009-v9.w2ed",
                        "decoder-000000000010-v10.w2ed",
                        "decoder-000000000100-v100.w2ed"),
                allFileNames(dir),
                "exactly the 3 newest, no temp files");
        assertEquals(written.subList(2, 5), directory.list());
        assertEquals(written.get(4), directory.latestFile().orElseThrow());
        DecoderCheckpoint latest = directory.latest().orElseThrow();
        assertEquals(100, latest.step());
        assertEquals("v100", latest.version());
        CheckpointFormatTest.assertSameCheckpoint(CheckpointFormatTest.checkpoint(100, "v100"), latest);
    }

    @Test
    void aDamagedNewestCheckpointIsSkipped(@TempDir Path dir) throws IOException {
        CheckpointDirectory directory = new CheckpointDirectory(dir, 5);
        List<Path> written = writeSteps(directory, 3, 4, 5);
        Path newest = written.get(2);
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(newest, directory.latestFile().orElseThrow(), "the file is still listed");
        assertEquals(4, directory.latest().orElseThrow().step());
        assertEquals(4, CheckpointDirectory.load(dir).step());
        assertEquals(3, CheckpointDirectory.load(written.get(0)).step());
        assertThrows(IOException.class, () -> CheckpointDirectory.load(newest));

        // all damaged: nothing readable
        for (Path p : written) {
            Files.write(p, new byte[] {'x', '\n'});
        }
        assertTrue(directory.latest().isEmpty());
        IOException e = assertThrows(IOException.class, () -> CheckpointDirectory.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void loadsAFileOrTheLatestOfADirectory(@TempDir Path dir) throws IOException {
        CheckpointDirectory directory = new CheckpointDirectory(dir, 2);
        List<Path> written = writeSteps(directory, 7, 8);
        assertEquals(8, CheckpointDirectory.load(dir).step());
        assertEquals(7, CheckpointDirectory.load(written.get(0)).step());
        assertEquals("v7", CheckpointDirectory.load(written.get(0)).version());
    }

    @Test
    void rewritingTheSameStepReplacesTheFile(@TempDir Path dir) throws IOException {
        CheckpointDirectory directory = new CheckpointDirectory(dir, 3);
        directory.write(CheckpointFormatTest.checkpoint(1, "same"));
        directory.write(CheckpointFormatTest.checkpoint(1, "same"));
        assertEquals(List.of("decoder-000000000001-same.w2ed"), allFileNames(dir));
    }

    @Test
    void emptyOrMissingDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not a checkpoint");
        CheckpointDirectory directory = new CheckpointDirectory(dir, 1);
        assertTrue(directory.list().isEmpty());
        assertTrue(directory.latestFile().isEmpty());
        assertTrue(directory.latest().isEmpty());
        IOException e = assertThrows(IOException.class, () -> CheckpointDirectory.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(CheckpointFormat.EXTENSION), e.getMessage());

        CheckpointDirectory missing = new CheckpointDirectory(dir.resolve("absent"), 1);
        assertTrue(missing.list().isEmpty());
        assertTrue(missing.latest().isEmpty());
        assertThrows(IOException.class, () -> CheckpointDirectory.load(dir.resolve("absent")));
    }

    @Test
    void keepMustBePositive(@TempDir Path dir) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new CheckpointDirectory(dir, 0));
        assertTrue(e.getMessage().contains("keep"), e.getMessage());
    }
}
