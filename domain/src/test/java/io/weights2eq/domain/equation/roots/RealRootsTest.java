package io.weights2eq.domain.equation.roots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.Polynomial;
import org.junit.jupiter.api.Test;

class RealRootsTest {
    private static LargestRoot largest(String polynomial) {
        return RealRoots.largest(Polynomial.parse(polynomial)).orElseThrow();
    }

    @Test
    void theSeedsExample() {
        LargestRoot r = largest("1*x*x*x-10*x*x-10*x-10");
        assertEquals(10.99247140445449, r.value(), 1e-12);
        assertEquals(1, r.multiplicity());
        assertFalse(r.isMultiple());
    }

    @Test
    void multipleRootsAreExactWithTheirMultiplicity() {
        assertEquals(new LargestRoot(2, 2), largest("1*x*x*x-3*x*x+4"), "(x-2)²(x+1)");
        assertEquals(new LargestRoot(1, 2), largest("1*x*x*x-3*x+2"), "(x-1)²(x+2)");
        assertEquals(new LargestRoot(-1, 3), largest("1*x*x*x+3*x*x+3*x+1"), "(x+1)³");
        assertEquals(new LargestRoot(0, 3), largest("1*x*x*x"));
        assertEquals(
                new LargestRoot(2, 1), largest("1*x*x*x-3*x-2"), "(x+1)²(x-2): the double root is not the largest");
        assertEquals(new LargestRoot(0.5, 4), largest("16*x*x*x*x-32*x*x*x+24*x*x-8*x+1"), "(2x-1)⁴");
        assertTrue(largest("1*x*x-2*x+1").isMultiple());
    }

    @Test
    void theValueIsTheNearestDouble() {
        assertEquals(Math.sqrt(2), largest("1*x*x-2").value(), 0.0);
        assertEquals(Math.sqrt(2), largest("-1*x*x*x-2*x*x+2*x+4").value(), 0.0, "−(x+2)(x²−2)");
    }

    @Test
    void decimalCoefficientsAndLowerDegrees() {
        assertEquals(new LargestRoot(0.4, 1), largest("2.5*x-1"));
        assertEquals(new LargestRoot(0.3, 1), largest("-1*x*x+0.09"), "roots ±0.3");
        assertEquals(1e-9, largest("1*x-0.000000001").value(), 0.0);
        assertEquals(0.1, largest("1*x*x*x-0.1*x*x").value(), 0.0, "x²(x − 0.1)");
    }

    @Test
    void noRealRootIsEmpty() {
        assertTrue(RealRoots.largest(Polynomial.parse("1*x*x+1")).isEmpty());
        assertTrue(RealRoots.largest(Polynomial.parse("3")).isEmpty());
        assertTrue(RealRoots.largest(Polynomial.zero()).isEmpty(), "every x is a root of 0: none is the largest");
        assertTrue(RealRoots.largest(Polynomial.parse("-1*x*x*x*x-0.5")).isEmpty());
    }
}
