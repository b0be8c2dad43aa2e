package io.weights2eq.domain.expression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weights2eq.domain.equation.Vocabulary;
import org.junit.jupiter.api.Test;

class ExpressionVocabularyTest {

    @Test
    void versionOneIdsAreUnchangedInVersionTwo() {
        for (int id = 0; id < Vocabulary.SIZE; id++) {
            assertEquals(Vocabulary.symbol(id), ExpressionVocabulary.symbol(id), "id " + id);
        }
        String polynomial = "-2.5*x*x+3*x-0.75";
        assertArrayEquals(Vocabulary.encode(polynomial), ExpressionVocabulary.encode(polynomial));
        assertEquals(30, ExpressionVocabulary.SIZE);
    }

    @Test
    void functionsAndNumberedVariablesAreOneTokenEach() {
        int[] ids = ExpressionVocabulary.encode("2*sin(x1)/sqrt(x2^2)");
        String[] tokens = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            tokens[i] = ExpressionVocabulary.symbol(ids[i]);
        }
        assertArrayEquals(
                new String[] {"2", "*", "sin", "(", "x1", ")", "/", "sqrt", "(", "x2", "^", "2", ")"}, tokens);
    }

    @Test
    void decodeInvertsEncodeAndStopsAtTheEnd() {
        String text = "log(x+1)+exp(-x)*cos(x^3)-0.25";
        int[] ids = ExpressionVocabulary.encode(text);
        int[] framed = new int[ids.length + 3];
        framed[0] = Vocabulary.BOS;
        System.arraycopy(ids, 0, framed, 1, ids.length);
        framed[ids.length + 1] = Vocabulary.EOS;
        framed[ids.length + 2] = ExpressionVocabulary.encode("sin")[0];
        assertEquals(text, ExpressionVocabulary.decode(framed));
    }

    @Test
    void unknownCharactersAndIdsAreNamed() {
        assertArrayEquals(new int[] {Vocabulary.UNK, 17}, ExpressionVocabulary.encode("tx"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ExpressionVocabulary.symbol(30));
        assertEquals("token id must be between 0 and 29, was 30", e.getMessage());
    }
}
