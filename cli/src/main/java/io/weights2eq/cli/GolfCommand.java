package io.weights2eq.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.weights2eq.cli.W2eCli.UsageException;
import io.weights2eq.domain.admissible.AdmissibleFile;
import io.weights2eq.domain.admissible.AdmissibleNetwork;
import io.weights2eq.domain.admissible.ParameterRounding;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code golf --input NETWORKS.jsonl --tolerance T [--out FILE]}: each network converted to admissible form and its
 * parameters rounded to the fewest digits that keep its function within T of the original on [-1, 1]
 * ({@link ParameterRounding}, on its grid of 2,001 points, ±1 exactly), then verified: the rounded network is written,
 * read back and compared with the original on a grid ten times denser. One JSON line per network; the rounded
 * networks go to {@code --out} (admissible JSON lines, in input order).
 *
 * <p>Its subcommands are golf challenges of their own ({@code golf cubic-root}); each extends {@link GolfSubcommand}
 * and is listed in {@code subcommands} below.
 */
@Command(
        name = "golf",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        subcommands = {GolfCubicRootCommand.class},
        description =
                "Round each network's weights and biases to the fewest decimal digits that keep its function within --tolerance of the original on [-1, 1] (checked on 2,001 points, then verified on 20,001), printing per network the precision score before and after and the worst deviation; write the rounded admissible networks to --out.")
final class GolfCommand extends CliCommand {
    /** The verification grid: ten times the search's, so what lies between its points is seen. */
    static final int VERIFY_POINTS = 20_001;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(
            names = "--input",
            paramLabel = "NETWORKS.jsonl|-",
            description = "layered networks (the network file format) or admissible ones, one per line; - reads stdin")
    String input;

    @Option(
            names = "--tolerance",
            paramLabel = "T",
            description = "the largest |rounded − original| allowed at any x in [-1, 1], > 0")
    Double tolerance;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "write the rounded networks here (admissible JSON lines)")
    Path outFile;

    @Override
    int run() throws IOException {
        if (input == null || tolerance == null) {
            throw new UsageException("golf needs --input NETWORKS.jsonl and --tolerance T (or a challenge subcommand)");
        }
        if (!(tolerance > 0) || tolerance.isInfinite()) {
            throw new UsageException("--tolerance must be a positive number, was " + tolerance);
        }
        List<NetworkInputs.Entry> entries = NetworkInputs.readOrReport(input, in, err);
        if (entries == null) {
            return 2;
        }
        double[] grid = ParameterRounding.unitGrid(ParameterRounding.GRID_POINTS);
        double[] dense = ParameterRounding.unitGrid(VERIFY_POINTS);
        int failed = 0;
        int written = 0;
        long before = 0;
        long after = 0;
        try (BufferedWriter rounded =
                outFile == null ? null : Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
            for (NetworkInputs.Entry e : entries) {
                String problem = e.failed() ? e.error() : applicable(e);
                if (problem != null) {
                    err.println("error: " + problem);
                    failed++;
                    continue;
                }
                long start = System.nanoTime();
                ParameterRounding.Result r = ParameterRounding.round(e.network(), grid, tolerance);
                // verify what is written: the text read back, against the original's own function
                String text = AdmissibleFile.format(r.rounded());
                AdmissibleNetwork back = AdmissibleFile.parse(text);
                double[] onGrid = ParameterRounding.worstDeviation(e.network(), back, grid);
                double[] verified = e.layered() != null
                        ? ParameterRounding.worstDeviation(e.layered()::evaluate, back, dense)
                        : ParameterRounding.worstDeviation(e.network(), back, dense);
                if (onGrid[0] > tolerance) {
                    err.println("error: " + e.id() + ": the rounded network is " + onGrid[0] + " from the original,"
                            + " over the tolerance " + tolerance);
                    failed++;
                    continue;
                }
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", e.id());
                line.put("neurons", back.neurons().size());
                line.put("parameters", PrecisionCommand.parameters(back));
                line.put("scoreBefore", r.scoreBefore());
                line.put("scoreAfter", r.scoreAfter());
                line.put("tolerance", tolerance);
                line.put("worstDeviation", onGrid[0]);
                line.put("worstX", grid[(int) onGrid[1]]);
                line.put("verifiedDeviation", verified[0]);
                line.put("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1e3);
                if (rounded != null) {
                    rounded.write(text);
                    rounded.newLine();
                    line.put("outLine", ++written);
                }
                out.println(JSON.writeValueAsString(line));
                before += r.scoreBefore();
                after += r.scoreAfter();
            }
        } catch (IOException e) {
            err.println("error: cannot write " + outFile + ": " + e.getMessage());
            return 2;
        }
        int done = entries.size() - failed;
        err.printf(
                Locale.ROOT,
                "golf: %d network(s) within %s: precision score %d → %d (%.1f %%)%s%n",
                done,
                tolerance,
                before,
                after,
                before == 0 ? 100.0 : 100.0 * after / before,
                outFile == null ? "" : "; written to " + outFile);
        if (failed > 0) {
            err.println("error: " + failed + " network(s) of " + input + " could not be golfed");
            return 1;
        }
        return 0;
    }

    /** Why this entry cannot be rounded on [-1, 1], or null. */
    private static String applicable(NetworkInputs.Entry e) {
        int n = e.network().inputs();
        if (n != 1) {
            return e.id() + ": golf --input rounds networks of one input on [-1, 1]; this one has " + n;
        }
        if (e.layered() != null && !e.layered().domain().isUnit()) { // the rounding would be checked off its domain
            return e.id() + ": golf --input rounds networks of one input on [-1, 1]; this one's domain is "
                    + e.layered().domain();
        }
        return null;
    }
}
