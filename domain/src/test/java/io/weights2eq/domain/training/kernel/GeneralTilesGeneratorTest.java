package io.weights2eq.domain.training.kernel;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The checked-in GeneralTiles is exactly what its generator writes (nobody edited it by hand). */
class GeneralTilesGeneratorTest {

    @Test
    void checkedInSourceIsTheGeneratorsOutput() throws IOException {
        DefaultLayoutKernelGeneratorTest.assertUpToDate("GeneralTiles", GeneralTilesGenerator.source());
    }
}
