package io.weights2eq.domain.network;

/** Input refused before any work: {@link #field()} names what is wrong, the message says why and the limit. */
public class InvalidFieldException extends IllegalArgumentException {
    private final String field;

    /** @param message the whole message (it usually starts with the field's name) */
    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
