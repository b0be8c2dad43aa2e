package io.weights2eq.domain.training.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checked-in DefaultLayoutKernel is exactly what its generator writes (nobody edited it by hand). */
class DefaultLayoutKernelGeneratorTest {

    @Test
    void checkedInSourceIsTheGeneratorsOutput() throws IOException {
        assertUpToDate("DefaultLayoutKernel", DefaultLayoutKernelGenerator.source());
    }

    /** The checked-in generated class {@code name} equals {@code generated}. */
    static void assertUpToDate(String name, String generated) throws IOException {
        Path source = Path.of("src/generated/java/io/weights2eq/domain/training/kernel/" + name + ".java");
        assertEquals(
                generated,
                Files.readString(source, StandardCharsets.UTF_8),
                "regenerate with " + name + "Generator (see its class comment)");
    }
}
