package io.weights2eq.decoder.engine;

import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.domain.decoding.DecoderTrainer;
import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.domain.decoding.TransformerConfig;
import io.weights2eq.domain.decoding.TransformerWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A DecoderTrainer that records what it was given and returns tiny random weights. */
public final class FakeTrainer implements DecoderTrainer {
    static final TransformerConfig TINY = io.weights2eq.decoder.Fixtures.TINY;

    final List<String> trainedOn = new ArrayList<>();
    long steps;
    long examplesSeen;
    String restoredFrom;
    boolean closed;

    static TransformerWeights weights(long seed) {
        return io.weights2eq.decoder.Fixtures.tinyWeights(seed);
    }

    static DecoderCheckpoint checkpoint(String version, long step, Map<String, Double> metrics) {
        return new DecoderCheckpoint(
                version, step, step * 8, 1_000L, weights(step), Map.of("adam.m", new float[] {1, 2, 3}), metrics);
    }

    @Override
    public double step(List<TrainingExample> batch) {
        batch.forEach(e -> trainedOn.add(e.equationId()));
        steps++;
        examplesSeen += batch.size();
        return 3.0 / steps;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public long examplesSeen() {
        return examplesSeen;
    }

    @Override
    public DecoderCheckpoint checkpoint(String version, Map<String, Double> metrics) {
        return new DecoderCheckpoint(
                version, steps, examplesSeen, 0L, weights(steps), Map.of("adam.m", new float[] {steps}), metrics);
    }

    @Override
    public void restore(DecoderCheckpoint checkpoint) {
        restoredFrom = checkpoint.version();
        steps = checkpoint.step();
        examplesSeen = checkpoint.examplesSeen();
    }

    @Override
    public void close() {
        closed = true;
    }
}
