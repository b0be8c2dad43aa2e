package io.weights2eq.evaluation;

import io.weights2eq.domain.decoding.CheckpointDirectory;
import io.weights2eq.domain.network.NetworkFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of an evaluation report in its directory: {@code results.jsonl}, {@code networks.jsonl} (the networks
 * themselves in the network file format, for {@code precision} and {@code golf}), the PNG plots ({@link EvalPlots}; the
 * decoder's training curve when there is a checkpoint directory) and {@code summary.md}.
 */
public final class ReportFiles {
    public static final String NETWORKS = "networks.jsonl";

    private ReportFiles() {}

    private static void writeNetworks(EvalReport report, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (EvalExample e : report.examples()) {
                w.write(NetworkFile.format(e.id(), e.network()));
                w.newLine();
            }
        }
    }

    /**
     * @param checkpoints the decoder's checkpoints for the training curve, or null
     * @param err         where skipped checkpoints are noted
     */
    public static void write(EvalReport report, Path out, Path checkpoints, PrintStream err) throws IOException {
        Files.createDirectories(out);
        report.writeResults(out.resolve("results.jsonl"));
        List<String> plots = new ArrayList<>();
        writeNetworks(report, out.resolve(NETWORKS));
        plots.add("`" + NETWORKS + "`: the networks (the network file format), for `precision` and `golf`");
        EvalPlots.curves(report, out.resolve(EvalPlots.CURVES));
        plots.add("`" + EvalPlots.CURVES + "`: truth, the network and each method's polynomial on [−1, 1] for "
                + Math.min(6, report.examples().size()) + " networks");
        EvalPlots.accuracyByLength(report, out.resolve(EvalPlots.ACCURACY_BY_LENGTH));
        plots.add("`" + EvalPlots.ACCURACY_BY_LENGTH + "`: exact match by canonical-text length, per method");
        if (checkpoints != null) {
            List<String> skipped = new ArrayList<>();
            List<Path> files = new CheckpointDirectory(checkpoints, Integer.MAX_VALUE).list();
            List<EvalPlots.CurvePoint> points = EvalPlots.trainingPoints(files, skipped);
            for (String s : skipped) {
                err.println("eval: skipping checkpoint " + s);
            }
            if (EvalPlots.trainingCurve(
                    points,
                    "Decoder training: " + points.size() + " checkpoints of " + checkpoints,
                    out.resolve(EvalPlots.TRAINING_CURVE))) {
                plots.add(
                        "`" + EvalPlots.TRAINING_CURVE + "`: the decoder's validation exact match and training loss by"
                                + " step, from " + points.size() + " checkpoints in `" + checkpoints + "`");
            } else {
                err.println("eval: no checkpoint with metrics in " + checkpoints + ": no " + EvalPlots.TRAINING_CURVE);
                plots.add("no `" + EvalPlots.TRAINING_CURVE + "`: no checkpoint with metrics in `" + checkpoints + "`");
            }
        }
        report.writeSummary(out.resolve("summary.md"), plots);
    }
}
