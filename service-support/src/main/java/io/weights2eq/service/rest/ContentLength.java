package io.weights2eq.service.rest;

import java.util.OptionalLong;

/** The declared length of a request body, for the services' body-limit filters (checked before the body is read). */
public final class ContentLength {
    private ContentLength() {}

    /** The value of a {@code Content-Length} header; empty when absent or not a number (the HTTP layer rejects those). */
    public static OptionalLong parse(String header) {
        if (header == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
