package io.weights2eq.domain.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.Violation;
import io.weights2eq.domain.equation.Vocabulary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformerConfigTest {

    private static List<String> fields(TransformerConfig c) {
        return c.validate().stream().map(Violation::field).toList();
    }

    @Test
    void defaultsAreValidAndOfTheIntendedSize() {
        TransformerConfig d = TransformerConfig.defaults();
        assertTrue(d.validate().isEmpty(), d.validate().toString());
        assertSame(d, d.requireValid());
        assertEquals(DecoderFeatures.DEFAULT_PROBES, d.probes());
        assertEquals(DecoderFeatures.size(DecoderFeatures.DEFAULT_PROBES), d.featureSize());
        assertEquals(d.dModel() / d.heads(), d.headSize());
        long count = d.parameterCount();
        assertTrue(count >= 500_000 && count <= 2_000_000, "parameters " + count);
        long sum = 0;
        for (int[] shape : d.parameterShapes().values()) {
            long n = 1;
            for (int s : shape) {
                assertTrue(s > 0);
                n *= s;
            }
            sum += n;
        }
        assertEquals(sum, count);
    }

    @Test
    void parameterShapesNameEveryTensorInOrder() {
        TransformerConfig c = new TransformerConfig(8, 16, 2, 8, 2, 3, 16, 24);
        Map<String, int[]> shapes = c.parameterShapes();
        List<String> names = List.copyOf(shapes.keySet());
        assertEquals("mlp.0.weight", names.get(0));
        assertEquals("out.bias", names.get(names.size() - 1));
        assertEquals(8 + 3 * 26 + 4, names.size(), "8 head tensors, 26 per block, 4 output tensors");
        assertArrayEquals(new int[] {16, c.featureSize()}, shapes.get("mlp.0.weight"));
        assertArrayEquals(new int[] {2 * 8, 16}, shapes.get("mlp.1.weight"));
        assertArrayEquals(new int[] {Vocabulary.SIZE, 8}, shapes.get("embed.token"));
        assertArrayEquals(new int[] {24, 8}, shapes.get("embed.position"));
        assertArrayEquals(new int[] {8, 8}, shapes.get("block.2.cross.v.weight"));
        assertArrayEquals(new int[] {16, 8}, shapes.get("block.0.ffn.0.weight"));
        assertArrayEquals(new int[] {8, 16}, shapes.get("block.1.ffn.1.weight"));
        assertArrayEquals(new int[] {Vocabulary.SIZE, 8}, shapes.get("out.weight"));
        assertTrue(names.indexOf("block.0.ffn.1.bias") < names.indexOf("block.1.self.norm.gamma"));
        assertTrue(!shapes.containsKey("block.3.self.q.weight"));
    }

    @Test
    void headsMustDivideDModel() {
        TransformerConfig c = new TransformerConfig(8, 16, 2, 10, 4, 1, 16, 24);
        List<Violation> v = c.validate();
        assertEquals(List.of("heads"), fields(c));
        assertTrue(v.get(0).message().contains("divide"), v.get(0).message());
        assertTrue(v.get(0).message().contains("10"), v.get(0).message());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::requireValid);
        assertTrue(e.getMessage().contains("heads"), e.getMessage());
        assertTrue(new TransformerConfig(8, 16, 2, 12, 4, 1, 16, 24).validate().isEmpty());
    }

    @Test
    void boundsNameTheirFields() {
        TransformerConfig ok = new TransformerConfig(8, 16, 2, 8, 2, 1, 16, 24);
        assertTrue(ok.validate().isEmpty());
        assertEquals(List.of("probes"), fields(new TransformerConfig(1, 16, 2, 8, 2, 1, 16, 24)));
        assertEquals(List.of("probes"), fields(new TransformerConfig(257, 16, 2, 8, 2, 1, 16, 24)));
        assertEquals(List.of("mlpHidden"), fields(new TransformerConfig(8, 0, 2, 8, 2, 1, 16, 24)));
        assertEquals(List.of("mlpHidden"), fields(new TransformerConfig(8, 8193, 2, 8, 2, 1, 16, 24)));
        assertEquals(List.of("memoryTokens"), fields(new TransformerConfig(8, 16, 0, 8, 2, 1, 16, 24)));
        assertEquals(List.of("memoryTokens"), fields(new TransformerConfig(8, 16, 65, 8, 2, 1, 16, 24)));
        assertEquals(List.of("dModel"), fields(new TransformerConfig(8, 16, 2, 2, 2, 1, 16, 24)));
        assertEquals(List.of("dModel"), fields(new TransformerConfig(8, 16, 2, 2050, 2, 1, 16, 24)));
        assertEquals(List.of("heads"), fields(new TransformerConfig(8, 16, 2, 8, 0, 1, 16, 24)));
        assertEquals(List.of("heads"), fields(new TransformerConfig(8, 16, 2, 130, 65, 1, 16, 24)));
        assertEquals(List.of("layers"), fields(new TransformerConfig(8, 16, 2, 8, 2, 0, 16, 24)));
        assertEquals(List.of("layers"), fields(new TransformerConfig(8, 16, 2, 8, 2, 25, 16, 24)));
        assertEquals(List.of("ffn"), fields(new TransformerConfig(8, 16, 2, 8, 2, 1, 0, 24)));
        assertEquals(List.of("ffn"), fields(new TransformerConfig(8, 16, 2, 8, 2, 1, 16385, 24)));
        assertEquals(List.of("maxTokens"), fields(new TransformerConfig(8, 16, 2, 8, 2, 1, 16, 3)));
        assertEquals(List.of("maxTokens"), fields(new TransformerConfig(8, 16, 2, 8, 2, 1, 16, 257)));
        // the limits themselves are allowed
        assertTrue(new TransformerConfig(2, 1, 1, 4, 1, 1, 1, 4).validate().isEmpty());
        assertTrue(new TransformerConfig(256, 8192, 64, 2048, 64, 24, 16384, 256)
                .validate()
                .isEmpty());
        // every problem at once, with the value in the message
        TransformerConfig bad = new TransformerConfig(0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals(
                List.of("probes", "mlpHidden", "memoryTokens", "dModel", "heads", "layers", "ffn", "maxTokens"),
                fields(bad));
        Violation first = bad.validate().get(0);
        assertTrue(
                first.message().contains("between 2 and 256") && first.message().contains("was 0"), first.message());
    }
}
