package io.weights2eq.evaluation;

/** A problem with the inputs of an evaluation that stops it (the CLI's exit 2). */
public final class EvalInputException extends Exception {
    public EvalInputException(String message) {
        super(message);
    }
}
