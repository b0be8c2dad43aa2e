package io.weights2eq.domain.expression;

/** A function applied to one argument: {@code sin(x)}. */
public record Call(ElementaryFunction function, Expression argument) implements Expression {

    public Call {
        if (function == null || argument == null) {
            throw new IllegalArgumentException("call: function and argument must be set");
        }
    }

    @Override
    public double evaluate(double... inputs) {
        return function.apply(argument.evaluate(inputs));
    }
}
