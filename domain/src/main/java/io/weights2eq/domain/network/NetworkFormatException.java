package io.weights2eq.domain.network;

/**
 * A network line that {@link NetworkFile#parse(String)} cannot accept: {@link #field()} names where (a JSON path such
 * as {@code weights[1][3]}, {@code biases[2]}, {@code activation}, {@code layers}, {@code id}, or {@code json} for
 * input that is not a JSON object), the message says what is wrong and the limit, e.g.
 * {@code weights[1] must have 7 rows (layers[2]), had 6}.
 */
public class NetworkFormatException extends InvalidFieldException {
    public NetworkFormatException(String field, String message) {
        super(field, message);
    }
}
