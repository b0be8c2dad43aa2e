package io.weights2eq.domain.decoding;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one file format of decoder checkpoints ({@code *.w2ed}): a UTF-8 text header, then raw tensors.
 * <pre>
 * w2e-decoder 1
 * version=&lt;version&gt;
 * step=&lt;long&gt;
 * examplesSeen=&lt;long&gt;
 * createdAtMillis=&lt;long&gt;
 * config=probes,mlpHidden,memoryTokens,dModel,heads,layers,ffn,maxTokens
 * metric.&lt;name&gt;=&lt;double&gt;          (any number)
 * tensor=&lt;name&gt; &lt;count&gt;            (one per tensor, in data order: model tensors, then optimizer.* ones)
 * data
 * &lt;float32 little-endian values of each tensor, in the order above&gt;
 * </pre>
 * Readable with a text viewer up to {@code data}, and from Python with {@code numpy.frombuffer}.
 */
public final class CheckpointFormat {

    public static final String EXTENSION = ".w2ed";
    private static final String MAGIC = "w2e-decoder 1";
    private static final String OPTIMIZER_PREFIX = "optimizer.";

    private CheckpointFormat() {}

    public static void write(DecoderCheckpoint c, OutputStream out) throws IOException {
        TransformerConfig k = c.config();
        StringBuilder h = new StringBuilder();
        h.append(MAGIC).append('\n');
        h.append("version=").append(c.version()).append('\n');
        h.append("step=").append(c.step()).append('\n');
        h.append("examplesSeen=").append(c.examplesSeen()).append('\n');
        h.append("createdAtMillis=").append(c.createdAtMillis()).append('\n');
        h.append("config=")
                .append(k.probes())
                .append(',')
                .append(k.mlpHidden())
                .append(',')
                .append(k.memoryTokens())
                .append(',')
                .append(k.dModel())
                .append(',')
                .append(k.heads())
                .append(',')
                .append(k.layers())
                .append(',')
                .append(k.ffn())
                .append(',')
                .append(k.maxTokens())
                .append('\n');
        new TreeMap<>(c.metrics())
                .forEach((name, value) -> h.append("metric.")
                        .append(name)
                        .append('=')
                        .append(value)
                        .append('\n'));
        List<Map.Entry<String, float[]>> tensors =
                new ArrayList<>(c.weights().tensors().entrySet());
        new TreeMap<>(c.optimizerState()).forEach((name, t) -> tensors.add(Map.entry(OPTIMIZER_PREFIX + name, t)));
        for (Map.Entry<String, float[]> t : tensors) {
            h.append("tensor=")
                    .append(t.getKey())
                    .append(' ')
                    .append(t.getValue().length)
                    .append('\n');
        }
        h.append("data\n");
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.write(h.toString().getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, float[]> t : tensors) {
            float[] values = t.getValue();
            ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(values);
            data.write(buf.array());
        }
        data.flush();
    }

    public static DecoderCheckpoint read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** @throws IOException naming {@code source} and what is wrong, for a truncated or foreign file */
    public static DecoderCheckpoint read(InputStream raw, String source) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
        String first = line(in, source);
        if (!MAGIC.equals(first)) {
            throw new IOException(source + ": not a decoder checkpoint (first line '" + first + "')");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, Integer> tensorSizes = new LinkedHashMap<>();
        for (String l = line(in, source); !"data".equals(l); l = line(in, source)) {
            int eq = l.indexOf('=');
            if (eq < 0) {
                throw new IOException(source + ": malformed header line '" + l + "'");
            }
            String key = l.substring(0, eq);
            String value = l.substring(eq + 1);
            try {
                if (key.startsWith("metric.")) {
                    metrics.put(key.substring("metric.".length()), Double.parseDouble(value));
                } else if (key.equals("tensor")) {
                    int sp = value.lastIndexOf(' ');
                    tensorSizes.put(value.substring(0, sp), Integer.parseInt(value.substring(sp + 1)));
                } else {
                    fields.put(key, value);
                }
            } catch (RuntimeException e) {
                throw new IOException(source + ": malformed header line '" + l + "'", e);
            }
        }
        TransformerConfig config;
        try {
            String[] c = require(fields, "config", source).split(",");
            int[] v = new int[8];
            for (int i = 0; i < 8; i++) {
                v[i] = Integer.parseInt(c[i].trim());
            }
            config = new TransformerConfig(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        } catch (RuntimeException e) {
            throw new IOException(
                    source + ": config must be 8 comma-separated integers, was '" + fields.get("config") + "'", e);
        }
        Map<String, float[]> model = new LinkedHashMap<>();
        Map<String, float[]> optimizer = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> t : tensorSizes.entrySet()) {
            byte[] bytes = new byte[t.getValue() * 4];
            try {
                in.readFully(bytes);
            } catch (IOException e) {
                throw new IOException(source + ": truncated in tensor " + t.getKey(), e);
            }
            float[] values = new float[t.getValue()];
            ByteBuffer.wrap(bytes)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(values);
            if (t.getKey().startsWith(OPTIMIZER_PREFIX)) {
                optimizer.put(t.getKey().substring(OPTIMIZER_PREFIX.length()), values);
            } else {
                model.put(t.getKey(), values);
            }
        }
        try {
            return new DecoderCheckpoint(
                    require(fields, "version", source),
                    Long.parseLong(require(fields, "step", source)),
                    Long.parseLong(require(fields, "examplesSeen", source)),
                    Long.parseLong(require(fields, "createdAtMillis", source)),
                    new TransformerWeights(config, model),
                    optimizer,
                    metrics);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> fields, String key, String source) throws IOException {
        String v = fields.get(key);
        if (v == null) {
            throw new IOException(source + ": header field " + key + " is missing");
        }
        return v;
    }

    private static String line(DataInputStream in, String source) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException(source + ": truncated header");
            }
            if (s.length() > 10_000) {
                throw new IOException(source + ": header line longer than 10000 bytes");
            }
            s.append((char) b);
        }
        return new String(s.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
