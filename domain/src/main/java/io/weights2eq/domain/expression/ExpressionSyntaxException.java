package io.weights2eq.domain.expression;

import io.weights2eq.domain.equation.EquationSyntaxException;

/**
 * A text that is not an expression of the language: names the 0-based position and what was expected there, as
 * the polynomial parser's errors do (callers that catch {@link EquationSyntaxException} catch both).
 */
public final class ExpressionSyntaxException extends EquationSyntaxException {

    private static final long serialVersionUID = 1L;

    public ExpressionSyntaxException(int position, String expected, String found) {
        super(position, expected, found);
    }
}
