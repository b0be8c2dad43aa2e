package io.weights2eq.decoder.outbound.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.weights2eq.decoder.engine.DecodeListener;
import io.weights2eq.decoder.engine.ServingModel;
import io.weights2eq.decoder.engine.TrainingListener;
import io.weights2eq.domain.decoding.DecodingMetrics;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Micrometer meters of the decoder, exported at {@code /q/metrics}. */
@Singleton
public class DecoderMetrics implements DecodeListener, TrainingListener {
    private final MeterRegistry registry;
    private final Map<Source, Map<Outcome, Counter>> requests = new EnumMap<>(Source.class);
    private final Map<Source, Timer> latency = new EnumMap<>(Source.class);
    private final AtomicLong steps = new AtomicLong();
    private final AtomicLong examplesSeen = new AtomicLong();
    private final AtomicLong bufferSize = new AtomicLong();
    private final AtomicLong validationSize = new AtomicLong();
    private final Counter checkpoints;
    private final Counter swaps;
    private volatile double loss = Double.NaN;
    private volatile double validationExactMatch = Double.NaN;
    private volatile double validationTokenAccuracy = Double.NaN;
    private Gauge modelInfo;
    private volatile boolean trainingFinished;

    @Inject
    public DecoderMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Source source : Source.values()) {
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(
                        outcome,
                        Counter.builder("w2e.decoder.requests")
                                .description("Decode requests by source (rest, kafka, networks) and outcome")
                                .tags("source", name(source), "outcome", name(outcome))
                                .register(registry));
            }
            requests.put(source, byOutcome);
            latency.put(
                    source,
                    Timer.builder("w2e.decoder.latency")
                            .description("Time to decode one network (successful decodes)")
                            .tags("source", name(source))
                            .publishPercentiles(0.5, 0.9, 0.99)
                            .publishPercentileHistogram()
                            .minimumExpectedValue(Duration.ofMillis(1))
                            .maximumExpectedValue(Duration.ofSeconds(10))
                            .register(registry));
        }
        Gauge.builder("w2e.decoder.training.loss", this, m -> m.loss)
                .description("Mean token cross-entropy of the last 100 training steps")
                .register(registry);
        Gauge.builder("w2e.decoder.validation.exact.match", this, m -> m.validationExactMatch)
                .description("Exact match of the latest checkpoint on the validation slice")
                .register(registry);
        Gauge.builder("w2e.decoder.validation.token.accuracy", this, m -> m.validationTokenAccuracy)
                .description("Token accuracy of the latest checkpoint on the validation slice")
                .register(registry);
        Gauge.builder("w2e.decoder.training.finished", this, m -> m.trainingFinished ? 1 : 0)
                .description("1 once training reached its time limit and stopped")
                .register(registry);
        Gauge.builder("w2e.decoder.training.steps", steps, AtomicLong::get)
                .description("Optimiser steps taken, including those of the checkpoint resumed from")
                .register(registry);
        Gauge.builder("w2e.decoder.examples.seen", examplesSeen, AtomicLong::get)
                .description("Examples trained on, including those of the checkpoint resumed from")
                .register(registry);
        Gauge.builder("w2e.decoder.replay.buffer.size", bufferSize, AtomicLong::get)
                .description("Examples in the replay buffer")
                .register(registry);
        Gauge.builder("w2e.decoder.validation.examples", validationSize, AtomicLong::get)
                .description("Examples in the validation set")
                .register(registry);
        checkpoints = Counter.builder("w2e.decoder.checkpoints")
                .description("Checkpoints written")
                .register(registry);
        swaps = Counter.builder("w2e.decoder.model.swaps")
                .description("Trained models swapped into serving")
                .register(registry);
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void decoded(Source source, Outcome outcome, long nanos) {
        requests.get(source).get(outcome).increment();
        if (outcome == Outcome.OK) {
            latency.get(source).record(Duration.ofNanos(nanos));
        }
    }

    @Override
    public void finished(long steps) {
        trainingFinished = true;
    }

    @Override
    public void stepped(long steps, long examplesSeen, double recentLoss) {
        this.steps.set(steps);
        this.examplesSeen.set(examplesSeen);
        this.loss = recentLoss;
    }

    @Override
    public void evaluated(String version, Map<String, Double> metrics, boolean swapped) {
        validationExactMatch = metrics.getOrDefault(DecodingMetrics.EXACT_MATCH, Double.NaN);
        validationTokenAccuracy = metrics.getOrDefault(DecodingMetrics.TOKEN_ACCURACY, Double.NaN);
        checkpoints.increment();
        if (swapped) {
            swaps.increment();
        }
    }

    @Override
    public void buffered(int bufferSize, int validationSize) {
        this.bufferSize.set(bufferSize);
        this.validationSize.set(validationSize);
    }

    /** {@code w2e_decoder_model_info{version=…,source=…}}: the serving model (value = its training step). */
    public synchronized void modelSwapped(ServingModel.Loaded model) {
        if (modelInfo != null) {
            registry.remove(modelInfo);
        }
        long step = model.checkpoint().step();
        modelInfo = Gauge.builder("w2e.decoder.model.info", () -> step)
                .description("The model being served (value: its training step)")
                .tags(Tags.of("version", model.version(), "source", model.source()))
                .register(registry);
    }
}
