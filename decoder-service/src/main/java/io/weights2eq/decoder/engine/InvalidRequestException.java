package io.weights2eq.decoder.engine;

/** A decode request the engine refuses before decoding; {@link #field()} names what is wrong. */
public final class InvalidRequestException extends IllegalArgumentException {
    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
