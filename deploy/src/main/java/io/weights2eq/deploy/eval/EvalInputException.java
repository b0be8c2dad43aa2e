package io.weights2eq.deploy.eval;

/** A problem with the inputs of an evaluation that stops it (the CLI's exit 2). */
public final class EvalInputException extends Exception {
    public EvalInputException(String message) {
        super(message);
    }
}
