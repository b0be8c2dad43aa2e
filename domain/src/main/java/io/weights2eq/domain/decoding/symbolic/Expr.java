package io.weights2eq.domain.decoding.symbolic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoder's own small expression tree: evaluation, the text in the shared syntax (docs/domain.md) and the
 * constants it holds (for refitting). After the merge with {@code domain/expression} the texts it writes are
 * normalised by the shared normal form; this type stays private to the decoder's search.
 */
sealed interface Expr {

    double eval(double[] point);

    /** Binding strength when written: sums 0, products and quotients 1, unary minus 2, powers 3, atoms 4. */
    int precedence();

    void write(StringBuilder out);

    /** The constants in writing order (integer exponents are not constants). */
    default void constants(List<Double> out) {}

    /** This tree with its constants replaced, in writing order, from {@code values} starting at {@code next[0]}. */
    default Expr withConstants(double[] values, int[] next) {
        return this;
    }

    default String text() {
        StringBuilder out = new StringBuilder();
        write(out);
        return out.toString();
    }

    default double[] constants() {
        List<Double> list = new ArrayList<>();
        constants(list);
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    default Expr withConstants(double[] values) {
        return withConstants(values, new int[] {0});
    }

    private static void child(StringBuilder out, Expr e, int atLeast) {
        if (e.precedence() < atLeast) {
            out.append('(');
            e.write(out);
            out.append(')');
        } else {
            e.write(out);
        }
    }

    /** A number, written as the shortest exact decimal of its double (3, -2.5, 0.25) or as a fraction (2/3). */
    record Const(double value) implements Expr {
        public double eval(double[] point) {
            return value;
        }

        public int precedence() {
            return Fractions.of(value) != null ? 1 : value < 0 ? 2 : 4;
        }

        public void write(StringBuilder out) {
            out.append(format(value));
        }

        /** The shortest exact decimal, or {@code p/q} for a value rounded to a {@link Fractions fraction}. */
        static String format(double value) {
            if (value == 0) {
                return "0";
            }
            String fraction = Fractions.of(value);
            return fraction != null
                    ? fraction
                    : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }

        public void constants(List<Double> out) {
            out.add(value);
        }

        public Expr withConstants(double[] values, int[] next) {
            return new Const(values[next[0]++]);
        }
    }

    /** Input {@code index} of {@code inputs}: {@code x} for one input, {@code x1}, {@code x2} for two. */
    record Var(int index, int inputs) implements Expr {
        public double eval(double[] point) {
            return point[index];
        }

        public int precedence() {
            return 4;
        }

        public void write(StringBuilder out) {
            out.append(inputs == 1 ? "x" : "x" + (index + 1));
        }
    }

    /** sin, cos, exp, log (natural) or sqrt of an argument. */
    record Fn(String name, Expr arg) implements Expr {
        static final List<String> NAMES = List.of("sin", "cos", "exp", "log", "sqrt");

        public Fn {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("function must be one of " + NAMES + ", was " + name);
            }
        }

        public double eval(double[] point) {
            double a = arg.eval(point);
            return switch (name) {
                case "sin" -> Math.sin(a);
                case "cos" -> Math.cos(a);
                case "exp" -> Math.exp(a);
                case "log" -> Math.log(a);
                default -> Math.sqrt(a);
            };
        }

        public int precedence() {
            return 4;
        }

        public void write(StringBuilder out) {
            out.append(name).append('(');
            arg.write(out);
            out.append(')');
        }

        public void constants(List<Double> out) {
            arg.constants(out);
        }

        public Expr withConstants(double[] values, int[] next) {
            return new Fn(name, arg.withConstants(values, next));
        }
    }

    /** {@code base^exponent}, exponent a whole number 2..6 as the syntax allows. */
    record Pow(Expr base, int exponent) implements Expr {
        public double eval(double[] point) {
            double b = base.eval(point);
            double r = b;
            for (int i = 1; i < exponent; i++) {
                r *= b;
            }
            return r;
        }

        public int precedence() {
            return 3;
        }

        public void write(StringBuilder out) {
            child(out, base, 4);
            out.append('^').append(exponent);
        }

        public void constants(List<Double> out) {
            base.constants(out);
        }

        public Expr withConstants(double[] values, int[] next) {
            return new Pow(base.withConstants(values, next), exponent);
        }
    }

    /** {@code -e}. */
    record Neg(Expr operand) implements Expr {
        public double eval(double[] point) {
            return -operand.eval(point);
        }

        public int precedence() {
            return 2;
        }

        public void write(StringBuilder out) {
            out.append('-');
            child(out, operand, 3);
        }

        public void constants(List<Double> out) {
            operand.constants(out);
        }

        public Expr withConstants(double[] values, int[] next) {
            return new Neg(operand.withConstants(values, next));
        }
    }

    /** A sum; a term written with a leading minus is subtracted ({@code x-1}, {@code x-2*sin(x)}). */
    record Sum(List<Expr> terms) implements Expr {
        public Sum {
            terms = List.copyOf(terms);
        }

        public double eval(double[] point) {
            double s = 0;
            for (Expr t : terms) {
                s += t.eval(point);
            }
            return s;
        }

        public int precedence() {
            return 0;
        }

        public void write(StringBuilder out) {
            for (int i = 0; i < terms.size(); i++) {
                StringBuilder term = new StringBuilder();
                child(term, terms.get(i), 1);
                if (i > 0 && term.charAt(0) != '-') {
                    out.append('+');
                }
                out.append(term);
            }
        }

        public void constants(List<Double> out) {
            terms.forEach(t -> t.constants(out));
        }

        public Expr withConstants(double[] values, int[] next) {
            List<Expr> out = new ArrayList<>();
            for (Expr t : terms) {
                out.add(t.withConstants(values, next));
            }
            return new Sum(out);
        }
    }

    /** {@code left*right} or, when {@code divide}, {@code left/right}. */
    record Product(Expr left, Expr right, boolean divide) implements Expr {
        public double eval(double[] point) {
            double l = left.eval(point);
            double r = right.eval(point);
            return divide ? l / r : l * r;
        }

        public int precedence() {
            return 1;
        }

        public void write(StringBuilder out) {
            if (left instanceof Const c && c.value() == 1 && !divide) { // 1*t is t (a refitted factor of 1)
                child(out, right, 1);
                return;
            }
            if (left instanceof Const c && c.value() == -1 && !divide) {
                out.append('-'); // -a*b reads as (-a)*b, the same value: no parentheses needed
                child(out, right, 1);
                return;
            }
            if (left instanceof Const c && c.value() < 0) {
                c.write(out);
            } else {
                child(out, left, 1);
            }
            out.append(divide ? '/' : '*');
            StringBuilder r = new StringBuilder();
            right.write(r);
            // a right operand that starts with '-' is parenthesised: x*(-sin(x)), -2*(-sin(x)*cos(x)), x*(-2/3)
            if (r.charAt(0) == '-' || right.precedence() < (divide ? 2 : 1)) {
                out.append('(').append(r).append(')');
            } else {
                out.append(r);
            }
        }

        public void constants(List<Double> out) {
            left.constants(out);
            right.constants(out);
        }

        public Expr withConstants(double[] values, int[] next) {
            Expr l = left.withConstants(values, next);
            return new Product(l, right.withConstants(values, next), divide);
        }
    }
}
