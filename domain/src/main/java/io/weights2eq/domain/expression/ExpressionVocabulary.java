package io.weights2eq.domain.expression;

import io.weights2eq.domain.equation.Vocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Version 2 of the token vocabulary, for expression texts: the 19 ids of {@link Vocabulary} (version 1, which the
 * shipped polynomial models read) unchanged, then {@code / ^ ( )}, the variables {@code x1 x2} and one token per
 * function name. Tokens are read greedily, so {@code x1} is one token and {@code sin} another.
 *
 * <table>
 *   <caption>Ids added in version 2</caption>
 *   <tr><th>id</th><td>19</td><td>20</td><td>21</td><td>22</td><td>23</td><td>24</td><td>25</td><td>26</td>
 *       <td>27</td><td>28</td><td>29</td></tr>
 *   <tr><th>token</th><td>/</td><td>^</td><td>(</td><td>)</td><td>x1</td><td>x2</td><td>sin</td><td>cos</td>
 *       <td>exp</td><td>log</td><td>sqrt</td></tr>
 * </table>
 */
public final class ExpressionVocabulary {

    public static final int VERSION = 2;

    private static final List<String> ADDED =
            List.of("/", "^", "(", ")", "x1", "x2", "sin", "cos", "exp", "log", "sqrt");

    private static final List<String> TOKENS = tokens();
    private static final Map<String, Integer> IDS = ids();
    private static final int LONGEST =
            TOKENS.stream().mapToInt(String::length).max().orElseThrow();

    /** Number of token ids; valid ids are {@code 0 .. SIZE-1}. */
    public static final int SIZE = TOKENS.size();

    private ExpressionVocabulary() {}

    private static List<String> tokens() {
        List<String> tokens = new ArrayList<>();
        for (int id = 0; id < Vocabulary.SIZE; id++) {
            tokens.add(Vocabulary.symbol(id));
        }
        tokens.addAll(ADDED);
        return List.copyOf(tokens);
    }

    private static Map<String, Integer> ids() {
        Map<String, Integer> ids = new HashMap<>();
        for (int id = Vocabulary.UNK + 1; id < TOKENS.size(); id++) {
            ids.put(TOKENS.get(id), id);
        }
        return Map.copyOf(ids);
    }

    /** The longest token at each place; a character no token starts with is {@link Vocabulary#UNK}. */
    public static int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            int length = Math.min(LONGEST, text.length() - pos);
            while (length > 0 && !IDS.containsKey(text.substring(pos, pos + length))) {
                length--;
            }
            ids.add(length == 0 ? Vocabulary.UNK : IDS.get(text.substring(pos, pos + length)));
            pos += Math.max(length, 1);
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The text of a token sequence as a model emits it: stops at the first {@code <eos>}, skips {@code <pad>},
     * {@code <bos>} and {@code <unk>}, as {@link Vocabulary#decode} does.
     *
     * @throws IllegalArgumentException for an id outside {@code 0 .. SIZE-1}
     */
    public static String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            String token = symbol(id);
            if (id == Vocabulary.EOS) {
                break;
            }
            if (id > Vocabulary.UNK) {
                text.append(token);
            }
        }
        return text.toString();
    }

    /** The printable form of an id: the token, or {@code <pad>} etc. for the specials. */
    public static String symbol(int id) {
        if (id < 0 || id >= SIZE) {
            throw new IllegalArgumentException("token id must be between 0 and " + (SIZE - 1) + ", was " + id);
        }
        return TOKENS.get(id);
    }
}
