package io.weights2eq.schema.serde;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import org.apache.avro.generic.PrimitivesArrays;

/**
 * A fixed-size {@code List<Float>} view of a {@code float[]}. Records carry thousands of samples and
 * parameters: the serdes write and read this view without boxing each element.
 */
public final class FloatArrayList extends AbstractList<Float> implements RandomAccess {
    private final float[] values;

    private FloatArrayList(float[] values) {
        this.values = values;
    }

    /** Wraps the array without copying; later writes to the array show through. */
    public static FloatArrayList wrap(float[] values) {
        return new FloatArrayList(values);
    }

    /** The elements as a float array: the backing array for a view, a copy for any other list. */
    public static float[] toFloatArray(List<Float> list) {
        if (list instanceof FloatArrayList view) {
            return view.values;
        }
        float[] out = new float[list.size()];
        if (list instanceof PrimitivesArrays.FloatArray primitive) {
            for (int i = 0; i < out.length; i++) {
                out[i] = primitive.getFloat(i);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
            }
        }
        return out;
    }

    float[] values() {
        return values;
    }

    @Override
    public Float get(int index) {
        return values[index];
    }

    @Override
    public Float set(int index, Float element) {
        float old = values[index];
        values[index] = element;
        return old;
    }

    @Override
    public int size() {
        return values.length;
    }
}
