package io.weights2eq.trainer;

import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.schema.dlq.DeadLetterPublisher;
import io.weights2eq.trainer.engine.TrainerListener;
import io.weights2eq.trainer.engine.WorkerSettings;
import io.weights2eq.trainer.inbound.kafka.EquationConsumerLoop;
import io.weights2eq.trainer.outbound.kafka.NetworkPublisher;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A trainer worker outside Quarkus, wired exactly as the service wires it, for multi-instance tests. */
final class WorkerHarness implements AutoCloseable {
    /** Small enough to train thousands of networks in seconds; the service defaults are tested elsewhere. */
    static final TrainingConfig SMALL =
            TrainingConfig.defaults().withSteps(30).withSamples(200, 100, 50).withQualityGate(1e-3, 0);

    final EquationConsumerLoop loop;
    private final NetworkPublisher publisher;
    private final DeadLetterPublisher deadLetters;
    private final TrainingBackend backend;

    WorkerHarness(
            String bootstrap,
            String group,
            String instance,
            TrainingBackend backend,
            Map<String, Object> extraConsumerConfig) {
        Map<String, Object> kafka = new HashMap<>(extraConsumerConfig);
        kafka.put("bootstrap.servers", bootstrap);
        this.backend = backend;
        this.publisher = new NetworkPublisher(Map.of("bootstrap.servers", bootstrap), instance + "-networks");
        this.deadLetters = new DeadLetterPublisher(Map.of("bootstrap.servers", bootstrap), instance);
        WorkerSettings settings = new WorkerSettings(
                group,
                instance,
                128,
                Duration.ofMillis(300),
                Duration.ofMillis(100),
                1,
                io.weights2eq.domain.equation.SampleSpec.MAX_COUNT);
        this.loop = new EquationConsumerLoop(
                        kafka,
                        settings,
                        new NetworkTrainer(backend, SMALL),
                        publisher,
                        deadLetters,
                        TrainerListener.NONE)
                .start();
    }

    void awaitPartitions(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (loop.assignedPartitions().size() != count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (loop.assignedPartitions().size() != count) {
            throw new AssertionError(
                    loop.instanceId() + " has " + loop.assignedPartitions() + ", expected " + count + " partitions");
        }
    }

    @Override
    public void close() {
        loop.close();
        publisher.close();
        deadLetters.close();
        backend.close();
    }
}
