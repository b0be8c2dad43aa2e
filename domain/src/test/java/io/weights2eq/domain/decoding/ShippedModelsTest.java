package io.weights2eq.domain.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedModelsTest {
    @TempDir
    Path dir;

    @Test
    void eachFamilyGetsItsOwnFileFromAModelsDirectory() throws IOException {
        Files.writeString(dir.resolve("decoder-default.w2ed"), "x");
        Files.writeString(dir.resolve("decoder-cubic.w2ed"), "x");
        assertEquals(dir.resolve("decoder-cubic.w2ed"), ShippedModels.forFamily(dir, "cubic"));
        assertEquals(dir.resolve("decoder-default.w2ed"), ShippedModels.forFamily(dir, "servant"));
        assertEquals(dir.resolve("decoder-default.w2ed"), ShippedModels.forFamily(dir, "uniform-length"));
    }

    @Test
    void aFileOrADirectoryWithoutTheFamilysFileIsTakenAsGiven() throws IOException {
        Files.writeString(dir.resolve("decoder-000000000500-s500.w2ed"), "x");
        assertEquals(dir, ShippedModels.forFamily(dir, "cubic"));
        Path file = dir.resolve("decoder-000000000500-s500.w2ed");
        assertEquals(file, ShippedModels.forFamily(file, "cubic"));
        assertEquals(dir.resolve("missing"), ShippedModels.forFamily(dir.resolve("missing"), "servant"));
    }
}
