package io.weights2eq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.NetworkLayout;
import org.junit.jupiter.api.Test;

class TrainerBenchmarkTest {

    @Test
    void flopPerSampleIsThePeersCount() {
        // peer/README: matmuls 256 + 256 + 240, biases 24 + 24, tanh 23 + backward 69, loss 5
        assertEquals(897, TrainerBenchmark.flopPerSample(NetworkLayout.DEFAULT, Activation.TANH));
        assertEquals(851, TrainerBenchmark.flopPerSample(NetworkLayout.DEFAULT, Activation.RELU));
    }

    @Test
    void samplesTrainedCountsTheSmallerLastMinibatch() {
        assertEquals(500_000, TrainerBenchmark.samplesTrained(1000, 4000, 500));
        // 1000 samples in minibatches of 300: 300, 300, 300, 100 per epoch
        assertEquals(1000 + 600, TrainerBenchmark.samplesTrained(6, 1000, 300));
        assertEquals(2000, TrainerBenchmark.samplesTrained(8, 1000, 300));
    }

    @Test
    void quantilesInterpolateLikeNumpy() {
        double[] v = {5, 1, 4, 2, 3};
        assertEquals(3, TrainerBenchmark.quantile(v, 0.5), 1e-12);
        assertEquals(4.6, TrainerBenchmark.quantile(v, 0.9), 1e-12); // numpy.quantile([1..5], 0.9)
        assertEquals(2.5, TrainerBenchmark.quantile(new double[] {1, 2, 3, 4}, 0.5), 1e-12);
    }

    @Test
    void optionsAreParsedAndCheckedFromTheirDeclaration() {
        TrainerBenchmark.Options o =
                TrainerBenchmark.Options.parse(new String[] {"--steps", "7", "--engines", "ours,djl"});
        assertEquals(7, o.steps);
        assertEquals(java.util.List.of("ours", "djl"), o.engines);
        assertEquals(256, o.equations);
        org.junit.jupiter.api.Assertions.assertNull(TrainerBenchmark.Options.parse(new String[] {"--help"}));
        org.junit.jupiter.api.Assertions.assertThrows(
                picocli.CommandLine.ParameterException.class,
                () -> TrainerBenchmark.Options.parse(new String[] {"--train", "6000"}));
        org.junit.jupiter.api.Assertions.assertThrows(
                picocli.CommandLine.ParameterException.class,
                () -> TrainerBenchmark.Options.parse(new String[] {"--stepz", "7"}));
    }
}
