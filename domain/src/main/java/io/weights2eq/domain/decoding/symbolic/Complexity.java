package io.weights2eq.domain.decoding.symbolic;

/**
 * "Simplest" for the symbolic decoders: the number of tokens of a text, a number counting one per character (so
 * {@code 2.25} costs more than {@code 2}), a function name, a variable, an operator or a parenthesis one each.
 */
final class Complexity {
    private Complexity() {}

    static int of(String text) {
        int count = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                int j = i;
                while (j < text.length() && Character.isLetter(text.charAt(j))) {
                    j++;
                }
                if (j < text.length() && Character.isDigit(text.charAt(j)) && text.charAt(j - 1) == 'x') {
                    j++; // x1, x2
                }
                count++;
                i = j;
            } else {
                count++;
                i++;
            }
        }
        return count;
    }
}
