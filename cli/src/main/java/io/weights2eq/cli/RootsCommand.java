package io.weights2eq.cli;

import io.weights2eq.domain.equation.roots.SeedCubics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code roots}: seed 001's table of largest roots, computed here, one {@code a,b,c,root,multiplicity} line each. */
@Command(
        name = "roots",
        mixinStandardHelpOptions = true,
        description =
                "The largest real root of x³+ax²+bx+c for every whole a, b, c in [-10, 10] (9,261 lines, a then b then c ascending), computed exactly (Sturm sequences) and correctly rounded: a,b,c,root,multiplicity, the seed's a,b,c,root with the root's multiplicity (2 or 3 for a multiple root).")
final class RootsCommand extends CliCommand {
    @Option(names = "--out", paramLabel = "FILE", description = "write the lines to FILE instead of stdout")
    Path outFile;

    @Override
    int run() throws IOException {
        if (outFile == null) {
            write(new PrintWriter(out, false, StandardCharsets.UTF_8));
            return 0;
        }
        try (BufferedWriter w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
            write(new PrintWriter(w));
        }
        err.println("wrote " + SeedCubics.COUNT + " roots to " + outFile);
        return 0;
    }

    private static void write(PrintWriter w) {
        for (SeedCubics.Entry e : SeedCubics.all()) {
            w.println(e.a() + "," + e.b() + "," + e.c() + "," + decimal(e.root().value()) + ","
                    + e.root().multiplicity());
        }
        w.flush();
    }

    /** The shortest decimal that reads back as the same double, plain, whole numbers without ".0". */
    static String decimal(double value) {
        BigDecimal d = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
    }
}
