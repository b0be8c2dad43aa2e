package io.weights2eq.domain.expression;

/**
 * An expression that has no normal form: a division by an exact zero, or one whose expansion would exceed the
 * bounds of {@link NormalForm} (the sampler rejects it with this message as the reason).
 */
public final class NormalFormException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public NormalFormException(String message) {
        super(message);
    }
}
