package io.weights2eq.domain.equation;

import java.util.Arrays;

/**
 * The fixed token vocabulary of the models: the 15 symbols of the equation language plus 4 special tokens.
 * The ids are part of every trained model and of the data on the wire, so they never change.
 *
 * <table>
 *   <caption>Token ids</caption>
 *   <tr><th>id</th><th>token</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>{@code <pad>}</td><td>padding after the end of a sequence</td></tr>
 *   <tr><td>1</td><td>{@code <bos>}</td><td>beginning of sequence</td></tr>
 *   <tr><td>2</td><td>{@code <eos>}</td><td>end of sequence</td></tr>
 *   <tr><td>3</td><td>{@code <unk>}</td><td>a character outside the language</td></tr>
 *   <tr><td>4 .. 13</td><td>{@code 0} .. {@code 9}</td><td>digits, id = 4 + digit</td></tr>
 *   <tr><td>14</td><td>{@code +}</td><td></td></tr>
 *   <tr><td>15</td><td>{@code *}</td><td></td></tr>
 *   <tr><td>16</td><td>{@code -}</td><td></td></tr>
 *   <tr><td>17</td><td>{@code x}</td><td></td></tr>
 *   <tr><td>18</td><td>{@code .}</td><td></td></tr>
 * </table>
 */
public final class Vocabulary {

    public static final int PAD = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    public static final int UNK = 3;
    /** Number of token ids; valid ids are {@code 0 .. SIZE-1}. */
    public static final int SIZE = 19;

    /** The 15 symbols of the language in id order (ids 4..18). */
    public static final String ALPHABET = "0123456789+*-x.";

    private static final int FIRST_SYMBOL_ID = 4;
    private static final String[] SPECIALS = {"<pad>", "<bos>", "<eos>", "<unk>"};
    private static final int[] ID_BY_CHAR = new int[128];

    static {
        Arrays.fill(ID_BY_CHAR, UNK);
        for (int i = 0; i < ALPHABET.length(); i++) {
            ID_BY_CHAR[ALPHABET.charAt(i)] = FIRST_SYMBOL_ID + i;
        }
    }

    private Vocabulary() {}

    /** The id of one character; {@link #UNK} for characters outside the language. */
    public static int id(char c) {
        return c < ID_BY_CHAR.length ? ID_BY_CHAR[c] : UNK;
    }

    /** One id per character, unknown characters as {@link #UNK}; no {@code <bos>}/{@code <eos>} are added. */
    public static int[] encode(String text) {
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(text.charAt(i));
        }
        return ids;
    }

    /**
     * The text of a token sequence as a model emits it: stops at the first {@code <eos>}, skips the special tokens
     * {@code <pad>}, {@code <bos>} and {@code <unk>} (an {@code <unk>} has no character to write back).
     *
     * @throws IllegalArgumentException for an id outside {@code 0 .. SIZE-1}
     */
    public static String decode(int[] ids) {
        StringBuilder text = new StringBuilder(ids.length);
        for (int id : ids) {
            checkId(id);
            if (id == EOS) {
                break;
            }
            if (id >= FIRST_SYMBOL_ID) {
                text.append(ALPHABET.charAt(id - FIRST_SYMBOL_ID));
            }
        }
        return text.toString();
    }

    /** The printable form of an id: the character for symbols, {@code <pad>} etc. for specials. */
    public static String symbol(int id) {
        checkId(id);
        return id < FIRST_SYMBOL_ID ? SPECIALS[id] : String.valueOf(ALPHABET.charAt(id - FIRST_SYMBOL_ID));
    }

    private static void checkId(int id) {
        if (id < 0 || id >= SIZE) {
            throw new IllegalArgumentException("token id must be between 0 and " + (SIZE - 1) + ", was " + id);
        }
    }
}
