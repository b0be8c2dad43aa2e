package io.weights2eq.domain.decoding;

import io.weights2eq.domain.network.InvalidFieldException;

/** A decode request refused before decoding (bad method, beam, or a method that does not apply). */
public final class InvalidRequestException extends InvalidFieldException {
    public InvalidRequestException(String field, String message) {
        super(field, message);
    }
}
