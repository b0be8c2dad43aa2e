package io.weights2eq.domain.training.kernel;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The checked-in ExpActivations is exactly what its generator writes (nobody edited it by hand). */
class ExpActivationsGeneratorTest {

    @Test
    void checkedInSourceIsTheGeneratorsOutput() throws IOException {
        DefaultLayoutKernelGeneratorTest.assertUpToDate("ExpActivations", ExpActivationsGenerator.source());
    }
}
