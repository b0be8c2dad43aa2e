package io.weights2eq.decoder.engine;

import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.domain.decoding.DecodingMetrics;
import io.weights2eq.domain.decoding.LearnedDecoder;
import io.weights2eq.domain.decoding.TrainingExample;
import java.util.List;
import java.util.Map;

/** Measures a checkpoint on the validation examples: {@link DecodingMetrics} names. */
@FunctionalInterface
public interface Evaluator {

    Map<String, Double> evaluate(DecoderCheckpoint checkpoint, List<TrainingExample> validation);

    /** Greedy decoding of every example with the checkpoint's weights, scored by {@link DecodingMetrics}. */
    static Evaluator greedy() {
        return (checkpoint, validation) -> {
            LearnedDecoder decoder = new LearnedDecoder(checkpoint.forServing(), 1);
            DecodingMetrics metrics = new DecodingMetrics();
            for (TrainingExample example : validation) {
                metrics.add(example.target(), decoder.decode(example.network()));
            }
            return metrics.summary();
        };
    }
}
