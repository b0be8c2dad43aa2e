package io.weights2eq.soak;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** {@code soak.png}: RSS, off-heap and heap used of every process over the run, one chart each, in MB. */
final class SoakPlot {
    static final String FILE = "soak.png";

    private SoakPlot() {}

    static void write(List<MemorySample> samples, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true"); // before the first AWT class loads
        List<XYChart> charts = List.of(
                chart("RSS (MB)", samples, MemorySample::rss),
                chart("off-heap = RSS - committed heap (MB)", samples, MemorySample::offHeap),
                chart("heap used (MB)", samples, MemorySample::heapUsed));
        BitmapEncoder.saveBitmap(new ArrayList<>(charts), 1, charts.size(), file.toString(), BitmapFormat.PNG);
    }

    private static XYChart chart(String title, List<MemorySample> samples, ToLongFunction<MemorySample> value) {
        XYChart chart = new XYChartBuilder()
                .width(560)
                .height(400)
                .title(title)
                .xAxisTitle("minutes")
                .yAxisTitle("MB")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (MemorySample s : samples) {
            long v = value.applyAsLong(s);
            if (v >= 0) {
                series.computeIfAbsent(s.process(), k -> new ArrayList<>())
                        .add(new double[] {s.elapsedSeconds() / 60.0, v / (double) (1 << 20)});
            }
        }
        series.forEach((process, points) -> chart.addSeries(
                process,
                points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray()));
        if (series.isEmpty()) {
            chart.addSeries("none", new double[] {0}, new double[] {0});
        }
        return chart;
    }
}
