package io.weights2eq.decoder.inbound.streams;

/**
 * A source record after decoding: the value (null for a tombstone), or the original bytes of a record that was
 * rejected (the reason is in the record's headers). In memory only.
 */
record Decoded<T>(T value, byte[] original, boolean rejected) {

    static <T> Decoded<T> ok(T value, byte[] original) {
        return new Decoded<>(value, original, false);
    }

    static <T> Decoded<T> reject(byte[] original) {
        return new Decoded<>(null, original, true);
    }
}
