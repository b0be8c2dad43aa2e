package io.weights2eq.evaluation.expressions;

import io.weights2eq.domain.expression.Expression;
import io.weights2eq.domain.expression.ExpressionParser;
import io.weights2eq.domain.expression.NormalForm;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.evaluation.EvalInputException;
import io.weights2eq.evaluation.HeldOutNetworks;
import io.weights2eq.evaluation.NetworksWithTruth;
import io.weights2eq.evaluation.TrainerFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Where the networks of an expression evaluation come from: drawn and trained in process, or files. */
public final class ExpressionExamples {
    /** What "converged" means for networks trained elsewhere. */
    public static final String CONVERGED_ELSEWHERE = "Converged (no trainer figures in a network file): the"
            + " network's own R² against its truth on the domain is at least 1 − "
            + TrainingConfig.defaults().targetRelativeMse()
            + " (the trainer's relative-MSE target).";

    private ExpressionExamples() {}

    public record Trained(List<ExpressionExample> examples, TrainerFigures figures) {}

    /** Draws and trains {@code equations} networks (the family of {@code heldOut} must be elementary). */
    public static Trained heldOut(HeldOutNetworks heldOut, long equations) {
        List<ExpressionExample> examples = new ArrayList<>();
        TrainerFigures figures = heldOut.trainDrawn(equations, d -> {
            var t = d.network();
            examples.add(new ExpressionExample(
                    t.equationId(), d.equation().expression(), t.network(), t.converged(), t.relativeValidationMse()));
        });
        return new Trained(examples, figures);
    }

    /** Networks trained elsewhere with their truth ({@code equation}: an expression in the network's inputs). */
    public static List<ExpressionExample> fromFiles(NetworksWithTruth files) throws EvalInputException {
        List<ExpressionExample> examples = new ArrayList<>();
        double target = TrainingConfig.defaults().targetRelativeMse();
        files.read(Function.identity(), (entry, text, where) -> {
            Expression truth;
            try {
                truth = NormalForm.of(
                        ExpressionParser.parse(text, entry.network().inputs()));
            } catch (IllegalArgumentException e) { // a syntax error or no normal form
                throw new EvalInputException(
                        where + " (id '" + entry.id() + "'): equation '" + text + "': " + e.getMessage());
            }
            var network = entry.network();
            double r2 = ExpressionScore.rSquared(truth, network.domain(), network::evaluate);
            examples.add(new ExpressionExample(entry.id(), truth, network, 1 - r2 <= target, Double.NaN));
        });
        return examples;
    }
}
