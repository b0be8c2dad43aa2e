package io.weights2eq.evaluation;

import io.weights2eq.domain.decoding.LearnedDecoder;
import io.weights2eq.domain.decoding.hybrid.HybridDecoder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads the learned decoder of an evaluation, when one of its methods needs it. */
public final class LearnedModelLoader {
    private LearnedModelLoader() {}

    /**
     * The learned decoder when a method needs it: required for learned, used by hybrid when there is one.
     *
     * @param model      a {@code *.w2ed} checkpoint or a directory of them; null when there is no default
     * @param modelGiven whether the model was named (then hybrid needs it too)
     * @param err        where a hybrid without a learned model is noted
     */
    public static LearnedDecoder load(List<String> methods, Path model, boolean modelGiven, int beam, PrintStream err)
            throws EvalInputException {
        boolean required = methods.contains(LearnedDecoder.METHOD);
        if (!required && !methods.contains(HybridDecoder.METHOD)) {
            return null;
        }
        if (model == null || !Files.exists(model)) {
            if (required || modelGiven) {
                throw new EvalInputException("no decoder model at " + model + " (pass --model with a *.w2ed checkpoint"
                        + " or a directory of them)");
            }
            err.println("eval: no learned model (" + (model == null ? "W2E_HOME not set" : model + " missing")
                    + "): hybrid decodes without one");
            return null;
        }
        try {
            return LearnedDecoder.load(model, beam);
        } catch (IOException | RuntimeException e) {
            throw new EvalInputException("cannot load a decoder model from " + model + ": " + e.getMessage());
        }
    }
}
