package io.weights2eq.domain.decoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.DeterministicRandom;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointFormatTest {

    private static final TransformerConfig CONFIG = RandomWeights.SMALL;

    static DecoderCheckpoint checkpoint(long step, String version) {
        Map<String, float[]> optimizer = new LinkedHashMap<>();
        DeterministicRandom random = DeterministicRandom.ofSeed(step * 31 + 7);
        optimizer.put("m.mlp.0.bias", RandomWeights.uniform(random, CONFIG.mlpHidden(), 1e-3));
        optimizer.put("v.mlp.0.bias", RandomWeights.uniform(random, CONFIG.mlpHidden(), 1e-6));
        // values whose bits a careless text or double round trip would change
        optimizer.put("special", new float[] {
            -0.0f,
            0.0f,
            Float.MIN_VALUE,
            Float.MAX_VALUE,
            -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            Float.NaN,
            0.1f,
            1e-40f
        });
        optimizer.put("step", new float[] {step});
        Map<String, Double> metrics = Map.of(
                "exactMatch",
                0.1 + step / 1000.0,
                "validLoss",
                1.2345678901234567,
                "tiny",
                4.9e-324,
                "nan",
                Double.NaN);
        return new DecoderCheckpoint(
                version,
                step,
                step * 64,
                1_700_000_000_000L + step,
                RandomWeights.weights(CONFIG, 1000 + step, 0.5),
                optimizer,
                metrics);
    }

    static byte[] bytes(DecoderCheckpoint c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CheckpointFormat.write(c, out);
        return out.toByteArray();
    }

    static void assertBitExact(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, values) -> {
            float[] got = actual.get(name);
            assertEquals(values.length, got.length, name);
            for (int i = 0; i < values.length; i++) {
                assertEquals(Float.floatToRawIntBits(values[i]), Float.floatToRawIntBits(got[i]), name + "[" + i + "]");
            }
        });
    }

    static void assertSameCheckpoint(DecoderCheckpoint expected, DecoderCheckpoint actual) {
        assertEquals(expected.version(), actual.version());
        assertEquals(expected.step(), actual.step());
        assertEquals(expected.examplesSeen(), actual.examplesSeen());
        assertEquals(expected.createdAtMillis(), actual.createdAtMillis());
        assertEquals(expected.config(), actual.config());
        assertBitExact(expected.weights().tensors(), actual.weights().tensors());
        assertBitExact(expected.optimizerState(), actual.optimizerState());
        assertEquals(expected.metrics().keySet(), actual.metrics().keySet());
        expected.metrics()
                .forEach((name, value) -> assertEquals(
                        Double.doubleToRawLongBits(value),
                        Double.doubleToRawLongBits(actual.metrics().get(name)),
                        name));
    }

    private static int headerLength(byte[] file) {
        byte[] marker = "\ndata\n".getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + marker.length <= file.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (file[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i + marker.length;
        }
        throw new AssertionError("no data line");
    }

    private static DecoderCheckpoint read(byte[] file) throws IOException {
        return CheckpointFormat.read(new ByteArrayInputStream(file), "test.w2ed");
    }

    /** The tensor names in data order: model tensors as in parameterShapes, then optimizer.* sorted by name. */
    private static List<String> tensorOrder(DecoderCheckpoint c) {
        List<String> names = new ArrayList<>(c.config().parameterShapes().keySet());
        c.optimizerState().keySet().stream().sorted().forEach(n -> names.add("optimizer." + n));
        return names;
    }

    private static int tensorSize(DecoderCheckpoint c, String name) {
        return name.startsWith("optimizer.")
                ? c.optimizerState().get(name.substring("optimizer.".length())).length
                : c.weights().get(name).length;
    }

    @Test
    void roundTripIsBitExactIncludingOptimizerStateAndMetrics() throws IOException {
        DecoderCheckpoint original = checkpoint(12, "v1.2_run-3");
        DecoderCheckpoint back = read(bytes(original));
        assertSameCheckpoint(original, back);
        // and the second write is byte for byte the first
        assertArrayEquals(bytes(original), bytes(back));
    }

    @Test
    void roundTripThroughAFile(@TempDir Path dir) throws IOException {
        DecoderCheckpoint original = checkpoint(3, "file");
        Path file = dir.resolve("c" + CheckpointFormat.EXTENSION);
        Files.write(file, bytes(original));
        assertSameCheckpoint(original, CheckpointFormat.read(file));
    }

    @Test
    void forServingDropsOnlyTheOptimizerState() throws IOException {
        DecoderCheckpoint original = checkpoint(5, "serve");
        DecoderCheckpoint back = read(bytes(original.forServing()));
        assertTrue(back.optimizerState().isEmpty());
        assertBitExact(original.weights().tensors(), back.weights().tensors());
        assertEquals(original.metrics().keySet(), back.metrics().keySet());
    }

    @Test
    void headerIsReadableTextUpToData() throws IOException {
        DecoderCheckpoint c = checkpoint(7, "readable");
        byte[] file = bytes(c);
        int length = headerLength(file);
        String header = new String(file, 0, length, StandardCharsets.US_ASCII);
        for (char ch : header.toCharArray()) {
            assertTrue(ch == '\n' || (ch >= 0x20 && ch < 0x7f), "non-printable character " + (int) ch);
        }
        List<String> lines = Arrays.asList(header.split("\n"));
        assertEquals("w2e-decoder 1", lines.get(0));
        assertEquals("data", lines.get(lines.size() - 1));
        assertTrue(lines.contains("version=readable"), header);
        assertTrue(lines.contains("step=7"), header);
        assertTrue(lines.contains("examplesSeen=448"), header);
        assertTrue(lines.contains("createdAtMillis=1700000000007"), header);
        assertTrue(lines.contains("config=8,16,2,8,2,1,16,24"), header);
        assertTrue(lines.contains("metric.validLoss=1.2345678901234567"), header);
        assertTrue(lines.contains("tensor=mlp.0.weight " + 16 * CONFIG.featureSize()), header);
        assertTrue(lines.contains("tensor=optimizer.special 10"), header);
        List<String> tensorLines =
                lines.stream().filter(l -> l.startsWith("tensor=")).toList();
        assertEquals(
                tensorOrder(c),
                tensorLines.stream()
                        .map(l -> l.substring("tensor=".length(), l.lastIndexOf(' ')))
                        .toList());
        long floats = tensorOrder(c).stream().mapToLong(n -> tensorSize(c, n)).sum();
        assertEquals(length + 4 * floats, file.length, "header then exactly the float32 data");
    }

    @Test
    void dataIsLittleEndianFloat32() throws IOException {
        DecoderCheckpoint c = checkpoint(1, "le");
        byte[] file = bytes(c);
        int at = headerLength(file);
        float first = c.weights().get("mlp.0.weight")[0];
        int bits = (file[at] & 0xff)
                | (file[at + 1] & 0xff) << 8
                | (file[at + 2] & 0xff) << 16
                | (file[at + 3] & 0xff) << 24;
        assertEquals(Float.floatToRawIntBits(first), bits);
    }

    @Test
    void truncatedFileNamesTheTensor() throws IOException {
        DecoderCheckpoint c = checkpoint(2, "trunc");
        byte[] file = bytes(c);
        List<String> order = tensorOrder(c);
        for (String victim : List.of("block.0.cross.k.weight", order.get(order.size() - 1))) {
            long offset = headerLength(file);
            for (String name : order) {
                if (name.equals(victim)) {
                    break;
                }
                offset += 4L * tensorSize(c, name);
            }
            byte[] cut = Arrays.copyOf(file, (int) offset + 2);
            IOException e = assertThrows(IOException.class, () -> read(cut));
            assertTrue(e.getMessage().contains("tensor " + victim), e.getMessage());
            assertTrue(e.getMessage().contains("test.w2ed"), e.getMessage());
        }
        // one byte short of the end
        IOException e = assertThrows(IOException.class, () -> read(Arrays.copyOf(file, file.length - 1)));
        assertTrue(e.getMessage().contains("tensor " + order.get(order.size() - 1)), e.getMessage());
        // inside the header
        IOException h = assertThrows(IOException.class, () -> read(Arrays.copyOf(file, 40)));
        assertTrue(h.getMessage().contains("truncated"), h.getMessage());
    }

    @Test
    void wrongMagicIsRejected() throws IOException {
        byte[] file = bytes(checkpoint(1, "magic"));
        byte[] wrong = file.clone();
        wrong[12] = '2'; // "w2e-decoder 2"
        IOException e = assertThrows(IOException.class, () -> read(wrong));
        assertTrue(e.getMessage().contains("not a decoder checkpoint"), e.getMessage());
        assertThrows(IOException.class, () -> read("PK\u0003\u0004 zip".getBytes(StandardCharsets.ISO_8859_1)));
        assertThrows(IOException.class, () -> read(new byte[0]));
    }

    private static byte[] editHeader(byte[] file, String from, String to) {
        int length = headerLength(file);
        String header = new String(file, 0, length, StandardCharsets.UTF_8);
        assertTrue(header.contains(from), from);
        byte[] newHeader = header.replace(from, to).getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(newHeader, newHeader.length + file.length - length);
        System.arraycopy(file, length, out, newHeader.length, file.length - length);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "step", "examplesSeen", "createdAtMillis", "config"})
    void missingHeaderFieldIsNamed(String field) throws IOException {
        DecoderCheckpoint c = checkpoint(9, "missing");
        byte[] file = bytes(c);
        String header = new String(file, 0, headerLength(file), StandardCharsets.UTF_8);
        String line = Arrays.stream(header.split("\n"))
                .filter(l -> l.startsWith(field + "="))
                .findFirst()
                .orElseThrow();
        byte[] edited = editHeader(file, line + "\n", "");
        IOException e = assertThrows(IOException.class, () -> read(edited));
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void malformedHeaderValuesAreIOExceptions() throws IOException {
        byte[] file = bytes(checkpoint(9, "bad"));
        assertThrows(IOException.class, () -> read(editHeader(file, "step=9\n", "step=nine\n")));
        assertThrows(IOException.class, () -> read(editHeader(file, "config=8,16,2,8,2,1,16,24\n", "config=8,16,2\n")));
        assertThrows(IOException.class, () -> read(editHeader(file, "version=bad\n", "version=a b\n")));
        assertThrows(IOException.class, () -> read(editHeader(file, "step=9\n", "step\n")));
    }

    @Test
    void wrongTensorSizeNamesTheTensor() throws IOException {
        DecoderCheckpoint c = checkpoint(4, "size");
        byte[] file = bytes(c);
        int hidden = CONFIG.mlpHidden();
        // declare one value fewer for mlp.0.bias and drop its last value from the data, so nothing is truncated
        byte[] edited =
                editHeader(file, "tensor=mlp.0.bias " + hidden + "\n", "tensor=mlp.0.bias " + (hidden - 1) + "\n");
        int data = headerLength(edited);
        int endOfBias = data + 4 * (c.weights().get("mlp.0.weight").length + hidden - 1);
        byte[] shortened = new byte[edited.length - 4];
        System.arraycopy(edited, 0, shortened, 0, endOfBias);
        System.arraycopy(edited, endOfBias + 4, shortened, endOfBias, edited.length - endOfBias - 4);
        IOException e = assertThrows(IOException.class, () -> read(shortened));
        assertTrue(e.getMessage().contains("mlp.0.bias"), e.getMessage());
        assertFalse(e.getMessage().contains("truncated"), e.getMessage());

        // a config that does not match the tensors
        byte[] otherConfig = editHeader(file, "config=8,16,2,8,2,1,16,24\n", "config=8,17,2,8,2,1,16,24\n");
        IOException e2 = assertThrows(IOException.class, () -> read(otherConfig));
        assertTrue(e2.getMessage().contains("tensor mlp.0.weight"), e2.getMessage());
    }
}
