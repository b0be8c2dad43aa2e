package io.weights2eq.domain.decoding.symbolic;

import io.weights2eq.domain.network.InputDomain;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores candidate expressions on the verification grid and ranks them: those {@link Acceptance acceptable}
 * against the best first, simplest first (fewest tokens, then the better fit), then the rest by fit. Duplicate
 * texts count once (the first proposer kept).
 */
final class Selection {
    private Selection() {}

    record Proposal(Expr expr, String source) {}

    static SymbolicDecision choose(List<Proposal> proposals, TargetFunction f, Acceptance acceptance) {
        InputDomain domain = f.domain();
        Grid grid = Grid.verification(domain);
        double[] target = grid.values(f);
        Map<String, SymbolicCandidate> byText = new LinkedHashMap<>();
        Map<String, Scoring.Score> scores = new HashMap<>();
        for (Proposal p : proposals) {
            if (p.expr() == null) {
                continue;
            }
            String text = p.expr().text();
            byText.computeIfAbsent(text, t -> {
                Scoring.Score s = Scoring.of(target, grid.values(p.expr()));
                scores.put(t, s);
                return new SymbolicCandidate(t, p.source(), s.fit(), s.relativeRmsError(), Complexity.of(t));
            });
        }
        List<SymbolicCandidate> all = new ArrayList<>(byText.values());
        if (all.isEmpty()) {
            throw new IllegalStateException("no candidate expression for the function");
        }
        double best =
                all.stream().mapToDouble(SymbolicCandidate::unexplained).min().orElseThrow();
        Comparator<SymbolicCandidate> simplest = Comparator.comparingInt(SymbolicCandidate::complexity)
                .thenComparingDouble(SymbolicCandidate::unexplained);
        List<SymbolicCandidate> ranked = new ArrayList<>(all.stream()
                .filter(c -> acceptance.acceptsOffset(scores.get(c.text()), best))
                .sorted(simplest)
                .toList());
        ranked.addAll(all.stream()
                .filter(c -> !acceptance.acceptsOffset(scores.get(c.text()), best))
                .sorted(Comparator.comparingDouble(SymbolicCandidate::unexplained))
                .toList());
        return new SymbolicDecision(ranked.get(0), ranked.size() > 1 ? ranked.get(1) : null, List.copyOf(ranked));
    }
}
