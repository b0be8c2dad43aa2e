package io.weights2eq.domain.equation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One broken rule found by a validator: which field, and a message that names the limit
 * (for example {@code field = "degree", message = "must be between 0 and 4, was 7"}).
 * Shared by all validators so that callers can show every problem at once instead of failing on the first.
 */
public record Violation(String field, String message) {

    /**
     * Throws an {@link IllegalArgumentException} listing all violations, if there are any.
     *
     * @param what names the validated object in the message, e.g. {@code "equation family"}
     */
    public static void requireNone(String what, List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("invalid " + what + ": "
                    + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        }
    }

    @Override
    public String toString() {
        return field + " " + message;
    }
}
