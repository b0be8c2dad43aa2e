package io.weights2eq.domain.decoding.symbolic;

import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Network;

/**
 * What the symbolic decoders read: a function of one or two inputs on its domain. A {@link Network} is one; so is
 * an expression evaluated directly, which measures the decoder on noise-free functions.
 */
public interface TargetFunction {

    InputDomain domain();

    /** The value at {@code point} (one coordinate per input, inside the domain). */
    double value(double[] point);

    static TargetFunction of(Network network) {
        return new TargetFunction() {
            public InputDomain domain() {
                return network.domain();
            }

            public double value(double[] point) {
                return network.evaluate(point);
            }
        };
    }

    /** An expression text of the shared syntax on {@code domain}, evaluated exactly (for tests and figures). */
    static TargetFunction of(String expression, InputDomain domain) {
        Expr e = ExprOf.text(expression, domain.inputs());
        return new TargetFunction() {
            public InputDomain domain() {
                return domain;
            }

            public double value(double[] point) {
                return e.eval(point);
            }
        };
    }
}
