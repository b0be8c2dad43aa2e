package io.weights2eq.domain.decoding.symbolic;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.EquationDecoder;
import io.weights2eq.domain.decoding.analytic.ProjectionDecoder;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.network.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The analytic decoder of elementary expressions (SINDy/STLSQ-like): sample the function on a grid of its domain
 * ({@link Grid}), find the few {@link Dictionary} terms that explain it ({@link SparseRegression}: greedy path plus
 * exhaustive search over a short list), fit and round each support's coefficients to the family's kinds
 * ({@link ConstantFit}), and choose, on a different grid, the simplest candidate whose fit is within the
 * function's own error ({@link Selection}, {@link Acceptance}). Stateless apart from the per-domain dictionary
 * cache; thread-safe.
 */
public final class SparseTermDecoder implements EquationDecoder {
    private final int[] digits;
    private final Acceptance acceptance;

    public SparseTermDecoder(EquationFamily family, Acceptance acceptance) {
        this.digits = digits(family);
        this.acceptance = acceptance;
    }

    /**
     * The precisions a constant may take, coarsest first: whole, the family's decimal digits, a fraction
     * ({@link ConstantFit#FRACTION}), its fraction digits.
     */
    static int[] digits(EquationFamily family) {
        List<Integer> decimals =
                new ArrayList<>(new TreeSet<>(List.of(0, family.decimalDigits(), family.fractionDigits())));
        decimals.add(decimals.size() - 1, ConstantFit.FRACTION);
        return decimals.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String method() {
        return ProjectionDecoder.METHOD;
    }

    @Override
    public DecodedEquation decode(Network network) {
        return decide(TargetFunction.of(network)).decoded(method(), network.inputs());
    }

    public SymbolicDecision decide(TargetFunction f) {
        return Selection.choose(analyse(f).proposals(), f, acceptance);
    }

    /**
     * What the sparse regression found: the function on the fitting grid and one rounded candidate per support.
     */
    record Analysis(Grid grid, double[] values, List<Selection.Proposal> proposals) {}

    /** One rounded candidate per support found, at every sparsity level. */
    Analysis analyse(TargetFunction f) {
        Dictionary dictionary = Dictionary.of(f.domain());
        double[] y = dictionary.grid.values(f);
        for (double v : y) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("function: not finite on its domain " + f.domain());
            }
        }
        List<SparseRegression.Support> supports = SparseRegression.supports(dictionary, y, acceptance::allowed);
        List<Selection.Proposal> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SparseRegression.Support s : supports) {
            if (seen.add(Arrays.toString(s.terms()))) {
                out.add(new Selection.Proposal(
                        ConstantFit.linear(dictionary, s.terms(), y, digits, acceptance, s.unexplained()), "analytic"));
            }
        }
        return new Analysis(dictionary.grid, y, out);
    }

    Acceptance acceptance() {
        return acceptance;
    }

    int[] digits() {
        return digits.clone();
    }
}
