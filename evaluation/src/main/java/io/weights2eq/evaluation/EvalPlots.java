package io.weights2eq.evaluation;

import io.weights2eq.domain.decoding.CheckpointFormat;
import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.domain.decoding.DecodingMetrics;
import io.weights2eq.domain.network.Network;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's PNG plots, drawn with XChart without a display ({@code java.awt.headless=true}). One example's plot
 * of any function of one or two inputs, as SVG: {@link FunctionSvg}.
 */
public final class EvalPlots {
    public static final String CURVES = "curves.png";
    public static final String ACCURACY_BY_LENGTH = "accuracy-by-length.png";
    public static final String TRAINING_CURVE = "training-curve.png";
    /** Checkpoint metrics of {@link #trainingCurve}: validation exact match, training loss. */
    public static final String TRAINING_LOSS = "trainingLoss";

    static final int CURVE_CHARTS = 6;
    static final int CURVE_POINTS = 201;

    private EvalPlots() {}

    /** Must run before the first AWT class loads; harmless afterwards. */
    public static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * {@value #CURVES}: for up to 6 networks spread over the evaluation, the true polynomial, the network's own
     * function and each method's decoded polynomial on [−1, 1], a grid of 2 × 3 charts. The y axis spans the truth
     * and the network (with a margin), so that a wild prediction does not flatten the others.
     */
    public static void curves(EvalReport report, Path file) throws IOException {
        headless();
        int n = report.examples().size();
        int count = Math.min(CURVE_CHARTS, n);
        List<XYChart> charts = new ArrayList<>();
        double[] x = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            x[i] = PolynomialFit.x(i, CURVE_POINTS);
        }
        for (int c = 0; c < count; c++) {
            int index = (int) ((long) c * n / count);
            EvalExample e = report.examples().get(index);
            XYChart chart = new XYChartBuilder()
                    .width(480)
                    .height(480)
                    .title(shorten(e.id(), 28) + ": " + e.truthText())
                    .xAxisTitle("x")
                    .yAxisTitle("y")
                    .build();
            style(chart.getStyler());
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
            chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            chart.getStyler().setLegendSeriesLineLength(16);
            chart.getStyler().setMarkerSize(0);
            chart.getStyler().setXAxisMin(-1.0);
            chart.getStyler().setXAxisMax(1.0);
            chart.getStyler().setXAxisDecimalPattern("0.0");
            chart.getStyler().setXAxisTickMarkSpacingHint(60);
            double[] truth = values(x, e.truth()::evaluate);
            Network network = e.network();
            double[] net = values(x, network::evaluate);
            add(chart, "truth", x, truth, Color.BLACK, 3f, null);
            add(chart, "network", x, net, Color.GRAY, 2f, new float[] {6f, 4f});
            for (String method : report.methods()) {
                MethodOutcome o = report.outcome(method, index);
                if (o.decoded() == null || !o.decoded().parsed()) {
                    continue; // not applicable, failed, or no equation: nothing to draw
                }
                String label = method
                        + (report.exact(method, index)
                                ? " (exact)"
                                : ": " + o.decoded().canonicalText());
                add(chart, shorten(label, 40), x, values(x, o.decoded().polynomial()::evaluate), null, 1.5f, null);
            }
            double lo = Math.min(min(truth), min(net));
            double hi = Math.max(max(truth), max(net));
            double margin = Math.max(0.25, 0.1 * (hi - lo));
            chart.getStyler().setYAxisMin(lo - margin);
            chart.getStyler().setYAxisMax(hi + margin);
            charts.add(chart);
        }
        if (charts.isEmpty()) {
            return;
        }
        int cols = Math.min(3, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        BitmapEncoder.saveBitmap(charts, rows, cols, file.toString(), BitmapFormat.PNG);
    }

    /** {@value #ACCURACY_BY_LENGTH}: exact match by canonical-text length bucket, one bar series per method. */
    public static void accuracyByLength(EvalReport report, Path file) throws IOException {
        headless();
        CategoryChart chart = new CategoryChartBuilder()
                .width(900)
                .height(480)
                .title("Exact match by canonical-text length ("
                        + report.examples().size() + " networks)")
                .xAxisTitle("length of the true equation's canonical text (characters)")
                .yAxisTitle("exact match (%)")
                .build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setYAxisDecimalPattern("#0");
        List<Integer> buckets = report.lengthBuckets();
        List<String> labels = new ArrayList<>();
        for (int bucket : buckets) {
            int count = 0;
            for (int i = 0; i < report.examples().size(); i++) {
                if (report.lengthBucket(i) == bucket) {
                    count++;
                }
            }
            labels.add(EvalReport.bucketLabel(bucket) + " (n=" + count + ")");
        }
        boolean any = false;
        for (String method : report.methods()) {
            if (report.stats(method).counted() == 0) {
                continue; // not applicable to any network: no series
            }
            List<Double> rates = new ArrayList<>();
            for (int bucket : buckets) {
                double rate = report.stats(method, i -> report.lengthBucket(i) == bucket)
                        .exactMatch();
                rates.add(Double.isFinite(rate) ? 100 * rate : 0.0);
            }
            chart.addSeries(method, labels, rates);
            any = true;
        }
        if (!any) {
            chart.addSeries(
                    "(no method applied)", labels, labels.stream().map(l -> 0.0).toList());
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapFormat.PNG);
    }

    /** One point of the decoder's training curve. */
    public record CurvePoint(long step, long examplesSeen, double exactMatch, double trainingLoss) {}

    /**
     * The points of the decoder's training curve from the metrics stored in the checkpoint files, in step order;
     * unreadable files are skipped (listed in {@code skipped}).
     */
    public static List<CurvePoint> trainingPoints(List<Path> checkpoints, List<String> skipped) {
        List<CurvePoint> points = new ArrayList<>();
        for (Path file : checkpoints) {
            DecoderCheckpoint c;
            try {
                c = CheckpointFormat.read(file);
            } catch (IOException | RuntimeException e) {
                skipped.add(file.getFileName() + ": " + e.getMessage());
                continue;
            }
            Map<String, Double> m = c.metrics();
            points.add(new CurvePoint(
                    c.step(),
                    c.examplesSeen(),
                    m.getOrDefault(DecodingMetrics.EXACT_MATCH, Double.NaN),
                    m.getOrDefault(TRAINING_LOSS, Double.NaN)));
        }
        points.sort((a, b) -> Long.compare(a.step(), b.step()));
        return points;
    }

    /**
     * {@value #TRAINING_CURVE}: the decoder's validation exact match (left axis) and training loss (right axis)
     * against the training step, one point per checkpoint; false (nothing written) when no point has either metric.
     */
    public static boolean trainingCurve(List<CurvePoint> points, String title, Path file) throws IOException {
        headless();
        List<Double> steps = new ArrayList<>();
        List<Double> exact = new ArrayList<>();
        List<Double> lossSteps = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        for (CurvePoint p : points) {
            if (Double.isFinite(p.exactMatch())) {
                steps.add((double) p.step());
                exact.add(100 * p.exactMatch());
            }
            if (Double.isFinite(p.trainingLoss())) {
                lossSteps.add((double) p.step());
                loss.add(p.trainingLoss());
            }
        }
        if (exact.isEmpty() && loss.isEmpty()) {
            return false;
        }
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(480)
                .title(title)
                .xAxisTitle("training step")
                .build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(6);
        chart.setYAxisGroupTitle(0, "validation exact match (%)");
        chart.setYAxisGroupTitle(1, "training loss");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        if (!exact.isEmpty()) {
            XYSeries s = chart.addSeries("validation exact match (%)", toArray(steps), toArray(exact));
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(new Color(0x1f77b4));
            s.setMarkerColor(new Color(0x1f77b4));
            s.setYAxisGroup(0);
            chart.getStyler().setYAxisMin(0, 0.0);
            chart.getStyler().setYAxisMax(0, 100.0);
        }
        if (!loss.isEmpty()) {
            XYSeries s = chart.addSeries("training loss", toArray(lossSteps), toArray(loss));
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setLineColor(new Color(0xd62728));
            s.setMarkerColor(new Color(0xd62728));
            s.setYAxisGroup(exact.isEmpty() ? 0 : 1);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapFormat.PNG);
        return true;
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static void style(Styler styler) {
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setAntiAlias(true);
    }

    private static void add(
            XYChart chart, String name, double[] x, double[] y, Color color, float width, float[] dash) {
        XYSeries s = chart.addSeries(uniqueName(chart, name), x, y);
        s.setMarker(SeriesMarkers.NONE);
        if (color != null) {
            s.setLineColor(color);
        }
        s.setLineStyle(
                dash == null
                        ? new BasicStroke(width)
                        : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
    }

    private static String uniqueName(XYChart chart, String name) {
        String candidate = name;
        for (int i = 2; chart.getSeriesMap().containsKey(candidate); i++) {
            candidate = name + " #" + i;
        }
        return candidate;
    }

    private static double[] values(double[] x, java.util.function.DoubleUnaryOperator f) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        return y;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                m = Math.min(m, d);
            }
        }
        return Double.isFinite(m) ? m : -1;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                m = Math.max(m, d);
            }
        }
        return Double.isFinite(m) ? m : 1;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
