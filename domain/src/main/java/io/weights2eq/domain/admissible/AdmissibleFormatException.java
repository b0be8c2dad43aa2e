package io.weights2eq.domain.admissible;

import io.weights2eq.domain.network.InvalidFieldException;

/**
 * An admissible file that {@link AdmissibleFile#parse(String)} refuses: {@link #field()} names where — a neuron by
 * index and node number and its field ({@code neurons[2] (node 6).activation}), {@code inputs}, {@code outputs[0]},
 * {@code format}, or {@code json} for text that is not one JSON object — and the message says why and the limit.
 */
public class AdmissibleFormatException extends InvalidFieldException {
    public AdmissibleFormatException(String field, String message) {
        super(field, message);
    }
}
