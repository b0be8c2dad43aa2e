package io.weights2eq.domain.decoding.symbolic;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.network.InputDomain;
import org.junit.jupiter.api.Test;

class Explore {
    @Test
    void run() {
        SparseTermDecoder d = new SparseTermDecoder(EquationFamily.elementary(), Acceptance.EXACT);
        InputDomain u1 = InputDomain.unit(1);
        InputDomain u2 = InputDomain.unit(2);
        Object[][] cases = {
            {"x^3+x^2+x", u1},
            {"x^4+x^3+x^2+x", u1},
            {"x^5+x^4+x^3+x^2+x", u1},
            {"x^6+x^5+x^4+x^3+x^2+x", u1},
            {"sin(x^2)*cos(x)-1", u1},
            {"sin(x)+sin(x+x^2)", u1},
            {"log(x+1)+log(x^2+1)", InputDomain.of(0, 2)},
            {"sqrt(x)", InputDomain.of(0, 4)},
            {"sin(x1)+sin(x2^2)", u2},
            {"2*sin(x1)*cos(x2)", u2},
            {"x1^4-x1^3+0.5*x2^2-x2", u2},
            {"log(x+1)+log(x^2+1)", InputDomain.of(0.1, 2)},
        };
        for (Object[] c : cases) {
            long t0 = System.nanoTime();
            SymbolicDecision dec = d.decide(TargetFunction.of((String) c[0], (InputDomain) c[1]));
            long t1 = System.nanoTime();
            System.out.printf(
                    "%-28s -> %-40s R2=%.12f  ms=%d  runner=%s%n",
                    c[0],
                    dec.chosen().text(),
                    dec.chosen().fit().rSquared(),
                    (t1 - t0) / 1000000,
                    dec.runnerUp() == null ? null : dec.runnerUp().text());
        }
        System.out.println("dict1 " + Dictionary.of(u1).terms.size() + " dict2 "
                + Dictionary.of(u2).terms.size());
    }
}
