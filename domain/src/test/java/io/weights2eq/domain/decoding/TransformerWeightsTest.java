package io.weights2eq.domain.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformerWeightsTest {

    private static final TransformerConfig CONFIG = RandomWeights.SMALL;

    private static String rejection(Map<String, float[]> tensors) {
        return assertThrows(IllegalArgumentException.class, () -> new TransformerWeights(CONFIG, tensors))
                .getMessage();
    }

    @Test
    void acceptsExactlyTheShapesInTheirOrder() {
        Map<String, float[]> tensors = RandomWeights.tensors(CONFIG, 1, 0.5);
        TransformerWeights w = new TransformerWeights(CONFIG, tensors);
        assertEquals(
                List.copyOf(CONFIG.parameterShapes().keySet()),
                List.copyOf(w.tensors().keySet()));
        assertSame(tensors.get("out.bias"), w.get("out.bias"));
        assertThrows(UnsupportedOperationException.class, () -> w.tensors().put("x", new float[1]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.get("nope"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void rejectsAMissingTensor() {
        Map<String, float[]> tensors = RandomWeights.tensors(CONFIG, 1, 0.5);
        tensors.remove("block.0.cross.o.bias");
        String m = rejection(tensors);
        assertTrue(m.contains("block.0.cross.o.bias") && m.contains("missing"), m);
    }

    @Test
    void rejectsAnExtraTensor() {
        Map<String, float[]> tensors = RandomWeights.tensors(CONFIG, 1, 0.5);
        tensors.put("block.1.self.q.weight", new float[64]);
        String m = rejection(tensors);
        assertTrue(m.contains("block.1.self.q.weight") && m.contains("not part"), m);
    }

    @Test
    void rejectsAMisSizedTensor() {
        Map<String, float[]> tensors = RandomWeights.tensors(CONFIG, 1, 0.5);
        tensors.put("embed.position", new float[24 * 8 + 1]);
        String m = rejection(tensors);
        assertTrue(m.contains("embed.position") && m.contains("192") && m.contains("193"), m);
        tensors.put("embed.position", new float[0]);
        assertTrue(rejection(tensors).contains("embed.position"));
    }

    @Test
    void rejectsAnInvalidConfig() {
        TransformerConfig bad = new TransformerConfig(8, 16, 2, 9, 2, 1, 16, 24);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new TransformerWeights(bad, Map.of()));
        assertTrue(e.getMessage().contains("heads"), e.getMessage());
    }
}
