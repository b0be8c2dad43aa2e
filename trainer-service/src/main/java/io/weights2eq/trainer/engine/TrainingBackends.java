package io.weights2eq.trainer.engine;

import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.kernel.CpuBackends;
import io.weights2eq.domain.training.kernel.ScalarBackend;
import io.weights2eq.training.djl.DjlBackendConfig;
import io.weights2eq.training.djl.DjlTrainingBackend;
import java.util.Locale;

/** Chooses the training backend by configuration ({@code w2e.trainer.backend}). */
public final class TrainingBackends {
    private TrainingBackends() {}

    public static TrainingBackend create(String name, int threads, String djlDevice) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "kernel" -> CpuBackends.best(threads);
            case "scalar" -> new ScalarBackend();
            case "djl" -> {
                DjlBackendConfig d = DjlBackendConfig.defaults();
                yield new DjlTrainingBackend(new DjlBackendConfig(
                        djlDevice, d.intraOpThreads(), d.workers(), d.maxBatch(), d.gather(), d.gradients()));
            }
            default ->
                throw new IllegalArgumentException(
                        "w2e.trainer.backend must be kernel, scalar or djl, was '" + name + "'");
        };
    }
}
