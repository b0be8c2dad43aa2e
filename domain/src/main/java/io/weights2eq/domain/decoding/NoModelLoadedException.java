package io.weights2eq.domain.decoding;

/** Decoding was asked for while no decoder model is loaded (none shipped, none trained yet). */
public final class NoModelLoadedException extends RuntimeException {
    public NoModelLoadedException() {
        super("no decoder model loaded yet");
    }
}
