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
        Path source = Path.of("src/generated/java/io/weights2eq/domain/training/kernel/DefaultLayoutKernel.java");
        assertEquals(DefaultLayoutKernelGenerator.source(), Files.readString(source, StandardCharsets.UTF_8),
                "regenerate with DefaultLayoutKernelGenerator (see its class comment)");
    }
}
