package io.weights2eq.generator.outbound.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.weights2eq.generator.engine.JobManager;
import io.weights2eq.generator.engine.JobStatus;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Micrometer meters of the generator, exported at {@code /q/metrics}. */
@Singleton
public class GeneratorMetrics {
    private final MeterRegistry registry;
    private final Instance<JobManager> jobs;
    private final Counter equations;
    private final Counter sampleBytes;
    private final Set<String> jobGauges = ConcurrentHashMap.newKeySet();

    @Inject
    public GeneratorMetrics(MeterRegistry registry, Instance<JobManager> jobs) {
        this.registry = registry;
        this.jobs = jobs;
        this.equations = Counter.builder("w2e.generator.equations.acknowledged")
                .description("Equations acknowledged by the broker")
                .register(registry);
        this.sampleBytes = Counter.builder("w2e.generator.sample.bytes.acknowledged")
                .baseUnit("bytes")
                .description("Bytes of sample data (x and y float32) acknowledged by the broker")
                .register(registry);
        Gauge.builder(
                        "w2e.generator.jobs.running",
                        this,
                        m -> m.jobs.get().runningJobIds().size())
                .description("Jobs producing now")
                .register(registry);
        Gauge.builder(
                        "w2e.generator.rate",
                        this,
                        m -> m.jobs.get().all().stream()
                                .mapToDouble(JobStatus::ratePerSecond)
                                .sum())
                .baseUnit("equations per second")
                .description("Acknowledged equations per second over the last 5 s")
                .register(registry);
    }

    public void acknowledged(String jobId, long bytes) {
        equations.increment();
        sampleBytes.increment(bytes);
        if (jobGauges.add(jobId)) {
            Gauge.builder(
                            "w2e.generator.job.progress",
                            this,
                            m -> m.jobs.get()
                                    .status(jobId)
                                    .map(s -> (double) s.acknowledgedWatermark() / s.total())
                                    .orElse(Double.NaN))
                    .tag("job", jobId)
                    .description("Fraction of the job's equations acknowledged")
                    .register(registry);
        }
    }
}
