package io.weights2eq.domain.decoding;

import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.network.Network;

/**
 * One decoder training example: a trained network and the equation it was trained on.
 *
 * @param equationId the equation id (decides the validation slice)
 * @param network    the trained network, as trained (the decoder canonicalises it)
 * @param target     the ground-truth polynomial; its canonical text is the target token sequence
 * @param converged  whether the trainer's quality gate passed
 */
public record TrainingExample(String equationId, Network network, Polynomial target, boolean converged) {}
