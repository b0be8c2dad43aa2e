package io.weights2eq.domain.decoding;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every tensor of a learned decoder, by the names of {@link TransformerConfig#parameterShapes()}, row-major. */
public record TransformerWeights(TransformerConfig config, Map<String, float[]> tensors) {

    /** @throws IllegalArgumentException naming the first missing, extra or mis-sized tensor */
    public TransformerWeights {
        config.requireValid();
        Map<String, int[]> shapes = config.parameterShapes();
        Map<String, float[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            float[] t = tensors.get(e.getKey());
            int expected = Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b);
            if (t == null) {
                throw new IllegalArgumentException("tensor " + e.getKey() + " is missing");
            }
            if (t.length != expected) {
                throw new IllegalArgumentException("tensor " + e.getKey() + " must have " + expected + " values "
                        + Arrays.toString(e.getValue()) + ", had " + t.length);
            }
            copy.put(e.getKey(), t);
        }
        for (String name : tensors.keySet()) {
            if (!shapes.containsKey(name)) {
                throw new IllegalArgumentException("tensor " + name + " is not part of the model");
            }
        }
        tensors = Collections.unmodifiableMap(copy);
    }

    public float[] get(String name) {
        float[] t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor " + name);
        }
        return t;
    }
}
