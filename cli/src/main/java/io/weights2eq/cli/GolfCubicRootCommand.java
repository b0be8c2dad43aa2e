package io.weights2eq.cli;

import io.weights2eq.domain.admissible.AdmissibleFile;
import io.weights2eq.domain.admissible.AdmissibleNetwork;
import io.weights2eq.domain.admissible.CubicRootCheck;
import io.weights2eq.domain.admissible.CubicRootNetwork;
import io.weights2eq.domain.equation.roots.SeedCubics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code golf cubic-root}: builds seed 001's challenge network ({@link CubicRootNetwork}), or reads one with
 * {@code --check}, verifies it on all 9,261 inputs and prints its worst input, score and size.
 */
@Command(
        name = "cubic-root",
        mixinStandardHelpOptions = true,
        description =
                "Build the admissible network for the largest root of x³+ax²+bx+c (whole a, b, c in [-10, 10]), verify it on all 9,261 inputs in double and exact arithmetic against the exactly computed roots (|output − root| < 0.1), print the worst input, its error, the precision score and the neuron count; exit 1 if any input misses.")
final class GolfCubicRootCommand extends GolfSubcommand {
    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "write the network (admissible JSON, one neuron a line) to FILE once it passes")
    Path outFile;

    @Option(
            names = "--check",
            paramLabel = "FILE",
            description = "verify this admissible network file instead of building one")
    Path checkFile;

    @Override
    int run() throws Exception {
        if (checkFile != null && outFile != null) {
            throw new W2eCli.UsageException(
                    "--check and --out exclude each other: --check verifies a file, --out writes the one built");
        }
        AdmissibleNetwork network;
        CubicRootCheck check;
        try {
            network = checkFile == null
                    ? CubicRootNetwork.build()
                    : AdmissibleFile.parse(Files.readString(checkFile, StandardCharsets.UTF_8));
            check = CubicRootCheck.of(network);
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: " + checkFile + ": " + e.getMessage());
            return 2;
        }
        SeedCubics.Entry w = check.worst();
        out.printf(
                "cubic-root: %s on all %d inputs (%s): %d miss |output - root| < %s%n",
                check.passes() ? "verified" : "FAILED",
                SeedCubics.COUNT,
                check.exact() ? "double and exact arithmetic" : "double arithmetic",
                check.failures(),
                CubicRootCheck.TOLERANCE);
        out.printf(
                "worst input a=%d b=%d c=%d: output %s, largest root %s, error %s%n",
                w.a(), w.b(), w.c(), check.worstOutput(), w.root().value(), check.worstError());
        out.printf("score %d (seed 001's answers: 3,806 and 29,306), %d neurons%n", check.score(), check.neurons());
        if (!check.passes()) {
            return 1;
        }
        if (outFile != null) {
            Files.writeString(outFile, AdmissibleFile.formatByNeuron(network), StandardCharsets.UTF_8);
            out.println("wrote " + outFile);
        }
        return 0;
    }
}
