package io.weights2eq.domain.decoding;

import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.Vocabulary;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates how well decoded equations match the truth; {@link #summary()} reports, by these names:
 * <ul>
 * <li>{@value #TOKEN_ACCURACY}: over every target position ({@link #targetTokens}: the truth's canonical text, then
 *     {@code <eos>}), the fraction where the emitted token at that position equals the target's (an emitted
 *     sequence that is shorter counts as a mismatch there), pooled over all examples;</li>
 * <li>{@value #EXACT_MATCH}: fraction whose decoded polynomial has the truth's canonical text (unparsable: a miss);</li>
 * <li>{@value #COEFFICIENT_MAE}: mean |predicted − true| over the coefficient slots c0, c1, c2 (max(3, degree + 1)
 *     slots of either polynomial), pooled over all examples; an unparsable prediction counts as all zeros;</li>
 * <li>{@value #SIGN_ACCURACY}: fraction of those slots where signum(predicted) == signum(true) (−1, 0, +1), an
 *     unparsable prediction again as zeros;</li>
 * <li>{@value #R_SQUARED}: per example 1 − SSE/SST of the predicted against the true polynomial at 201 evenly spaced
 *     x in [−1, 1] (when SST is 0: 1 if SSE is 0, else 0), reported as the MEDIAN over examples, because a single
 *     wild prediction has an unbounded negative R² and would dominate a mean;</li>
 * <li>{@value #PARSE_RATE}: fraction of decoded texts that parse as an equation;</li>
 * <li>{@value #COUNT}: number of examples.</li>
 * </ul>
 * Every rate is NaN while nothing was added. Not thread-safe.
 */
public final class DecodingMetrics {

    public static final String TOKEN_ACCURACY = "tokenAccuracy";
    public static final String EXACT_MATCH = "exactMatch";
    public static final String COEFFICIENT_MAE = "coefficientMae";
    public static final String SIGN_ACCURACY = "signAccuracy";
    public static final String R_SQUARED = "rSquared";
    public static final String PARSE_RATE = "parseRate";
    public static final String COUNT = "count";

    static final int R_SQUARED_POINTS = 201;

    private long count;
    private long tokenPositions;
    private long tokensCorrect;
    private long exact;
    private long parsed;
    private long slots;
    private double absoluteErrorSum;
    private long signsCorrect;
    private final List<Double> rSquared = new ArrayList<>();

    /** The target token ids: the truth's canonical text, then {@code <eos>} (no {@code <bos>}). */
    public static int[] targetTokens(Polynomial truth) {
        int[] text = Vocabulary.encode(truth.toCanonicalText());
        int[] tokens = Arrays.copyOf(text, text.length + 1);
        tokens[text.length] = Vocabulary.EOS;
        return tokens;
    }

    public void add(Polynomial truth, DecodedEquation decoded) {
        count++;
        int[] target = targetTokens(truth);
        int[] emitted = decoded.tokenIds() == null ? new int[0] : decoded.tokenIds();
        tokenPositions += target.length;
        for (int i = 0; i < target.length && i < emitted.length; i++) {
            if (emitted[i] == target[i]) {
                tokensCorrect++;
            }
        }
        Polynomial predicted = decoded.polynomial() == null ? Polynomial.zero() : decoded.polynomial();
        if (decoded.polynomial() != null) {
            parsed++;
            if (predicted.toCanonicalText().equals(truth.toCanonicalText())) {
                exact++;
            }
        }
        int n = Math.max(3, Math.max(truth.degree(), predicted.degree()) + 1);
        for (int power = 0; power < n; power++) {
            BigDecimal p = predicted.coefficient(power);
            BigDecimal t = truth.coefficient(power);
            absoluteErrorSum += p.subtract(t).abs().doubleValue();
            if (p.signum() == t.signum()) {
                signsCorrect++;
            }
        }
        slots += n;
        rSquared.add(rSquared(truth, predicted));
    }

    /** 1 − SSE/SST at {@value #R_SQUARED_POINTS} evenly spaced x in [−1, 1]; see the class comment. */
    static double rSquared(Polynomial truth, Polynomial predicted) {
        double[] y = new double[R_SQUARED_POINTS];
        double mean = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = truth.evaluate(x(i));
            mean += y[i];
        }
        mean /= y.length;
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < y.length; i++) {
            double e = y[i] - predicted.evaluate(x(i));
            sse += e * e;
            sst += (y[i] - mean) * (y[i] - mean);
        }
        if (sst == 0) {
            return sse == 0 ? 1 : 0;
        }
        return 1 - sse / sst;
    }

    private static double x(int i) {
        return -1 + 2.0 * i / (R_SQUARED_POINTS - 1);
    }

    public long count() {
        return count;
    }

    /** The metrics by name, in the order of the constants above. */
    public Map<String, Double> summary() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put(TOKEN_ACCURACY, ratio(tokensCorrect, tokenPositions));
        s.put(EXACT_MATCH, ratio(exact, count));
        s.put(COEFFICIENT_MAE, slots == 0 ? Double.NaN : absoluteErrorSum / slots);
        s.put(SIGN_ACCURACY, ratio(signsCorrect, slots));
        s.put(R_SQUARED, median(rSquared));
        s.put(PARSE_RATE, ratio(parsed, count));
        s.put(COUNT, (double) count);
        return s;
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
