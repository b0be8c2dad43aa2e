package io.weights2eq.evaluation.expressions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weights2eq.domain.equation.EquationSyntaxException;
import io.weights2eq.domain.expression.Expression;
import io.weights2eq.domain.expression.ExpressionParser;
import io.weights2eq.domain.network.Interval;
import io.weights2eq.domain.network.NetworkFile;
import io.weights2eq.evaluation.FunctionSvg;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The report of an expression evaluation: {@code summary.md} (per method: exact symbolic match and R² ≥ 0.999
 * against the truth, over all networks and over those that met the quality target; then by size, by operator and
 * by number of inputs), {@code results.jsonl} (one line per network), {@code networks.jsonl} (the networks) and one
 * SVG plot per example for the first {@link #PLOTS} networks (truth, network and each decoded function).
 */
public final class ExpressionReport {
    static final int PLOTS = 12;
    static final int SHOWN = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the report was made: the command, where the networks came from, what "converged" means. */
    public record Context(String commandLine, String source, String convergedMeaning) {}

    private final List<ExpressionRun.Row> rows;
    private final List<String> methods;
    private final Context context;

    public ExpressionReport(List<ExpressionRun.Row> rows, List<String> methods, Context context) {
        this.rows = List.copyOf(rows);
        this.methods = List.copyOf(methods);
        this.context = context;
    }

    /** The per-method table printed to stdout and heading the summary. */
    public String methodTable() {
        StringBuilder b = new StringBuilder();
        b.append("| method | networks | exact symbolic match | R² ≥ 0.999 vs truth | median R² | converged:"
                        + " exact | converged: R² ≥ 0.999 | mean ms |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int m = 0; m < methods.size(); m++) {
            int k = m;
            List<ExpressionRun.MethodResult> all = results(k, r -> true);
            List<ExpressionRun.MethodResult> converged =
                    results(k, r -> r.example().converged());
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %s | %.4f | %s | %s | %.0f |%n",
                    methods.get(m),
                    all.size(),
                    share(all, r -> r.score().exact()),
                    share(all, r -> r.score().accurate()),
                    median(all),
                    share(converged, r -> r.score().exact()),
                    share(converged, r -> r.score().accurate()),
                    all.stream()
                            .mapToDouble(ExpressionRun.MethodResult::millis)
                            .average()
                            .orElse(0)));
        }
        return b.toString();
    }

    public void write(Path out) throws IOException {
        Files.createDirectories(out);
        writeResults(out.resolve("results.jsonl"));
        writeNetworks(out.resolve("networks.jsonl"));
        List<String> plots = writePlots(out);
        Files.writeString(out.resolve("summary.md"), summary(plots), StandardCharsets.UTF_8);
    }

    String summary(List<String> plots) {
        long converged = rows.stream().filter(r -> r.example().converged()).count();
        long networkAccurate = rows.stream()
                .filter(r -> r.networkRSquared() >= ExpressionScore.R_SQUARED_GOAL)
                .count();
        StringBuilder b = new StringBuilder("# Evaluation: elementary expressions\n\n");
        b.append(context.source()).append("\n\n");
        b.append("Command: `").append(context.commandLine()).append("`\n\n");
        b.append(context.convergedMeaning())
                .append(String.format(
                        Locale.ROOT,
                        " %d of %d networks converged; the network itself has R² ≥ 0.999 against the truth for %s.%n%n",
                        converged,
                        rows.size(),
                        percent(networkAccurate, rows.size())));
        b.append("Exact symbolic match: the decoded text's normal form is the truth's. R² of the decoded function"
                + " against the truth on an even grid of the domain (1,001 points, or 101 × 101 for two inputs).\n\n");
        b.append(methodTable()).append('\n');
        b.append("## By size (operators of the truth's normal form)\n\n");
        groupTable(
                b,
                "operators",
                r -> List.of(String.format(Locale.ROOT, "%2d", r.shape().operators())));
        b.append("## By operator (networks whose truth uses it)\n\n");
        groupTable(b, "operator", r -> new ArrayList<>(r.shape().kinds()));
        b.append("## By inputs\n\n");
        groupTable(
                b, "inputs", r -> List.of(String.valueOf(r.example().network().inputs())));
        b.append("## The first ").append(Math.min(SHOWN, rows.size())).append(" networks\n\n");
        b.append("| id | truth | ").append(String.join(" | ", methods)).append(" |\n|---|---|");
        b.append("---|".repeat(methods.size())).append('\n');
        for (ExpressionRun.Row r : rows.subList(0, Math.min(SHOWN, rows.size()))) {
            b.append("| ")
                    .append(r.example().id())
                    .append(" | `")
                    .append(r.example().truthText())
                    .append("` |");
            for (ExpressionRun.MethodResult m : r.results()) {
                b.append(m.decoded() == null ? " (failed)" : " `" + m.decoded() + "`")
                        .append(
                                m.score().exact()
                                        ? " exact"
                                        : String.format(
                                                Locale.ROOT,
                                                " R² %.4f",
                                                m.score().rSquared()))
                        .append(" |");
            }
            b.append('\n');
        }
        b.append("\n## Files\n\n");
        b.append("- `results.jsonl`: one line per network (truth, domain, shape, each method's text, exact, R²)\n");
        b.append("- `networks.jsonl`: the networks (the network file format)\n");
        plots.forEach(p -> b.append("- ").append(p).append('\n'));
        return b.toString();
    }

    /** One row per group (a network may be in several groups), each method's exact and R² ≥ 0.999 shares. */
    private void groupTable(
            StringBuilder b, String name, java.util.function.Function<ExpressionRun.Row, List<String>> groups) {
        Map<String, List<ExpressionRun.Row>> byGroup = new TreeMap<>();
        for (ExpressionRun.Row r : rows) {
            for (String g : groups.apply(r)) {
                byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(r);
            }
        }
        b.append("| ").append(name).append(" | networks |");
        methods.forEach(
                m -> b.append(' ').append(m).append(": exact | ").append(m).append(": R² ≥ 0.999 |"));
        b.append("\n|---|---:|").append("---:|---:|".repeat(methods.size())).append('\n');
        byGroup.forEach((g, list) -> {
            b.append("| ").append(g.trim()).append(" | ").append(list.size()).append(" |");
            for (int m = 0; m < methods.size(); m++) {
                int k = m;
                List<ExpressionRun.MethodResult> results =
                        list.stream().map(r -> r.results().get(k)).toList();
                b.append(' ')
                        .append(share(results, r -> r.score().exact()))
                        .append(" | ")
                        .append(share(results, r -> r.score().accurate()))
                        .append(" |");
            }
            b.append('\n');
        });
        b.append('\n');
    }

    private List<ExpressionRun.MethodResult> results(int method, Predicate<ExpressionRun.Row> which) {
        return rows.stream().filter(which).map(r -> r.results().get(method)).toList();
    }

    private static String share(List<ExpressionRun.MethodResult> results, Predicate<ExpressionRun.MethodResult> p) {
        return percent(results.stream().filter(p).count(), results.size());
    }

    private static String percent(long n, long of) {
        return of == 0 ? "–" : String.format(Locale.ROOT, "%.1f %% (%d)", 100.0 * n / of, n);
    }

    private static double median(List<ExpressionRun.MethodResult> results) {
        double[] r2 =
                results.stream().mapToDouble(r -> r.score().rSquared()).sorted().toArray();
        return r2.length == 0 ? Double.NaN : r2[r2.length / 2];
    }

    private void writeResults(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ExpressionRun.Row r : rows) {
                ObjectNode line = JSON.createObjectNode();
                line.put("id", r.example().id());
                line.put("truth", r.example().truthText());
                ArrayNode domain = line.putArray("domain");
                r.example()
                        .network()
                        .domain()
                        .intervals()
                        .forEach(i -> domain.addArray().add(i.lo()).add(i.hi()));
                line.put("operators", r.shape().operators());
                ArrayNode kinds = line.putArray("kinds");
                r.shape().kinds().forEach(kinds::add);
                line.put("converged", r.example().converged());
                line.put("networkRSquared", r.networkRSquared());
                ObjectNode byMethod = line.putObject("methods");
                for (ExpressionRun.MethodResult m : r.results()) {
                    ObjectNode o = byMethod.putObject(m.method());
                    o.put("decoded", m.decoded());
                    o.put("exact", m.score().exact());
                    o.put("rSquared", m.score().rSquared());
                    o.put("fitToNetwork", m.fitToNetwork());
                    o.put("runnerUp", m.runnerUp());
                    o.put("millis", m.millis());
                    if (m.error() != null) {
                        o.put("error", m.error());
                    }
                }
                w.write(JSON.writeValueAsString(line));
                w.newLine();
            }
        }
    }

    private void writeNetworks(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ExpressionRun.Row r : rows) {
                w.write(NetworkFile.format(r.example().id(), r.example().network()));
                w.newLine();
            }
        }
    }

    /** Plots of the first networks: curves for one input, heat maps for two. */
    private List<String> writePlots(Path out) throws IOException {
        Path dir = out.resolve("plots");
        Files.createDirectories(dir);
        int n = Math.min(PLOTS, rows.size());
        for (ExpressionRun.Row r : rows.subList(0, n)) {
            Files.writeString(dir.resolve(fileName(r.example().id()) + ".svg"), plot(r), StandardCharsets.UTF_8);
        }
        return List.of("`plots/<id>.svg`: truth, the network and each method's expression over the domain for the"
                + " first " + n + " networks (curves for one input, heat maps for two)");
    }

    private String plot(ExpressionRun.Row r) {
        var network = r.example().network();
        var domain = network.domain();
        Map<String, Expression> decoded = new LinkedHashMap<>();
        for (ExpressionRun.MethodResult m : r.results()) {
            if (m.decoded() != null) {
                try {
                    decoded.put(m.method(), ExpressionParser.parse(m.decoded(), domain.inputs()));
                } catch (EquationSyntaxException e) {
                    // an unparsable text has no curve; the tables report it
                }
            }
        }
        Expression truth = r.example().truth();
        String title = r.example().id() + ": " + r.example().truthText();
        if (domain.inputs() == 1) {
            Interval x = domain.input(0);
            Map<String, java.util.function.DoubleUnaryOperator> curves = new LinkedHashMap<>();
            decoded.forEach((m, e) -> curves.put(m, v -> e.evaluate(v)));
            return FunctionSvg.curves(title, x, v -> truth.evaluate(v), network::evaluate, curves);
        }
        Map<String, java.util.function.DoubleBinaryOperator> surfaces = new LinkedHashMap<>();
        decoded.forEach((m, e) -> surfaces.put(m, (a, c) -> e.evaluate(a, c)));
        return FunctionSvg.surfaces(
                title, domain, (a, c) -> truth.evaluate(a, c), (a, c) -> network.evaluate(a, c), surfaces);
    }

    static String fileName(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
