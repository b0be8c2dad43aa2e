package io.weights2eq.domain.equation.roots;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The Sturm sequence of a square-free polynomial f (f, f′, −rem, …): the number of distinct real roots in (a, b]
 * is V(a) − V(b), V the number of sign changes along the sequence at a point (zeros skipped), for any a < b.
 */
final class SturmSequence {
    private final List<IntegerPolynomial> chain = new ArrayList<>();

    /** {@code f} square-free and of degree at least 1. */
    SturmSequence(IntegerPolynomial f) {
        IntegerPolynomial previous = f;
        IntegerPolynomial current = f.derivative();
        chain.add(previous);
        while (!current.isZero()) {
            chain.add(current);
            IntegerPolynomial next = previous.divide(current)[1].negate().primitive();
            previous = current;
            current = next;
        }
    }

    /** Sign changes at {@code x}, zeros skipped. */
    int variations(BigDecimal x) {
        int changes = 0;
        int last = 0;
        for (IntegerPolynomial p : chain) {
            int s = p.signAt(x);
            if (s != 0) {
                if (last != 0 && s != last) {
                    changes++;
                }
                last = s;
            }
        }
        return changes;
    }
}
