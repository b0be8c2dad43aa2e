package io.weights2eq.evaluation;

import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * One example's plot as SVG text, for any function of one or two inputs (the truth, the network's own function and
 * each decoded one): curves over the domain for one input, heat maps side by side on a shared colour scale for
 * two. Hand-written SVG, so that a test can read its structure back and no display or font is needed.
 */
public final class FunctionSvg {
    static final int CURVE_POINTS = 201;
    static final int GRID = 30;
    static final int COLOUR_STEPS = 32;
    static final String TRUTH = "truth";
    static final String NETWORK = "network";

    private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
    // viridis at 0, 1/4, 1/2, 3/4, 1: its luminance rises monotonically, so darker always means lower
    private static final int[][] VIRIDIS = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};

    private FunctionSvg() {}

    /**
     * Curves of {@code truth} (black), {@code network} (grey, dashed) and each decoded function (named by its
     * method) over {@code x}. The y axis spans the truth and the network with a margin, so that a wild decoded
     * function does not flatten the others; points where a function is not finite break its curve.
     */
    public static String curves(
            String title,
            Interval x,
            DoubleUnaryOperator truth,
            DoubleUnaryOperator network,
            Map<String, DoubleUnaryOperator> decoded) {
        Map<String, DoubleUnaryOperator> series = named(truth, network, decoded);
        double[] xs = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            xs[i] = x.lo() + x.width() * i / (CURVE_POINTS - 1);
        }
        Map<String, double[]> ys = new LinkedHashMap<>();
        series.forEach((name, f) -> ys.put(name, values(xs, f)));
        double[] range = range(List.of(ys.get(TRUTH), ys.get(NETWORK)));
        double margin = Math.max(0.25, 0.1 * (range[1] - range[0]));
        double yLo = range[0] - margin;
        double yHi = range[1] + margin;

        int left = 60, top = 40, w = 440, h = 300;
        Svg svg = new Svg(left + w + 20, top + h + 60 + 16 * series.size());
        svg.text(left + w / 2.0, 22, "title", "middle", title);
        svg.raw("<rect class=\"plot\" x=\"" + left + "\" y=\"" + top + "\" width=\"" + w + "\" height=\"" + h
                + "\" fill=\"none\" stroke=\"#888\"/>");
        svg.text(left, top + h + 16, "x-axis", "start", label(x.lo()));
        svg.text(left + w, top + h + 16, "x-axis", "end", label(x.hi()));
        svg.text(left + w / 2.0, top + h + 30, "x-title", "middle", "x");
        svg.text(left - 6, top + h, "y-axis", "end", label(yLo));
        svg.text(left - 6, top + 10, "y-axis", "end", label(yHi));
        int index = 0;
        for (Map.Entry<String, double[]> s : ys.entrySet()) {
            String stroke = index == 0 ? "#000" : index == 1 ? "#777" : PALETTE[(index - 2) % PALETTE.length];
            String style = "stroke=\"" + stroke + "\" stroke-width=\"" + (index == 0 ? 3 : index == 1 ? 2 : 1.5) + "\""
                    + (index == 1 ? " stroke-dasharray=\"6 4\"" : "");
            StringBuilder d = new StringBuilder();
            boolean pen = false;
            double[] y = s.getValue();
            for (int i = 0; i < xs.length; i++) {
                if (!Double.isFinite(y[i])) {
                    pen = false;
                    continue;
                }
                double py = top + h * (yHi - clamp(y[i], yLo, yHi)) / (yHi - yLo);
                d.append(pen ? " L" : (d.length() == 0 ? "M" : " M"))
                        .append(num(left + w * (double) i / (xs.length - 1)))
                        .append(' ')
                        .append(num(py));
                pen = true;
            }
            svg.raw("<path class=\"series\" data-series=\"" + Svg.escape(s.getKey()) + "\" d=\"" + d
                    + "\" fill=\"none\" " + style + "/>");
            double ly = top + h + 48 + 16 * index;
            svg.raw("<line x1=\"" + left + "\" y1=\"" + (ly - 4) + "\" x2=\"" + (left + 24) + "\" y2=\"" + (ly - 4)
                    + "\" " + style + "/>");
            svg.text(left + 30, ly, "legend", "start", s.getKey());
            index++;
        }
        return svg.close();
    }

    /**
     * Heat maps of {@code truth}, {@code network} and each decoded function on the two-input {@code domain}, side by
     * side, with one colour bar. The colour scale spans the truth and the network; values beyond it take the end
     * colours and non-finite ones are white.
     */
    public static String surfaces(
            String title,
            InputDomain domain,
            DoubleBinaryOperator truth,
            DoubleBinaryOperator network,
            Map<String, DoubleBinaryOperator> decoded) {
        if (domain.inputs() != 2) {
            throw new IllegalArgumentException("domain: surfaces need 2 inputs, was " + domain.inputs());
        }
        Map<String, DoubleBinaryOperator> panels = named(truth, network, decoded);
        Interval x1 = domain.input(0);
        Interval x2 = domain.input(1);
        Map<String, double[]> grids = new LinkedHashMap<>();
        panels.forEach((name, f) -> {
            double[] g = new double[GRID * GRID];
            for (int j = 0; j < GRID; j++) {
                for (int i = 0; i < GRID; i++) {
                    g[j * GRID + i] = f.applyAsDouble(centre(x1, i), centre(x2, j));
                }
            }
            grids.put(name, g);
        });
        double[] range = range(List.of(grids.get(TRUTH), grids.get(NETWORK)));
        if (!(range[1] > range[0])) {
            range = new double[] {range[0] - 0.5, range[0] + 0.5}; // a constant: any colour will do
        }

        int side = 240, cell = side / GRID, gap = 50, left = 50, top = 50;
        int barX = left + panels.size() * (side + gap);
        Svg svg = new Svg(barX + 100, top + side + 60);
        svg.text((barX + 60) / 2.0, 22, "title", "middle", title);
        int p = 0;
        for (Map.Entry<String, double[]> panel : grids.entrySet()) {
            int ox = left + p * (side + gap);
            svg.raw("<g class=\"panel\" data-series=\"" + Svg.escape(panel.getKey()) + "\">");
            svg.text(ox + side / 2.0, top - 8, "panel-title", "middle", panel.getKey());
            double[] g = panel.getValue();
            for (int j = 0; j < GRID; j++) {
                for (int i = 0; i < GRID; i++) {
                    double v = g[j * GRID + i];
                    String fill = Double.isFinite(v) ? hex(colour(unit(v, range))) : "#fff";
                    // x2 grows upwards, as on a chart
                    svg.raw("<rect data-i=\"" + i + "\" data-j=\"" + j + "\" x=\"" + (ox + i * cell)
                            + "\" y=\"" + (top + side - (j + 1) * cell) + "\" width=\"" + cell + "\" height=\""
                            + cell + "\" fill=\"" + fill + "\"/>");
                }
            }
            svg.text(ox, top + side + 16, "x-axis", "start", label(x1.lo()));
            svg.text(ox + side, top + side + 16, "x-axis", "end", label(x1.hi()));
            svg.text(ox + side / 2.0, top + side + 30, "x-title", "middle", "x1");
            svg.text(ox - 4, top + side, "y-axis", "end", label(x2.lo()));
            svg.text(ox - 4, top + 10, "y-axis", "end", label(x2.hi()));
            svg.text(ox - 4, top + side / 2.0, "y-title", "end", "x2");
            svg.raw("</g>");
            p++;
        }
        double step = (double) side / COLOUR_STEPS;
        for (int k = 0; k < COLOUR_STEPS; k++) {
            double t = (k + 0.5) / COLOUR_STEPS;
            double value = range[0] + t * (range[1] - range[0]);
            svg.raw("<rect class=\"scale\" data-value=\"" + value + "\" x=\"" + barX + "\" y=\""
                    + num(top + side - (k + 1) * step) + "\" width=\"16\" height=\"" + num(step) + "\" fill=\""
                    + hex(colour(t)) + "\"/>");
        }
        svg.text(barX + 22, top + side, "scale-label", "start", label(range[0]));
        svg.text(barX + 22, top + 10, "scale-label", "start", label(range[1]));
        return svg.close();
    }

    /** The colour of {@code t} in [0, 1] on the scale (viridis, linear between its anchors), as 0xRRGGBB. */
    static int colour(double t) {
        double s = clamp(t, 0, 1) * (VIRIDIS.length - 1);
        int k = Math.min((int) s, VIRIDIS.length - 2);
        double f = s - k;
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            rgb = (rgb << 8) | (int) Math.round(VIRIDIS[k][c] + f * (VIRIDIS[k + 1][c] - VIRIDIS[k][c]));
        }
        return rgb;
    }

    /** Relative luminance (Rec. 709 weights on the sRGB channels), enough to order colours from dark to light. */
    static double luminance(int rgb) {
        return 0.2126 * (rgb >> 16 & 0xff) + 0.7152 * (rgb >> 8 & 0xff) + 0.0722 * (rgb & 0xff);
    }

    /** A plot's number: at most 4 significant digits, no trailing zeros ("4", "-0.5", "0.3333"). */
    static String label(double v) {
        if (v == 0) {
            return "0"; // also -0.0
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static <F> Map<String, F> named(F truth, F network, Map<String, F> decoded) {
        Map<String, F> all = new LinkedHashMap<>();
        all.put(TRUTH, Objects.requireNonNull(truth, TRUTH));
        all.put(NETWORK, Objects.requireNonNull(network, NETWORK));
        decoded.forEach((name, f) -> {
            if (all.containsKey(name)) {
                throw new IllegalArgumentException("decoded: a method may not be named " + name);
            }
            all.put(name, Objects.requireNonNull(f, name));
        });
        return all;
    }

    private static double centre(Interval x, int i) {
        return x.lo() + x.width() * (i + 0.5) / GRID;
    }

    private static double[] values(double[] xs, DoubleUnaryOperator f) {
        double[] y = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            y[i] = f.applyAsDouble(xs[i]);
        }
        return y;
    }

    /** [min, max] of the finite values, [-1, 1] when there are none. */
    private static double[] range(List<double[]> series) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] s : series) {
            for (double v : s) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {-1, 1};
    }

    private static double unit(double v, double[] range) {
        return (v - range[0]) / (range[1] - range[0]);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static String hex(int rgb) {
        return String.format("#%06x", rgb);
    }

    private static String num(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    /** The few SVG elements the plots need. */
    private static final class Svg {
        private final StringBuilder out = new StringBuilder();

        Svg(int width, int height) {
            out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                    .append(width)
                    .append("\" height=\"")
                    .append(height)
                    .append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
                    .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        }

        void raw(String element) {
            out.append(element).append('\n');
        }

        void text(double x, double y, String cls, String anchor, String text) {
            raw("<text class=\"" + cls + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\">"
                    + escape(text) + "</text>");
        }

        String close() {
            return out.append("</svg>\n").toString();
        }

        static String escape(String s) {
            return s.replace("&", "&amp;")
                    .replace("<", "&lt;")
                    .replace(">", "&gt;")
                    .replace("\"", "&quot;");
        }
    }
}
