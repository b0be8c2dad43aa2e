package io.weights2eq.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingTask;
import io.weights2eq.schema.serde.FloatArrayList;
import io.weights2eq.trainer.engine.TrainingBackends;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backend is chosen by configuration, and each choice trains the same network to the same figures. */
class TrainingBackendsTest {

    @Test
    void kernelScalarAndDjlAreSelectableAndAgree() {
        var eq = EquationFixtures.equation("backends", 3, 300);
        TrainingTask task = new TrainingTask(
                eq.getId(), FloatArrayList.toFloatArray(eq.getX()), FloatArrayList.toFloatArray(eq.getY()), 1);
        double[] mse = new double[3];
        String[] names = {"kernel", "scalar", "djl"};
        for (int i = 0; i < names.length; i++) {
            try (TrainingBackend backend = TrainingBackends.create(names[i], 1, "cpu")) {
                List<TrainedNetwork> trained = new NetworkTrainer(backend, WorkerHarness.SMALL).train(List.of(task));
                mse[i] = trained.get(0).validationMse();
                if (names[i].equals("djl")) {
                    assertEquals("djl-pytorch", backend.name());
                }
            }
        }
        assertEquals(mse[1], mse[0], 0.0, "kernel = scalar, bit for bit, for relu");
        assertEquals(mse[0], mse[2], 1e-3 * mse[0] + 1e-7, "DJL within float tolerance of the kernel");
    }

    @Test
    void anUnknownBackendNamesTheKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingBackends.create("tpu", 1, "cpu"));
        assertTrue(e.getMessage().contains("w2e.trainer.backend"), e.getMessage());
    }
}
