package io.weights2eq.domain.decoding;

/** A decode request refused before decoding (bad method, beam, or a method that does not apply); {@link #field()} names what is wrong. */
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
