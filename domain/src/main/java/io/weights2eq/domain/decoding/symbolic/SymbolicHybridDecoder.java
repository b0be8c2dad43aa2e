package io.weights2eq.domain.decoding.symbolic;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.EquationDecoder;
import io.weights2eq.domain.decoding.hybrid.HybridDecoder;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.network.Network;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hybrid decoder of elementary expressions: the {@link SparseTermDecoder}'s candidates at every sparsity level,
 * the best {@value #REFINED} of them again with every constant (inner ones too: the 2 of sin(2*x)) re-optimised
 * against the function by Levenberg–Marquardt and rounded, the same for their {@link Rewrites} (a constant moved
 * where the family may have put it: {@code 0.37*exp(x)} as {@code exp(x-1)}) and {@link TrigIdentities} (sinusoids
 * regrouped: {@code 1.2*sin(x)-2*cos(x+5.1)} as {@code sin(x+4)}), and any candidate texts a {@link CandidateSupplier}
 * gives (the hook for a learned model of the family), fitted the same way. All are scored on the verification
 * grid; the simplest (fewest tokens, {@link Complexity}) within the function's own error ({@link Acceptance}) wins
 * and the next in that ranking is named the runner-up. Thread-safe when the supplier is.
 */
public final class SymbolicHybridDecoder implements EquationDecoder {
    /** How many of the analytic decoder's best candidates have their inner constants re-optimised. */
    public static final int REFINED = 3;

    private static final int REFIT_STEP = 4;

    /**
     * A regrouping at best halves a text (two sinusoids as one), so a candidate longer than twice the first choice,
     * and a few tokens, is not refined: on a linear function the refits of 100-token look-alikes took seconds.
     */
    private static final int OUTGROWN = 2;

    private static final int OUTGROWN_SLACK = 4;

    /** Rewrites refitted per candidate: a long sum of sinusoids has dozens, each a refit of every constant. */
    private static final int MAX_VARIANTS = 24;

    /** Candidate texts for a function, in the shared syntax; an unreadable one is skipped. */
    @FunctionalInterface
    public interface CandidateSupplier {
        CandidateSupplier NONE = f -> List.of();

        List<String> candidates(TargetFunction f);
    }

    private final SparseTermDecoder analytic;
    private final CandidateSupplier supplier;

    public SymbolicHybridDecoder(EquationFamily family, Acceptance acceptance, CandidateSupplier supplier) {
        this.analytic = new SparseTermDecoder(family, acceptance);
        this.supplier = supplier;
    }

    @Override
    public String method() {
        return HybridDecoder.METHOD;
    }

    @Override
    public DecodedEquation decode(Network network) {
        return decide(TargetFunction.of(network)).decoded(method(), network.inputs());
    }

    public SymbolicDecision decide(TargetFunction f) {
        SparseTermDecoder.Analysis analysis = analytic.analyse(f);
        List<Selection.Proposal> all = new ArrayList<>(analysis.proposals());
        Map<String, Expr> byText = new HashMap<>();
        for (Selection.Proposal p : analysis.proposals()) {
            if (p.expr() != null) {
                byText.putIfAbsent(p.expr().text(), p.expr());
            }
        }
        int inputs = f.domain().inputs();
        SymbolicDecision first = Selection.choose(analysis.proposals(), f, analytic.acceptance());
        List<SymbolicCandidate> ranked = first.ranked();
        int longest = OUTGROWN * ranked.get(0).complexity() + OUTGROWN_SLACK;
        for (int i = 0; i < Math.min(REFINED, ranked.size()); i++) {
            if (i > 0 && ranked.get(i).complexity() > longest) {
                continue; // no refit or regrouping makes it simpler than the choice so far
            }
            Expr e = byText.get(ranked.get(i).text());
            Expr refitted = refit(e, analysis);
            all.add(new Selection.Proposal(refitted, "analytic+refit"));
            Set<String> moved = new HashSet<>();
            for (Expr start : List.of(e, refitted)) {
                List<Expr> variants = new ArrayList<>(Rewrites.of(start));
                for (Expr regrouped : TrigIdentities.of(start, inputs)) {
                    variants.add(regrouped);
                    variants.addAll(Rewrites.of(regrouped));
                }
                for (Expr variant : variants.subList(0, Math.min(MAX_VARIANTS, variants.size()))) {
                    if (moved.add(variant.text())) {
                        all.add(new Selection.Proposal(refit(variant, analysis), "analytic+rewrite"));
                    }
                }
            }
        }
        for (String text : supplier.candidates(f)) {
            Expr e;
            try {
                e = ExprOf.text(text, inputs);
            } catch (IllegalArgumentException unreadable) {
                continue; // a model may emit nonsense; the other candidates still count
            }
            all.add(new Selection.Proposal(refit(e, analysis), "supplied"));
        }
        return Selection.choose(all, f, analytic.acceptance());
    }

    /** On every {@value #REFIT_STEP}th fitting point: the refit evaluates the expression some hundred times. */
    private Expr refit(Expr e, SparseTermDecoder.Analysis analysis) {
        return Tidy.of(ConstantFit.nonlinear(
                e,
                analysis.grid().every(REFIT_STEP),
                Grid.every(analysis.values(), REFIT_STEP),
                analytic.digits(),
                analytic.acceptance()));
    }
}
