package io.weights2eq.domain.equation;

/**
 * Thrown when a text is not an equation of the language. Always says where (0-based character index) and what
 * would have been accepted there, so a user can fix the text without reading the grammar.
 */
public class EquationSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int position;
    private final String expected;

    public EquationSyntaxException(int position, String expected, String found) {
        super("at position " + position + ": expected " + expected + " but found " + found);
        this.position = position;
        this.expected = expected;
    }

    /** 0-based index of the offending character (the text length when the text ended too early). */
    public int position() {
        return position;
    }

    /** What would have been accepted at {@link #position()}, e.g. {@code a number or 'x'}. */
    public String expected() {
        return expected;
    }
}
