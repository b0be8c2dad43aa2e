package io.weights2eq.records;

/**
 * A service's declared limit on what a record may carry, with the setting that declares it, so that a rejection
 * names both (e.g. {@code network.parameters: at most 600 parameters (w2e.decoder.limits.max-parameters), was 900}).
 */
public record Limit(int max, String setting) {
    public Limit {
        if (max < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1, was " + max);
        }
    }
}
