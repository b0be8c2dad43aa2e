package io.weights2eq.schema.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A message that is not a decodable record of the expected type. Carries a short reason that the
 * services put into the dead-letter header; never replaced by a null.
 */
public final class RecordDecodingException extends SerializationException {
    private final String reason;

    public RecordDecodingException(String recordType, String reason, Throwable cause) {
        super("cannot decode " + recordType + ": " + reason, cause);
        this.reason = reason;
    }

    /** Why the message could not be decoded, e.g. "unknown schema fingerprint 0x…". */
    public String reason() {
        return reason;
    }
}
