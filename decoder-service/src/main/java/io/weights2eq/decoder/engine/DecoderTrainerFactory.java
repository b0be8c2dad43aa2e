package io.weights2eq.decoder.engine;

import io.weights2eq.domain.decoding.DecoderTrainer;
import io.weights2eq.domain.decoding.DecoderTrainingOptions;
import io.weights2eq.domain.decoding.TransformerConfig;

/** Creates the trainer (port; the service uses the DJL one). Called on the training thread, which alone uses it. */
@FunctionalInterface
public interface DecoderTrainerFactory {
    DecoderTrainer create(TransformerConfig config, DecoderTrainingOptions options);
}
