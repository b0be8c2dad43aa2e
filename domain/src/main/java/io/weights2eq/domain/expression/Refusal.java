package io.weights2eq.domain.expression;

/** Why an expression is refused as a draw of the family: the rule it broke, and the reason in words. */
public record Refusal(Rule rule, String reason) {

    /** The refusal rules of the family, in the order they are checked. */
    public enum Rule {
        NO_NORMAL_FORM("no normal form"),
        POWER_ABOVE_6("a power above 6"),
        TOO_MANY_TOKENS("too many tokens"),
        INPUT_UNUSED("an input unused"),
        FUNCTION_OF_CONSTANT("a function of a constant"),
        ARGUMENT_NOT_POSITIVE("log or sqrt of a non-positive argument"),
        POLE("a pole"),
        VALUE_TOO_LARGE("a value not finite or too large"),
        CONSTANT("constant on the domain");

        private final String label;

        Rule(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
