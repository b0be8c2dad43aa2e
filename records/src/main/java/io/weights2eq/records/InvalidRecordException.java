package io.weights2eq.records;

/** A topic record that cannot become a domain object; {@link #getMessage()} starts with the field's path. */
public final class InvalidRecordException extends IllegalArgumentException {
    public InvalidRecordException(String message) {
        super(message);
    }
}
