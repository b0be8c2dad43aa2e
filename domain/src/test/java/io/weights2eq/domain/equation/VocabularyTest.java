package io.weights2eq.domain.equation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    /** The documented table, written out independently of the implementation's ALPHABET string. */
    private static final String[] TABLE = {
        "<pad>", "<bos>", "<eos>", "<unk>", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "+", "*", "-", "x", "."
    };

    @Test
    void hasExactlyTheDocumentedNineteenIds() {
        assertEquals(19, Vocabulary.SIZE);
        assertEquals(TABLE.length, Vocabulary.SIZE);
        Set<String> symbols = new HashSet<>();
        for (int id = 0; id < Vocabulary.SIZE; id++) {
            assertEquals(TABLE[id], Vocabulary.symbol(id), "id " + id);
            symbols.add(Vocabulary.symbol(id));
        }
        assertEquals(19, symbols.size(), "symbols are distinct");
        assertEquals(0, Vocabulary.PAD);
        assertEquals(1, Vocabulary.BOS);
        assertEquals(2, Vocabulary.EOS);
        assertEquals(3, Vocabulary.UNK);
        assertEquals(15, Vocabulary.ALPHABET.length());
    }

    @Test
    void charactersMapToTheirIds() {
        for (int id = 4; id < Vocabulary.SIZE; id++) {
            assertEquals(id, Vocabulary.id(TABLE[id].charAt(0)));
        }
        assertEquals(Vocabulary.UNK, Vocabulary.id('y'));
        assertEquals(Vocabulary.UNK, Vocabulary.id(' '));
        assertEquals(Vocabulary.UNK, Vocabulary.id('\u00e9'));
        assertEquals(Vocabulary.UNK, Vocabulary.id('X'));
    }

    @Test
    void encodesAndDecodesCanonicalTexts() {
        String text = "-2.5*x*x+3*x-0.75";
        int[] ids = Vocabulary.encode(text);
        assertArrayEquals(new int[] {16, 6, 18, 9, 15, 17, 15, 17, 14, 7, 15, 17, 16, 4, 18, 11, 9}, ids);
        assertEquals(text, Vocabulary.decode(ids));
        assertArrayEquals(new int[] {6, Vocabulary.UNK, 17}, Vocabulary.encode("2yx"));
    }

    @Test
    void decodeStopsAtEosAndSkipsSpecials() {
        int[] ids = {Vocabulary.BOS, 5, Vocabulary.PAD, 15, Vocabulary.UNK, 17, Vocabulary.EOS, 6, 6};
        assertEquals("1*x", Vocabulary.decode(ids));
        assertEquals("", Vocabulary.decode(new int[] {Vocabulary.EOS, 5}));
        assertEquals("", Vocabulary.decode(new int[0]));
    }

    @Test
    void rejectsIdsOutsideTheVocabulary() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Vocabulary.decode(new int[] {5, 19}));
        assertEquals("token id must be between 0 and 18, was 19", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.decode(new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.symbol(19));
    }
}
