package io.weights2eq.domain.training.kernel;

import io.weights2eq.domain.network.NetworkLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code DefaultLayoutKernel.java}, the unrolled layer loops of the vector kernel for
 * {@link NetworkLayout#DEFAULT}. Run it after changing this generator (the test
 * {@code DefaultLayoutKernelGeneratorTest} fails while the checked-in source differs from its output):
 * <pre>
 * ./mvnw -q -B -pl domain test-compile
 * java -cp domain/target/classes:domain/target/test-classes io.weights2eq.domain.training.kernel.DefaultLayoutKernelGenerator \
 *     domain/src/generated/java/io/weights2eq/domain/training/kernel/DefaultLayoutKernel.java
 * </pre>
 *
 * <p>Every method handles one layer (or a group of its units) over a block of samples in register tiles of
 * {@value #TS} samples × {@value #TU} units: forward and input gradient loop over the inputs resp. the
 * outputs, the weight gradient ({@value #TU} rows × {@value #TU} columns) over the samples. Each parameter is
 * at a constant offset. Methods are kept small (a few hundred vector values): bigger ones made the JIT's C1
 * tier give up ("out of virtual registers"), and a method stuck below C2 runs the Vector API
 * uncompiled, hundreds of times slower.
 */
public final class DefaultLayoutKernelGenerator {
    static final int TS = 4;
    static final int TU = 4;

    private final int[] sizes;
    private final int layers;
    private final int[] wOff;
    private final int[] bOff;
    private final StringBuilder out = new StringBuilder();

    DefaultLayoutKernelGenerator(NetworkLayout layout) {
        this.sizes = layout.sizes();
        this.layers = layout.linearLayers();
        this.wOff = new int[layers];
        this.bOff = new int[layers];
        for (int k = 0; k < layers; k++) {
            wOff[k] = layout.weightOffset(k);
            bOff[k] = layout.biasOffset(k);
        }
    }

    public static void main(String[] args) throws IOException {
        write(args, "DefaultLayoutKernel", source());
    }

    /** Writes the source of the generated class {@code name} to args[0], or to its place in src/generated/java. */
    static void write(String[] args, String name, String source) throws IOException {
        Path target = Path.of(
                args.length > 0
                        ? args[0]
                        : "domain/src/generated/java/io/weights2eq/domain/training/kernel/" + name + ".java");
        Files.writeString(target, source, StandardCharsets.UTF_8);
        System.out.println("wrote " + target);
    }

    /** The source of {@code DefaultLayoutKernel}. */
    static String source() {
        return new DefaultLayoutKernelGenerator(NetworkLayout.DEFAULT).generate();
    }

    private int w(int k, int o, int i) {
        return wOff[k] + o * sizes[k] + i;
    }

    private int b(int k, int o) {
        return bOff[k] + o;
    }

    private void emit(String line) {
        out.append(line).append('\n');
    }

    private static String off(String base, int c) {
        return c == 0 ? base : base + " + " + c + " * L";
    }

    private static String ld(String array, String base, int c) {
        return "FloatVector.fromArray(S, " + array + ", " + off(base, c) + ")";
    }

    private static String pc(int c) {
        return c == 0 ? "0" : c + " * L";
    }

    private static List<int[]> groups(int n, int size) {
        List<int[]> groups = new ArrayList<>();
        for (int a = 0; a < n; a += size) {
            int[] g = new int[Math.min(n, a + size) - a];
            for (int j = 0; j < g.length; j++) {
                g[j] = a + j;
            }
            groups.add(g);
        }
        return groups;
    }

    private static String suffix(int[] group, int n) {
        return group.length < n ? "_" + group[0] : "";
    }

    private static int last(int[] group) {
        return group[group.length - 1];
    }

    private List<int[]> forwardGroups(int k) {
        return groups(sizes[k + 1], sizes[k] > 1 ? TU : 8);
    }

    private List<int[][]> weightGradientTiles(int k) {
        List<int[][]> tiles = new ArrayList<>();
        for (int[] og : groups(sizes[k + 1], TU)) {
            for (int[] ig : groups(sizes[k], TU)) {
                tiles.add(new int[][] {og, ig});
            }
        }
        return tiles;
    }

    private String weightGradientName(int k, int[] og, int[] ig) {
        return "weightGradient" + k
                + (og.length < sizes[k + 1] || ig.length < sizes[k] ? "_" + og[0] + "_" + ig[0] : "");
    }

    String generate() {
        emit("package io.weights2eq.domain.training.kernel;");
        emit("");
        emit("import javax.annotation.processing.Generated;");
        emit("import jdk.incubator.vector.FloatVector;");
        emit("import jdk.incubator.vector.IntVector;");
        emit("import jdk.incubator.vector.VectorOperators;");
        emit("import jdk.incubator.vector.VectorSpecies;");
        emit("");
        emit("/**");
        emit(" * GENERATED by {@code DefaultLayoutKernelGenerator} (test sources); do not edit by hand.");
        emit(" *");
        emit(" * <p>{@link VectorKernel}'s layer loops for {@code NetworkLayout.DEFAULT} (1-8-7-8-1) over a block of");
        emit(" * samples (a multiple of " + TS
                + "), on {@link VectorKernel}'s block scratch layout ({@code [sample][unit][lane]}),");
        emit(" * in register tiles of " + TS + " samples × " + TU
                + " units (forward and input gradient: loop over the inputs resp. outputs;");
        emit(" * weight gradient: " + TU + " outputs × " + TU
                + " inputs, loop over the samples), every parameter at a constant offset.");
        emit(" * Each method stays small enough for the JIT's C1 tier (a few hundred vector values at most).");
        emit(" *");
        emit(
                " * <p>The operations and their order are those of the general path and of {@link ScalarBackend}: forward");
        emit(
                " * sums from the bias over inputs ascending; weight and bias gradients one FMA (add) per sample in sample");
        emit(" * order; input gradients from +0 over outputs ascending, times the slope.");
        emit(" */");
        emit("@Generated(\"io.weights2eq.domain.training.kernel.DefaultLayoutKernelGenerator\")");
        emit("final class DefaultLayoutKernel {");
        emit("    static final VectorSpecies<Float> S = VectorKernel.SPECIES;");
        emit("    static final int L = VectorKernel.LANES;");
        emit("");
        emit("    private DefaultLayoutKernel() {");
        emit("    }");
        emit("");
        drivers();
        for (int k = 0; k < layers; k++) {
            for (int[] group : forwardGroups(k)) {
                if (k < layers - 1) {
                    forward(k, true, group);
                    forward(k, false, group);
                } else {
                    forward(k, false, group);
                }
            }
        }
        outputLayerBackward(true);
        outputLayerBackward(false);
        for (int k = layers - 2; k >= 0; k--) {
            for (int[][] tile : weightGradientTiles(k)) {
                weightGradient(k, tile[0], tile[1]);
            }
            if (k > 0) {
                for (int[] group : groups(sizes[k], TU)) {
                    inputGradient(k, true, group);
                    inputGradient(k, false, group);
                }
            }
        }
        out.setLength(out.length() - 1); // no blank line before the closing brace
        emit("}");
        return out.toString();
    }

    private void drivers() {
        emit(
                "    /** The forward pass of a block: every layer's outputs into act at off[k] (hidden slopes into slope, except for ReLU). */");
        emit(
                "    static void forward(int activation, float[] p, float[] xs, int xOff, float[] act, float[] slope, int[] off, int bs) {");
        emit("        if (activation == KernelMath.RELU) {");
        for (int k = 0; k < layers - 1; k++) {
            String src = k == 0 ? "xs, xOff" : "act, off[" + (k - 1) + "]";
            for (int[] group : forwardGroups(k)) {
                emit("            forward" + k + "Relu" + suffix(group, sizes[k + 1]) + "(p, " + src + ", act, off[" + k
                        + "], bs);");
            }
        }
        emit("        } else {");
        for (int k = 0; k < layers - 1; k++) {
            String src = k == 0 ? "xs, xOff" : "act, off[" + (k - 1) + "]";
            for (int[] group : forwardGroups(k)) {
                emit("            forward" + k + "Linear" + suffix(group, sizes[k + 1]) + "(p, " + src + ", act, off["
                        + k + "], bs);");
            }
            emit("            VectorKernel.activate(activation, act, off[" + k + "], slope, off[" + k + "], bs * "
                    + sizes[k + 1] + ");");
        }
        emit("        }");
        int k = layers - 1;
        for (int[] group : forwardGroups(k)) {
            emit("        forward" + k + suffix(group, sizes[k + 1]) + "(p, act, off[" + (k - 1) + "], act, off[" + k
                    + "], bs);");
        }
        emit("    }");
        emit("");
        emit("    /** The backward pass of a block from the output errors in slope at off[K-1]: gradients into g. */");
        emit(
                "    static void backward(int activation, float[] p, float[] g, float[] xs, int xOff, float[] act, float[] slope, int[] off, int bs) {");
        emit("        boolean relu = activation == KernelMath.RELU;");
        k = layers - 1;
        emit("        if (relu) {");
        emit("            outputLayerBackwardRelu(p, g, slope, off[" + k + "], act, off[" + (k - 1) + "], bs);");
        emit("        } else {");
        emit("            outputLayerBackward(p, g, slope, off[" + k + "], act, off[" + (k - 1) + "], bs);");
        emit("        }");
        for (k = layers - 2; k >= 0; k--) {
            String src = k == 0 ? "xs, xOff" : "act, off[" + (k - 1) + "]";
            for (int[][] tile : weightGradientTiles(k)) {
                emit("        " + weightGradientName(k, tile[0], tile[1]) + "(g, slope, off[" + k + "], " + src
                        + ", bs);");
            }
            if (k > 0) {
                emit("        if (relu) {");
                for (int[] group : groups(sizes[k], TU)) {
                    emit("            inputGradient" + k + "Relu" + suffix(group, sizes[k]) + "(p, slope, off[" + k
                            + "], act, off[" + (k - 1) + "], bs);");
                }
                emit("        } else {");
                for (int[] group : groups(sizes[k], TU)) {
                    emit("            inputGradient" + k + suffix(group, sizes[k]) + "(p, slope, off[" + k + "], off["
                            + (k - 1) + "], bs);");
                }
                emit("        }");
            }
        }
        emit("    }");
        emit("");
    }

    private void forward(int k, boolean relu, int[] group) {
        int in = sizes[k];
        int outs = sizes[k + 1];
        boolean hidden = k < layers - 1;
        String name = "forward" + k + (hidden ? (relu ? "Relu" : "Linear") : "") + suffix(group, outs);
        String what = relu ? "relu(z)" : hidden ? "z (the caller applies the activation)" : "z = ŷ";
        emit("    /** Layer " + k + " (" + in + " → " + outs + "), outputs " + group[0] + ".." + last(group)
                + ": act[s][o] = " + what + ", z = b[o] + Σ_i W[o][i]·in[s][i]; " + TS + " samples at a time. */");
        emit("    static void " + name + "(float[] p, float[] in, int inOff, float[] act, int outOff, int bs) {");
        if (in == 1) {
            for (int o : group) {
                emit("        FloatVector w" + o + " = FloatVector.fromArray(S, p, " + pc(w(k, o, 0)) + ");");
                emit("        FloatVector c" + o + " = FloatVector.fromArray(S, p, " + pc(b(k, o)) + ");");
            }
        }
        emit("        for (int s = 0; s < bs; s += " + TS + ") {");
        emit("            int a = inOff + s * " + in + " * L;");
        emit("            int z = outOff + s * " + outs + " * L;");
        if (in == 1) {
            for (int t = 0; t < TS; t++) {
                emit("            FloatVector x" + t + " = " + ld("in", "a", t) + ";");
            }
            for (int t = 0; t < TS; t++) {
                for (int o : group) {
                    emit("            FloatVector z" + t + "_" + o + " = w" + o + ".fma(x" + t + ", c" + o + ");");
                }
            }
        } else {
            for (int o : group) {
                emit("            FloatVector c" + o + " = FloatVector.fromArray(S, p, " + pc(b(k, o)) + ");");
            }
            for (int t = 0; t < TS; t++) {
                for (int o : group) {
                    emit("            FloatVector z" + t + "_" + o + " = c" + o + ";");
                }
            }
            emit("            for (int i = 0; i < " + in + " * L; i += L) {");
            for (int o : group) {
                String offset = w(k, o, 0) == 0 ? "i" : pc(w(k, o, 0)) + " + i";
                emit("                FloatVector w" + o + " = FloatVector.fromArray(S, p, " + offset + ");");
            }
            for (int t = 0; t < TS; t++) {
                String offset = t == 0 ? "a + i" : "a + " + (t * in) + " * L + i";
                emit("                FloatVector x" + t + " = FloatVector.fromArray(S, in, " + offset + ");");
                for (int o : group) {
                    emit("                z" + t + "_" + o + " = w" + o + ".fma(x" + t + ", z" + t + "_" + o + ");");
                }
            }
            emit("            }");
        }
        for (int t = 0; t < TS; t++) {
            for (int o : group) {
                String dst = off("z", t * outs + o);
                String n = t + "_" + o;
                if (relu) {
                    emit("            IntVector b" + n + " = z" + n + ".reinterpretAsInts();");
                    emit("            b" + n + ".lanewise(VectorOperators.AND_NOT, b" + n
                            + ".lanewise(VectorOperators.ASHR, 31)).reinterpretAsFloats().intoArray(act, " + dst
                            + ");");
                } else {
                    emit("            z" + n + ".intoArray(act, " + dst + ");");
                }
            }
        }
        emit("        }");
        emit("    }");
        emit("");
    }

    private void weightGradient(int k, int[] og, int[] ig) {
        int in = sizes[k];
        int outs = sizes[k + 1];
        boolean bias = ig[0] == 0;
        emit("    /** Layer " + k + ", rows " + og[0] + ".." + last(og) + " × inputs " + ig[0] + ".." + last(ig)
                + ": g[W[o][i]] += Σ_s d[s][o]·in[s][i]" + (bias ? ", g[b[o]] += Σ_s d[s][o]" : "")
                + ", samples in order. */");
        emit("    static void " + weightGradientName(k, og, ig)
                + "(float[] g, float[] d, int dOff, float[] in, int inOff, int bs) {");
        for (int o : og) {
            for (int i : ig) {
                emit("        FloatVector g" + o + "_" + i + " = FloatVector.fromArray(S, g, " + pc(w(k, o, i)) + ");");
            }
            if (bias) {
                emit("        FloatVector c" + o + " = FloatVector.fromArray(S, g, " + pc(b(k, o)) + ");");
            }
        }
        emit("        for (int s = 0, e = dOff, a = inOff; s < bs; s++, e += " + outs + " * L, a += " + in + " * L) {");
        for (int o : og) {
            emit("            FloatVector d" + o + " = " + ld("d", "e", o) + ";");
        }
        for (int i : ig) {
            emit("            FloatVector a" + i + " = " + ld("in", "a", i) + ";");
            for (int o : og) {
                emit("            g" + o + "_" + i + " = d" + o + ".fma(a" + i + ", g" + o + "_" + i + ");");
            }
        }
        if (bias) {
            for (int o : og) {
                emit("            c" + o + " = c" + o + ".add(d" + o + ");");
            }
        }
        emit("        }");
        for (int o : og) {
            for (int i : ig) {
                emit("        g" + o + "_" + i + ".intoArray(g, " + pc(w(k, o, i)) + ");");
            }
            if (bias) {
                emit("        c" + o + ".intoArray(g, " + pc(b(k, o)) + ");");
            }
        }
        emit("    }");
        emit("");
    }

    /**
     * The output layer (one output) in one pass over the samples: its weight and bias gradients and the
     * deltas of the layer below, sharing the loads of the error and the inputs.
     */
    private void outputLayerBackward(boolean relu) {
        int k = layers - 1;
        int in = sizes[k];
        emit("    /** Layer " + k + " (" + in
                + " → 1): g[W[0][i]] += Σ_s e[s]·in[s][i], g[b[0]] += Σ_s e[s] (samples in order), and the deltas"
                + " below d[s][i] = fma(W[0][i], e[s], +0) · "
                + (relu ? "relu'(in[s][i])" : "slope (held in d[below], in place)") + ". */");
        emit("    static void outputLayerBackward" + (relu ? "Relu" : "")
                + "(float[] p, float[] g, float[] d, int dOff, float[] act, int belowOff, int bs) {");
        emit("        FloatVector zero = FloatVector.zero(S);");
        for (int i = 0; i < in; i++) {
            emit("        FloatVector w" + i + " = FloatVector.fromArray(S, p, " + pc(w(k, 0, i)) + ");");
        }
        for (int i = 0; i < in; i++) {
            emit("        FloatVector g" + i + " = FloatVector.fromArray(S, g, " + pc(w(k, 0, i)) + ");");
        }
        emit("        FloatVector c = FloatVector.fromArray(S, g, " + pc(b(k, 0)) + ");");
        emit("        for (int s = 0, e = dOff, a = belowOff; s < bs; s++, e += L, a += " + in + " * L) {");
        emit("            FloatVector d0 = " + ld("d", "e", 0) + ";");
        for (int i = 0; i < in; i++) {
            emit("            FloatVector a" + i + " = " + ld("act", "a", i) + ";");
            emit("            g" + i + " = d0.fma(a" + i + ", g" + i + ");");
            String slope = relu
                    ? "((FloatVector) a" + i + ".reinterpretAsInts().min(1).convert(VectorOperators.I2F, 0))"
                    : ld("d", "a", i);
            emit("            w" + i + ".fma(d0, zero).mul(" + slope + ").intoArray(d, " + off("a", i) + ");");
        }
        emit("            c = c.add(d0);");
        emit("        }");
        for (int i = 0; i < in; i++) {
            emit("        g" + i + ".intoArray(g, " + pc(w(k, 0, i)) + ");");
        }
        emit("        c.intoArray(g, " + pc(b(k, 0)) + ");");
        emit("    }");
        emit("");
    }

    private void inputGradient(int k, boolean relu, int[] ig) {
        int in = sizes[k];
        int outs = sizes[k + 1];
        String name = "inputGradient" + k + (relu ? "Relu" : "") + suffix(ig, in);
        if (relu) {
            emit("    /** Layer " + k + ", inputs " + ig[0] + ".." + last(ig)
                    + ": d[below][s][i] = (Σ_o W[o][i]·d[s][o], from +0 over o ascending)"
                    + " · relu'(act[below][s][i]), relu' = (float) min(bits(h), 1). */");
            emit("    static void " + name + "(float[] p, float[] d, int dOff, float[] act, int belowOff, int bs) {");
        } else {
            emit("    /** Layer " + k + ", inputs " + ig[0] + ".." + last(ig)
                    + ": d[below][s][i] = (Σ_o W[o][i]·d[s][o], from +0 over o ascending)"
                    + " · slope (held in d[below]), in place. */");
            emit("    static void " + name + "(float[] p, float[] d, int dOff, int belowOff, int bs) {");
        }
        emit("        FloatVector zero = FloatVector.zero(S);");
        emit("        for (int s = 0; s < bs; s += " + TS + ") {");
        emit("            int e = dOff + s * " + outs + " * L;");
        emit("            int c = belowOff + s * " + in + " * L;");
        for (int t = 0; t < TS; t++) {
            for (int i : ig) {
                emit("            FloatVector t" + t + "_" + i + " = zero;");
            }
        }
        emit("            for (int o = 0, wq = 0, eq = 0; o < " + outs + "; o++, wq += " + in + " * L, eq += L) {");
        for (int i : ig) {
            emit("                FloatVector w" + i + " = FloatVector.fromArray(S, p, " + pc(w(k, 0, i)) + " + wq);");
        }
        for (int t = 0; t < TS; t++) {
            String offset = t == 0 ? "e + eq" : "e + " + (t * outs) + " * L + eq";
            emit("                FloatVector e" + t + " = FloatVector.fromArray(S, d, " + offset + ");");
            for (int i : ig) {
                emit("                t" + t + "_" + i + " = w" + i + ".fma(e" + t + ", t" + t + "_" + i + ");");
            }
        }
        emit("            }");
        for (int t = 0; t < TS; t++) {
            for (int i : ig) {
                String pos = off("c", t * in + i);
                String slope = relu
                        ? "((FloatVector) " + ld("act", "c", t * in + i)
                                + ".reinterpretAsInts().min(1).convert(VectorOperators.I2F, 0))"
                        : ld("d", "c", t * in + i);
                emit("            t" + t + "_" + i + ".mul(" + slope + ").intoArray(d, " + pos + ");");
            }
        }
        emit("        }");
        emit("    }");
        emit("");
    }
}
