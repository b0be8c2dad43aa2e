package io.weights2eq.trainer.outbound.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.trainer.engine.TrainerListener;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/** Micrometer meters of the trainer, exported at {@code /q/metrics}. */
@Singleton
public class TrainerMetrics implements TrainerListener {
    private final Counter trained;
    private final Counter converged;
    private final Counter rejected;
    private final Timer batchTime;
    private final AtomicLong lag = new AtomicLong();
    private final DoubleAdder trainedTotal = new DoubleAdder();
    private final DoubleAdder convergedTotal = new DoubleAdder();
    private volatile double lastRate;

    @Inject
    public TrainerMetrics(MeterRegistry registry) {
        trained = Counter.builder("w2e.trainer.networks.trained")
                .description("Networks trained and published")
                .register(registry);
        converged = Counter.builder("w2e.trainer.networks.converged")
                .description("Networks that met the quality target")
                .register(registry);
        rejected = Counter.builder("w2e.trainer.equations.rejected")
                .description("Equations sent to equations.dlq")
                .register(registry);
        batchTime = Timer.builder("w2e.trainer.batch.duration")
                .description("Time to train and publish one micro-batch")
                .register(registry);
        Gauge.builder("w2e.trainer.consumer.lag", lag, AtomicLong::get)
                .description("Equations waiting in this worker's partitions")
                .register(registry);
        Gauge.builder(
                        "w2e.trainer.convergence.rate",
                        this,
                        m -> m.trainedTotal.sum() == 0 ? Double.NaN : m.convergedTotal.sum() / m.trainedTotal.sum())
                .description("Fraction of networks that met the quality target")
                .register(registry);
        Gauge.builder("w2e.trainer.rate", this, m -> m.lastRate)
                .baseUnit("networks per second")
                .description("Networks per second of the last micro-batch")
                .register(registry);
    }

    @Override
    public void batchTrained(List<TrainedNetwork> networks, long nanos) {
        long ok = networks.stream().filter(TrainedNetwork::converged).count();
        trained.increment(networks.size());
        converged.increment(ok);
        trainedTotal.add(networks.size());
        convergedTotal.add(ok);
        batchTime.record(Duration.ofNanos(nanos));
        lastRate = nanos == 0 ? 0 : networks.size() * 1e9 / nanos;
    }

    @Override
    public void rejected(String reason) {
        rejected.increment();
    }

    @Override
    public void lag(long records) {
        lag.set(records);
    }
}
