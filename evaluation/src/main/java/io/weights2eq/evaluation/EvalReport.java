package io.weights2eq.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.DecodingMetrics;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.roots.LargestRoot;
import io.weights2eq.domain.equation.roots.RealRoots;
import io.weights2eq.domain.training.TrainingConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The figures of an evaluation — every network decoded by every method — and its files: {@code summary.md}
 * (per-method table, breakdowns by text length, coefficient kind and convergence, the trainer's figures, the
 * command line) and {@code results.jsonl} (one line per network).
 */
public final class EvalReport {
    /** The width of the canonical-text length buckets. */
    public static final int LENGTH_BUCKET = 4;
    /** A decoded polynomial "fits" when its R² against the truth on [−1, 1] is at least this. */
    public static final double R_SQUARED_GOOD = 0.999;
    /** Seed 001's acceptance for a cubic: the decoded polynomial's largest real root within this of the truth's. */
    public static final double ROOT_TOLERANCE = 0.1;

    public static final List<String> KINDS = List.of("whole", "decimal", "fraction");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the networks came from and what the report says about them. */
    public record Context(
            String commandLine, String source, String convergedMeaning, String learnedModel, TrainerFigures trainer) {}

    /** A method's figures over some of the networks. */
    public static final class Stats {
        private final DecodingMetrics metrics = new DecodingMetrics();
        private int counted;
        private int notApplicable;
        private int failed;
        private int exact;
        private int goodFit;
        private int rooted;
        private int rootWithin;
        private double millisSum;
        private int timed;

        /** Networks the method applied to (decoded or failed). */
        public int counted() {
            return counted;
        }

        public int notApplicable() {
            return notApplicable;
        }

        public int failed() {
            return failed;
        }

        public double exactMatch() {
            return counted == 0 ? Double.NaN : (double) exact / counted;
        }

        public double goodFitRate() {
            return counted == 0 ? Double.NaN : (double) goodFit / counted;
        }

        /** Of the networks whose truth has a largest root (a monic family's), those whose prediction's is within 0.1. */
        public double rootWithinRate() {
            return rooted == 0 ? Double.NaN : (double) rootWithin / rooted;
        }

        public double millisPerNetwork() {
            return timed == 0 ? Double.NaN : millisSum / timed;
        }

        /** {@link DecodingMetrics#summary()} of the networks counted. */
        public Map<String, Double> metrics() {
            return metrics.summary();
        }
    }

    private final List<EvalExample> examples;
    private final List<String> methods;
    private final Map<String, List<MethodOutcome>> outcomes;
    private final EquationFamily family;
    private final Context context;
    private final String[] truthTexts;
    private final String[] kinds;
    /** The truths' largest real roots for a monic family (seed 001's cubics), else null. */
    private final Double[] truthRoots;

    /**
     * @param outcomes per method, one outcome per example in the examples' order
     */
    public EvalReport(
            List<EvalExample> examples,
            List<String> methods,
            Map<String, List<MethodOutcome>> outcomes,
            EquationFamily family,
            Context context) {
        for (String method : methods) {
            List<MethodOutcome> list = outcomes.get(method);
            if (list == null || list.size() != examples.size()) {
                throw new IllegalArgumentException("method " + method + " needs one outcome per example ("
                        + examples.size() + "), had " + (list == null ? "none" : list.size()));
            }
        }
        this.examples = List.copyOf(examples);
        this.methods = List.copyOf(methods);
        this.outcomes = Map.copyOf(outcomes);
        this.family = family;
        this.context = context;
        this.truthTexts = new String[examples.size()];
        this.kinds = new String[examples.size()];
        this.truthRoots = family.monic() ? new Double[examples.size()] : null;
        for (int i = 0; i < examples.size(); i++) {
            truthTexts[i] = examples.get(i).truthText();
            kinds[i] = PolynomialFit.coefficientKind(examples.get(i).truth(), family);
            if (truthRoots != null) {
                truthRoots[i] = largestRoot(examples.get(i).truth());
            }
        }
    }

    private static Double largestRoot(Polynomial p) {
        return p == null ? null : RealRoots.largest(p).map(LargestRoot::value).orElse(null);
    }

    /** Whether the report scores largest roots (a monic family's truths). */
    public boolean scoresRoots() {
        return truthRoots != null;
    }

    /** The largest real root of the method's prediction for example i; null when none or not a monic family. */
    public Double predictedRoot(String method, int example) {
        DecodedEquation d = outcome(method, example).decoded();
        return truthRoots == null || d == null || !d.parsed() ? null : largestRoot(d.polynomial());
    }

    /** Whether the prediction's largest root lies within {@link #ROOT_TOLERANCE} of the truth's. */
    public boolean rootWithin(String method, int example) {
        Double truth = truthRoots == null ? null : truthRoots[example];
        Double predicted = predictedRoot(method, example);
        return truth != null && predicted != null && Math.abs(predicted - truth) <= ROOT_TOLERANCE;
    }

    public List<EvalExample> examples() {
        return examples;
    }

    public List<String> methods() {
        return methods;
    }

    public MethodOutcome outcome(String method, int example) {
        return outcomes.get(method).get(example);
    }

    /** Whether the method's prediction for example i has the truth's canonical text. */
    public boolean exact(String method, int example) {
        DecodedEquation d = outcome(method, example).decoded();
        return d != null && d.parsed() && d.polynomial().toCanonicalText().equals(truthTexts[example]);
    }

    /** The method's figures over the examples {@code include} accepts. */
    public Stats stats(String method, IntPredicate include) {
        Stats s = new Stats();
        for (int i = 0; i < examples.size(); i++) {
            if (!include.test(i)) {
                continue;
            }
            MethodOutcome o = outcome(method, i);
            if (!o.counts()) {
                s.notApplicable++;
                continue;
            }
            s.counted++;
            DecodedEquation d = o.decoded();
            if (d == null) { // failed: as an unparsable prediction
                s.failed++;
                d = new DecodedEquation("", null, new int[0], method, null);
            }
            s.metrics.add(examples.get(i).truth(), d);
            if (exact(method, i)) {
                s.exact++;
            }
            if (truthRoots != null && truthRoots[i] != null) {
                s.rooted++;
                s.rootWithin += rootWithin(method, i) ? 1 : 0;
            }
            if (PolynomialFit.rSquared(examples.get(i).truth(), d.polynomial()) >= R_SQUARED_GOOD) {
                s.goodFit++;
            }
            if (Double.isFinite(o.millis())) {
                s.millisSum += o.millis();
                s.timed++;
            }
        }
        return s;
    }

    public Stats stats(String method) {
        return stats(method, i -> true);
    }

    /** The length bucket of example i: 0 for lengths 1–4, 1 for 5–8, … */
    public int lengthBucket(int example) {
        return (truthTexts[example].length() - 1) / LENGTH_BUCKET;
    }

    /** The buckets that hold at least one example, ascending. */
    public List<Integer> lengthBuckets() {
        return IntStream.range(0, examples.size())
                .map(this::lengthBucket)
                .distinct()
                .sorted()
                .boxed()
                .toList();
    }

    public static String bucketLabel(int bucket) {
        return (bucket * LENGTH_BUCKET + 1) + "–" + (bucket * LENGTH_BUCKET + LENGTH_BUCKET);
    }

    public String kind(int example) {
        return kinds[example];
    }

    // --- files ----------------------------------------------------------------------------------------------------

    public void writeResults(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < examples.size(); i++) {
                w.write(resultLine(i));
                w.write('\n');
            }
        }
    }

    String resultLine(int i) {
        EvalExample e = examples.get(i);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", e.id());
        line.put("truth", truthTexts[i]);
        line.put("length", truthTexts[i].length());
        line.put("kind", kinds[i]);
        line.put("activation", e.network().activation().label());
        line.put("converged", e.converged());
        if (truthRoots != null) {
            line.put("largestRoot", truthRoots[i]);
        }
        line.put("relativeValidationMse", finite(e.relativeValidationMse()));
        Map<String, Object> byMethod = new LinkedHashMap<>();
        for (String method : methods) {
            MethodOutcome o = outcome(method, i);
            Map<String, Object> m = new LinkedHashMap<>();
            switch (o.status()) {
                case NOT_APPLICABLE:
                    m.put("status", "not applicable");
                    break;
                case FAILED:
                    m.put("status", "failed");
                    m.put("error", o.error());
                    m.put("exact", false);
                    break;
                default:
                    m.put("prediction", o.decoded().canonicalText());
                    m.put("exact", exact(method, i));
                    m.put("parsed", o.decoded().parsed());
                    m.put(
                            "rSquared",
                            finite(PolynomialFit.rSquared(e.truth(), o.decoded().polynomial())));
                    m.put("millis", finite(Math.round(o.millis() * 1000) / 1000.0));
                    if (truthRoots != null) {
                        m.put("largestRoot", predictedRoot(method, i));
                        m.put("rootWithin", rootWithin(method, i));
                    }
            }
            byMethod.put(method, m);
        }
        line.put("methods", byMethod);
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e2) {
            throw new IllegalStateException("cannot write a result line", e2); // plain values: cannot happen
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    public void writeSummary(Path file, List<String> plots) throws IOException {
        Files.writeString(file, summary(plots), StandardCharsets.UTF_8);
    }

    /** The per-method table alone (what the command prints). */
    public String methodTable() {
        StringBuilder b = new StringBuilder();
        String root = scoresRoots() ? " root within " + ROOT_TOLERANCE + " |" : "";
        b.append("| method | networks | not applicable | failed | exact match |" + root + " coefficient MAE | sign"
                + " accuracy | token accuracy | R² ≥ 0.999 | median R² | parse rate | ms / network |\n");
        b.append("| --- | ---: | ---: | ---: | ---: |" + (scoresRoots() ? " ---: |" : "")
                + " ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String method : methods) {
            Stats s = stats(method);
            Map<String, Double> m = s.metrics();
            b.append("| ")
                    .append(method)
                    .append(" | ")
                    .append(s.counted())
                    .append(" | ")
                    .append(s.notApplicable())
                    .append(" | ")
                    .append(s.failed())
                    .append(" | ")
                    .append(percent(s.exactMatch()))
                    .append(" | ")
                    .append(scoresRoots() ? percent(s.rootWithinRate()) + " | " : "")
                    .append(number(m.get(DecodingMetrics.COEFFICIENT_MAE), "%.4f"))
                    .append(" | ")
                    .append(percent(m.get(DecodingMetrics.SIGN_ACCURACY)))
                    .append(" | ")
                    .append(percent(m.get(DecodingMetrics.TOKEN_ACCURACY)))
                    .append(" | ")
                    .append(percent(s.goodFitRate()))
                    .append(" | ")
                    .append(number(m.get(DecodingMetrics.R_SQUARED), "%.5f"))
                    .append(" | ")
                    .append(percent(m.get(DecodingMetrics.PARSE_RATE)))
                    .append(" | ")
                    .append(number(s.millisPerNetwork(), "%.3f"))
                    .append(" |\n");
        }
        return b.toString();
    }

    String summary(List<String> plots) {
        StringBuilder b = new StringBuilder();
        b.append("# weights2eq: evaluation of the decoders\n\n");
        b.append("```\n").append(context.commandLine()).append("\n```\n\n");
        b.append(context.source()).append("\n\n");
        if (context.learnedModel() != null) {
            b.append("Learned model: ").append(context.learnedModel()).append(".\n\n");
        }
        b.append("## Decoders\n\n");
        b.append(methodTable()).append('\n');
        b.append("Exact match: the decoded polynomial's canonical text equals the truth's. Coefficient MAE and sign"
                + " accuracy over the slots c0, c1, c2; token accuracy over the truth's tokens and `<eos>`; R² of the"
                + " decoded polynomial against the true one at 201 points of [−1, 1] (an unparsable prediction as 0);"
                + " all as `DecodingMetrics` computes them. \"Not applicable\" networks (taylor on ReLU) are left out"
                + " of a method's figures; a decoder that threw counts as an unparsable prediction. ms / network: the"
                + " mean wall time of one `decode` call, one network at a time.\n\n");

        b.append("## Exact match by canonical-text length\n\n");
        List<Integer> buckets = lengthBuckets();
        List<String> labels = new ArrayList<>();
        List<IntPredicate> groups = new ArrayList<>();
        for (int bucket : buckets) {
            labels.add(bucketLabel(bucket));
            groups.add(i -> lengthBucket(i) == bucket);
        }
        breakdown(b, "length", labels, groups);

        b.append("## Exact match by coefficient kind\n\n");
        b.append("By the most decimals among the true coefficients: whole (none), decimal (up to ")
                .append(family.decimalDigits())
                .append("), fraction (more).\n\n");
        labels = new ArrayList<>();
        groups = new ArrayList<>();
        for (String kind : KINDS) {
            labels.add(kind);
            groups.add(i -> kinds[i].equals(kind));
        }
        breakdown(b, "kind", labels, groups);

        b.append("## Converged vs not converged\n\n");
        b.append(context.convergedMeaning()).append("\n\n");
        breakdown(
                b,
                "network",
                List.of("converged", "not converged"),
                List.of(i -> examples.get(i).converged(), i -> !examples.get(i).converged()));
        if (scoresRoots()) {
            b.append("Largest root within ").append(ROOT_TOLERANCE).append(" of the truth's:\n\n");
            rootBreakdown(
                    b,
                    List.of("converged", "not converged"),
                    List.of(
                            i -> examples.get(i).converged(),
                            i -> !examples.get(i).converged()));
        }

        b.append("## Trainer\n\n");
        TrainerFigures t = context.trainer();
        if (t == null) {
            b.append("The networks were trained elsewhere: no trainer figures.\n\n");
        } else {
            trainer(b, t);
        }

        b.append("## Files\n\n");
        b.append("- `results.jsonl`: one line per network: id, truth, per method the prediction and whether it is"
                + " exact\n");
        for (String plot : plots) {
            b.append("- ").append(plot).append('\n');
        }
        return b.toString();
    }

    private void breakdown(StringBuilder b, String what, List<String> labels, List<IntPredicate> groups) {
        b.append("| ").append(what).append(" | networks |");
        for (String method : methods) {
            b.append(' ').append(method).append(" |");
        }
        b.append("\n| --- | ---: |");
        b.append(" ---: |".repeat(methods.size()));
        b.append('\n');
        for (int g = 0; g < labels.size(); g++) {
            IntPredicate group = groups.get(g);
            int n = 0;
            for (int i = 0; i < examples.size(); i++) {
                if (group.test(i)) {
                    n++;
                }
            }
            b.append("| ").append(labels.get(g)).append(" | ").append(n).append(" |");
            for (String method : methods) {
                Stats s = stats(method, group);
                String cell;
                if (n == 0) {
                    cell = "–";
                } else if (s.counted() == 0) {
                    cell = "n/a";
                } else {
                    cell = percent(s.exactMatch()) + (s.counted() < n ? " (of " + s.counted() + ")" : "");
                }
                b.append(' ').append(cell).append(" |");
            }
            b.append('\n');
        }
        b.append('\n');
    }

    private void rootBreakdown(StringBuilder b, List<String> labels, List<IntPredicate> groups) {
        b.append("| network | networks |");
        for (String method : methods) {
            b.append(' ').append(method).append(" |");
        }
        b.append("\n| --- | ---: |").append(" ---: |".repeat(methods.size())).append('\n');
        for (int g = 0; g < labels.size(); g++) {
            IntPredicate group = groups.get(g);
            long n = IntStream.range(0, examples.size()).filter(group).count();
            b.append("| ").append(labels.get(g)).append(" | ").append(n).append(" |");
            for (String method : methods) {
                b.append(' ')
                        .append(n == 0 ? "–" : percent(stats(method, group).rootWithinRate()))
                        .append(" |");
            }
            b.append('\n');
        }
        b.append('\n');
    }

    private static void trainer(StringBuilder b, TrainerFigures t) {
        TrainingConfig c = t.config();
        b.append("| figure | value |\n| --- | ---: |\n");
        b.append("| networks trained | ").append(t.networks()).append(" |\n");
        b.append("| converged (relative validation MSE ≤ ")
                .append(number(c.targetRelativeMse(), "%.0e"))
                .append(") | ")
                .append(t.converged())
                .append(" (")
                .append(percent(t.convergenceRate()))
                .append(") |\n");
        b.append("| median relative validation MSE | ")
                .append(number(t.medianRelativeMse(), "%.3e"))
                .append(" |\n");
        b.append("| p90 relative validation MSE | ")
                .append(number(t.p90RelativeMse(), "%.3e"))
                .append(" |\n");
        b.append("| median validation MSE | ")
                .append(number(t.medianValidationMse(), "%.3e"))
                .append(" |\n");
        b.append("| steps per attempt | ").append(c.steps()).append(" |\n");
        b.append("| mean attempts | ")
                .append(number(t.meanAttempts(), "%.2f"))
                .append(" (at most ")
                .append(c.retries() + 1)
                .append(") |\n");
        b.append("| wall time (generation included) | ")
                .append(number(t.seconds(), "%.1f"))
                .append(" s (")
                .append(number(t.networksPerSecond(), "%.1f"))
                .append(" networks/s) |\n\n");
        b.append("Backend `")
                .append(t.backend())
                .append("` on ")
                .append(t.threads())
                .append(" thread(s); layout ")
                .append(Arrays.stream(c.layout().sizes())
                        .mapToObj(String::valueOf)
                        .collect(Collectors.joining("-")))
                .append(", ")
                .append(c.activation().label())
                .append(", Adam lr ")
                .append(c.learningRate())
                .append(" (")
                .append(c.schedule().name().toLowerCase(Locale.ROOT))
                .append("), minibatch ")
                .append(c.minibatch())
                .append(", ")
                .append(c.trainSamples())
                .append(" training / ")
                .append(c.validationSamples())
                .append(" validation samples, ")
                .append(c.retries())
                .append(" retries.\n\n");
    }

    static String percent(Double v) {
        return v == null || !Double.isFinite(v) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    /** {@code v} in {@code format}, or in scientific notation when it is too large for it (a diverged decoder). */
    static String number(Double v, String format) {
        if (v == null || !Double.isFinite(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 1e5 ? "%.2e" : format, v);
    }
}
