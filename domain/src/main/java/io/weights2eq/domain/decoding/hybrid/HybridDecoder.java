package io.weights2eq.domain.decoding.hybrid;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.DecoderFeatures;
import io.weights2eq.domain.decoding.EquationDecoder;
import io.weights2eq.domain.decoding.LearnedDecoder;
import io.weights2eq.domain.decoding.TransformerDecoder;
import io.weights2eq.domain.decoding.analytic.CoefficientRounding;
import io.weights2eq.domain.decoding.analytic.FunctionFit;
import io.weights2eq.domain.decoding.analytic.Projection;
import io.weights2eq.domain.decoding.analytic.ProjectionDecoder;
import io.weights2eq.domain.decoding.taylor.TaylorDecoder;
import io.weights2eq.domain.decoding.taylor.TaylorExpansion;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.domain.network.Network;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes by verification: every candidate — the learned decoder's beam hypotheses, the network's least-squares
 * projection rounded at each precision the family allows, the Taylor expansion (smooth activations) rounded the
 * same way — is scored against the network's own function on [a, b], and the <em>simplest</em> candidate whose
 * unexplained variance (1 − R²) is within {@code tolerance} of the best candidate's wins: fewest terms, then fewest
 * decimal digits, then the better fit. Why a tolerance: a network only pins its coefficients as well as it fits
 * its equation (median relative validation MSE ~4e-4 for the default trainer), so a candidate that fits a little
 * better than the truth is often the truth plus the network's error, rounded. Immutable and thread-safe.
 */
public final class HybridDecoder implements EquationDecoder {

    public static final String METHOD = "hybrid";
    /** Default tolerance on 1 − R²; below the ~1e-3 a 0.1 change of one coefficient costs on typical equations. */
    public static final double DEFAULT_TOLERANCE = 1e-4;

    public static final int DEFAULT_BEAM = 4;

    /** A candidate with the decoder that proposed it and its fit to the network. */
    public record Scored(Polynomial polynomial, String method, FunctionFit fit) {
        double unexplained() {
            return 1 - fit.rSquared();
        }
    }

    /** The winner, the runner-up (null when there was one candidate) and every distinct candidate weighed. */
    public record Decision(Scored chosen, Scored runnerUp, List<Scored> candidates) {}

    private final LearnedDecoder learned;
    private final EquationFamily family;
    private final double a;
    private final double b;
    private final double tolerance;
    private final int beam;

    public HybridDecoder(LearnedDecoder learnedOrNull, EquationFamily family, double a, double b) {
        this(learnedOrNull, family, a, b, DEFAULT_TOLERANCE, DEFAULT_BEAM);
    }

    public HybridDecoder(
            LearnedDecoder learnedOrNull, EquationFamily family, double a, double b, double tolerance, int beam) {
        if (!(a < b)) {
            throw new IllegalArgumentException("xMin must be below xMax, were " + a + " and " + b);
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in [0, 1), was " + tolerance);
        }
        if (beam < 1 || beam > 64) {
            throw new IllegalArgumentException("beam must be between 1 and 64, was " + beam);
        }
        this.learned = learnedOrNull;
        this.family = family.requireValid();
        this.a = a;
        this.b = b;
        this.tolerance = tolerance;
        this.beam = beam;
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public DecodedEquation decode(Network network) {
        return decode(decide(network));
    }

    /** The decision's winner as a decoded equation (method {@code hybrid}). */
    public DecodedEquation decode(Decision decision) {
        Polynomial chosen = decision.chosen().polynomial();
        String text = chosen.toCanonicalText();
        int[] ids = Vocabulary.encode(text);
        int[] tokens = Arrays.copyOf(ids, ids.length + 1);
        tokens[ids.length] = Vocabulary.EOS;
        return new DecodedEquation(text, chosen, tokens, METHOD, learned == null ? null : learned.version());
    }

    public Decision decide(Network network) {
        Map<String, Scored> byText = new LinkedHashMap<>();
        for (Map.Entry<Polynomial, String> c : proposals(network).entrySet()) {
            byText.computeIfAbsent(
                    c.getKey().toCanonicalText(),
                    t -> new Scored(c.getKey(), c.getValue(), FunctionFit.of(c.getKey(), network, a, b)));
        }
        List<Scored> all = new ArrayList<>(byText.values());
        if (all.isEmpty()) {
            throw new IllegalStateException("no candidate for the network (no decoder proposed anything)");
        }
        double best = all.stream().mapToDouble(Scored::unexplained).min().orElseThrow();
        Comparator<Scored> simplest = Comparator.comparingInt((Scored s) -> terms(s.polynomial()))
                .thenComparingInt(s -> digits(s.polynomial()))
                .thenComparingDouble(Scored::unexplained);
        List<Scored> accepted = all.stream()
                .filter(s -> s.unexplained() <= best + tolerance)
                .sorted(simplest)
                .toList();
        List<Scored> rest = all.stream()
                .filter(s -> s.unexplained() > best + tolerance)
                .sorted(Comparator.comparingDouble(Scored::unexplained))
                .toList();
        List<Scored> ranked = new ArrayList<>(accepted);
        ranked.addAll(rest);
        return new Decision(ranked.get(0), ranked.size() > 1 ? ranked.get(1) : null, List.copyOf(ranked));
    }

    /** Every proposal, first proposer kept for a duplicate (learned, then analytic, then taylor). */
    private Map<Polynomial, String> proposals(Network network) {
        Map<Polynomial, String> out = new LinkedHashMap<>();
        if (learned != null) {
            TransformerDecoder transformer =
                    new TransformerDecoder(learned.checkpoint().weights());
            float[] features =
                    DecoderFeatures.of(network, learned.checkpoint().config().probes());
            for (TransformerDecoder.Hypothesis h : transformer.beam(features, beam)) {
                DecodedEquation d = learned.fromTokens(h.tokens());
                if (d.parsed() && d.polynomial().degree() <= family.degree()) {
                    out.putIfAbsent(d.polynomial(), LearnedDecoder.METHOD);
                }
            }
        }
        double[] projection = Projection.coefficients(network, family, a, b);
        for (Polynomial p : CoefficientRounding.candidates(projection, family)) {
            out.putIfAbsent(p, ProjectionDecoder.METHOD);
        }
        if (TaylorDecoder.applies(network)) {
            double[] taylor = TaylorExpansion.coefficients(network, family.degree(), TaylorDecoder.DEFAULT_ORDER, 0.0);
            if (Arrays.stream(taylor).allMatch(Double::isFinite)) {
                for (Polynomial p : CoefficientRounding.candidates(taylor, family)) {
                    out.putIfAbsent(p, TaylorDecoder.METHOD);
                }
            }
        }
        return out;
    }

    private static int terms(Polynomial p) {
        int n = 0;
        for (BigDecimal c : p.ascendingCoefficients(0)) {
            n += c.signum() != 0 ? 1 : 0;
        }
        return n;
    }

    private static int digits(Polynomial p) {
        int n = 0;
        for (BigDecimal c : p.ascendingCoefficients(0)) {
            n += Math.max(0, c.stripTrailingZeros().scale());
        }
        return n;
    }
}
