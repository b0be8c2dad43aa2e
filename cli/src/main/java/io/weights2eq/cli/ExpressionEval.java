package io.weights2eq.cli;

import io.weights2eq.domain.decoding.DecodingMethods;
import io.weights2eq.domain.decoding.analytic.ProjectionDecoder;
import io.weights2eq.domain.decoding.hybrid.HybridDecoder;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.evaluation.EvalInputException;
import io.weights2eq.evaluation.HeldOutNetworks;
import io.weights2eq.evaluation.NetworksWithTruth;
import io.weights2eq.evaluation.expressions.ExpressionExample;
import io.weights2eq.evaluation.expressions.ExpressionExamples;
import io.weights2eq.evaluation.expressions.ExpressionReport;
import io.weights2eq.evaluation.expressions.ExpressionRun;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code eval --family elementary}: the expression evaluation ({@link ExpressionRun}, {@link ExpressionReport}) of
 * held-out expressions trained in process or of networks trained elsewhere; {@link EvalCommand} parses the options.
 */
final class ExpressionEval {
    /** No learned model knows the family yet: the analytic decoder and the hybrid that verifies its candidates. */
    static final List<String> DEFAULT_METHODS = List.of(ProjectionDecoder.METHOD, HybridDecoder.METHOD);
    /** Smooth functions want a smooth network (the PyTorch peer trains tanh too). */
    static final String DEFAULT_ACTIVATION = "tanh";

    record Options(
            String commandLine,
            String familyLabel,
            EquationFamily family,
            List<String> methods,
            Long equations,
            Path networksFile,
            Path truthFile,
            InputDomain domain,
            long seed,
            Activation activation,
            int steps,
            int threads,
            Path outDir) {}

    private final PrintStream out;
    private final PrintStream err;

    ExpressionEval(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(Options o) {
        try {
            List<ExpressionExample> examples;
            String source;
            String converged;
            if (o.equations() != null) {
                HeldOutNetworks heldOut;
                try {
                    heldOut = new HeldOutNetworks(o.family(), o.seed(), o.activation(), o.steps(), o.threads(), err)
                            .withSamples(SampleSpec.of(SampleSpec.defaults().count(), o.domain()));
                } catch (IllegalArgumentException e) {
                    throw new W2eCli.UsageException(e.getMessage());
                }
                examples = ExpressionExamples.heldOut(heldOut, o.equations()).examples();
                source = heldOut.source(o.familyLabel(), o.equations());
                converged = heldOut.convergedMeaning();
            } else {
                NetworksWithTruth files = new NetworksWithTruth(o.networksFile(), o.truthFile());
                examples = ExpressionExamples.fromFiles(files);
                source = files.source(o.familyLabel(), examples.size());
                converged = ExpressionExamples.CONVERGED_ELSEWHERE;
            }
            DecodingMethods registry = new DecodingMethods(o.family(), -1, 1, HybridDecoder.DEFAULT_TOLERANCE);
            List<ExpressionRun.Row> rows = new ExpressionRun(o.methods(), registry, o.threads(), err).run(examples);
            ExpressionReport report = new ExpressionReport(
                    rows, o.methods(), new ExpressionReport.Context(o.commandLine(), source, converged));
            report.write(o.outDir());
            out.println(report.methodTable());
            out.println("eval: report written to " + o.outDir().toAbsolutePath().normalize()
                    + " (summary.md, results.jsonl, networks.jsonl, plots)");
            return 0;
        } catch (EvalInputException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: cannot write the report to " + o.outDir() + ": " + e.getMessage());
            return 1;
        }
    }
}
