package io.weights2eq.domain.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weights2eq.domain.equation.DeterministicRandom;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class NetworkFileTest {

    /** Writes NaN/Infinity as bare tokens, as Python's json.dumps does. */
    private static final ObjectMapper JSON =
            JsonMapper.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    /** 1 → 2 → 1, relu: y = 0.5*relu(2x + 1) - 1*relu(-x) + 0.25 */
    private static final String TINY = """
            {"id": "tiny", "layers": [1, 2, 1], "activation": "relu",
             "weights": [[[2.0], [-1.0]], [[0.5, -1.0]]], "biases": [[1.0, 0.0], [0.25]]}""".replace("\n", "");

    /** What json.dumps of float32 tensors' tolist() looks like: doubles printed with repr, a NaN-free 1-3-1 tanh. */
    private static final String PYTORCH = "{\"id\": \"job-1-42\", \"layers\": [1, 3, 1], \"activation\": \"tanh\", "
            + "\"weights\": [[[0.10000000149011612], [-0.7853981852531433], [1.5]], "
            + "[[0.3333333432674408, -2.0, 1e-07]]], "
            + "\"biases\": [[0.0, -0.0, 0.20000000298023224], [-3.4028234663852886e+38]]}";

    @Test
    void roundTripsRandomNetworksBitForBit() {
        DeterministicRandom random = DeterministicRandom.ofSeed(7);
        NetworkLayout[] layouts = {NetworkLayout.DEFAULT, new NetworkLayout(1, 16, 1), new NetworkLayout(1, 64, 64, 1)};
        for (int n = 0; n < 300; n++) {
            NetworkLayout layout = layouts[n % layouts.length];
            Activation activation = Activation.values()[n % Activation.values().length];
            float[] p = new float[layout.parameterCount()];
            for (int i = 0; i < p.length; i++) {
                // random bit patterns cover subnormals, extremes and -0.0; NaN/Inf are redrawn
                do {
                    p[i] = n % 2 == 0
                            ? Float.intBitsToFloat((int) random.nextLong())
                            : (float) ((random.nextDouble() - 0.5) * 4);
                } while (!Float.isFinite(p[i]));
            }
            Network network = new Network(layout, activation, p);
            String line = NetworkFile.format("net-" + n, network);
            assertFalse(line.contains("\n"));
            NetworkFile.Entry back = NetworkFile.parse(line);
            assertEquals("net-" + n, back.id());
            assertEquals(layout, back.network().layout());
            assertEquals(activation, back.network().activation());
            assertArrayEquals(bits(p), bits(back.network().parameters()), line);
        }
    }

    @Test
    void roundTripsANonDefaultLayout() {
        NetworkLayout layout = new NetworkLayout(1, 16, 1);
        float[] p = new float[layout.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i - 20) / 7f;
        }
        Network network = new Network(layout, Activation.TANH, p);
        String line = NetworkFile.format("wide \"quoted\" id", network);
        assertTrue(
                line.startsWith("{\"id\":\"wide \\\"quoted\\\" id\",\"layers\":[1,16,1],\"activation\":\"tanh\""),
                line);
        Network back = NetworkFile.parse(line).network();
        assertArrayEquals(bits(p), bits(back.parameters()));
        assertEquals(network.evaluate(0.3), back.evaluate(0.3));
    }

    @Test
    void writesTheShortestFloatText() {
        assertEquals("0.1", NetworkFile.floatText(0.1f));
        assertEquals("-0.0", NetworkFile.floatText(-0.0f));
        assertEquals("1.0E-10", NetworkFile.floatText(1e-10f));
    }

    @Test
    void evaluatesAHandWrittenNetwork() {
        Network network = NetworkFile.parse(TINY).network();
        for (double x : new double[] {-2, -0.5, 0, 0.3, 1.5}) {
            double expected = 0.5 * Math.max(0, 2 * x + 1) - Math.max(0, -x) + 0.25;
            assertEquals(expected, network.evaluate(x), 1e-12, "x=" + x);
        }
    }

    @Test
    void readsAPyTorchStyleLine() {
        NetworkFile.Entry entry = NetworkFile.parse(PYTORCH);
        Network n = entry.network();
        assertEquals("job-1-42", entry.id());
        assertEquals(new NetworkLayout(1, 3, 1), n.layout());
        assertEquals(Activation.TANH, n.activation());
        NetworkLayout l = n.layout();
        float[] p = n.parameters();
        assertEquals(0.1f, p[l.weightIndex(0, 0, 0)]);
        assertEquals((float) -Math.PI / 4, p[l.weightIndex(0, 1, 0)]);
        assertEquals(1f / 3, p[l.weightIndex(1, 0, 0)]);
        assertEquals(1e-7f, p[l.weightIndex(1, 0, 2)]);
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(p[l.biasIndex(0, 1)]));
        assertEquals(0.2f, p[l.biasIndex(0, 2)]);
        assertEquals(-Float.MAX_VALUE, p[l.biasIndex(1, 0)]);
    }

    @Test
    void namesTheFieldAndTheLimit() {
        rejects(
                "weights[1]",
                "weights[1] must have 7 rows (layers[2]), had 6",
                n -> matrix(n, 1).remove(6));
        rejects(
                "weights[1][3]",
                "weights[1][3] must have 8 numbers (layers[1]), had 9",
                n -> ((ArrayNode) matrix(n, 1).get(3)).add(1));
        rejects(
                "weights[0][3][0]",
                "weights[0][3][0] must be a finite number, was NaN",
                n -> ((ArrayNode) matrix(n, 0).get(3)).set(0, Double.NaN));
        rejects(
                "weights[0][3][0]",
                "weights[0][3][0] must be a finite number, was NaN",
                n -> ((ArrayNode) matrix(n, 0).get(3)).set(0, "NaN"));
        rejects(
                "weights[2][0][1]",
                "weights[2][0][1] must be a finite number, was -Infinity",
                n -> ((ArrayNode) matrix(n, 2).get(0)).set(1, Double.NEGATIVE_INFINITY));
        rejects(
                "weights[0][1][0]",
                "weights[0][1][0] must be within float range (±3.4028235E38), was 1.0E300",
                n -> ((ArrayNode) matrix(n, 0).get(1)).set(0, 1e300));
        rejects(
                "weights[0][0][0]",
                "weights[0][0][0] must be a number, was string \"1\"",
                n -> ((ArrayNode) matrix(n, 0).get(0)).set(0, "1"));
        rejects(
                "weights[0][0][0]",
                "weights[0][0][0] must be a number, was null",
                n -> ((ArrayNode) matrix(n, 0).get(0)).setNull(0));
        rejects(
                "weights[3]",
                "weights[3] must be an array of 1 rows (layers[4]), was object",
                n -> ((ArrayNode) n.get("weights")).set(3, n.objectNode()));
        rejects(
                "weights",
                "weights must have 4 matrices (one per linear layer), had 3",
                n -> ((ArrayNode) n.get("weights")).remove(3));
        rejects("weights", "weights is missing", n -> n.remove("weights"));
        rejects(
                "biases[2]",
                "biases[2] must have 8 numbers (layers[3]), had 7",
                n -> ((ArrayNode) n.get("biases").get(2)).remove(0));
        rejects(
                "biases[3][0]",
                "biases[3][0] must be a finite number, was Infinity",
                n -> ((ArrayNode) n.get("biases").get(3)).set(0, Double.POSITIVE_INFINITY));
        rejects("biases", "biases is missing", n -> n.putNull("biases"));
        rejects(
                "activation",
                "activation must be one of [relu, tanh, sigmoid, softplus], was 'gelu'",
                n -> n.put("activation", "gelu"));
        rejects("activation", "activation must be a string, was number", n -> n.put("activation", 3));
        rejects("activation", "activation is missing", n -> n.remove("activation"));
        rejects("layers", "layers must have between 2 and 9 sizes (at most 8 linear layers), had 1", n -> layers(n, 1));
        rejects(
                "layers",
                "layers must have between 2 and 9 sizes (at most 8 linear layers), had 10",
                n -> layers(n, 1, 2, 2, 2, 2, 2, 2, 2, 2, 1));
        rejects("layers", "layers must be an array of layer sizes, was string", n -> n.put("layers", "1,8,1"));
        rejects("layers[1]", "layers[1] must be between 1 and 64, was 65", n -> layers(n, 1, 65, 1));
        rejects("layers[1]", "layers[1] must be between 1 and 64, was 0", n -> layers(n, 1, 0, 1));
        rejects(
                "layers[1]",
                "layers[1] must be a whole number, was number 7.5",
                n -> ((ArrayNode) n.get("layers")).set(1, 7.5));
        rejects(
                "layers[0]",
                "layers[0] must be between 1 and 2 (the inputs: x, or x1 and x2), was 3",
                n -> layers(n, 3, 8, 7, 8, 1));
        rejects(
                "layers[4]",
                "layers[4] must be 1 (a network is a scalar function of its inputs), was 3",
                n -> layers(n, 1, 8, 7, 8, 3));
        rejects(
                "weights[0][0]",
                "weights[0][0] must have 2 numbers (layers[0]), had 1",
                n -> layers(n, 2, 8, 7, 8, 1)); // two inputs need two columns in the first matrix
        rejects("id", "id is missing", n -> n.remove("id"));
        rejects("id", "id must not be blank", n -> n.put("id", "  "));
        rejects("id", "id must be a string, was number", n -> n.put("id", 42));
        rejects("id", "id must be at most 200 characters, had 201", n -> n.put("id", "x".repeat(201)));
        assertEquals(
                "x".repeat(200),
                NetworkFile.parse(mutated(n -> n.put("id", "x".repeat(200)))).id());
    }

    @Test
    void roundTripsTwoInputsWithTheirDomain() {
        NetworkLayout layout = new NetworkLayout(2, 8, 7, 8, 1);
        float[] p = new float[layout.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i % 13 - 6) / 5f;
        }
        InputDomain domain = new InputDomain(List.of(new Interval(-2, 2.5), new Interval(0.125, 5)));
        Network network = new Network(layout, Activation.TANH, p, domain);
        String line = NetworkFile.format("two", network);
        assertTrue(
                line.startsWith("{\"id\":\"two\",\"layers\":[2,8,7,8,1],\"activation\":\"tanh\","
                        + "\"domain\":[[-2.0,2.5],[0.125,5.0]],\"weights\":[[[-1.2,-1.0],"),
                line);
        Network back = NetworkFile.parse(line).network();
        assertEquals(domain, back.domain());
        assertArrayEquals(bits(p), bits(back.parameters()));
        assertEquals(network.evaluate(0.3, 1.7), back.evaluate(0.3, 1.7));
        // nn.Linear(2, 1): column j of the first matrix multiplies input j
        Network plane = NetworkFile.parse("{\"id\": \"plane\", \"layers\": [2, 1], \"activation\": \"relu\", "
                        + "\"domain\": [[0, 1], [-3, -1]], \"weights\": [[[2, -3]]], \"biases\": [[0.5]]}")
                .network();
        assertEquals(2 * 0.25 - 3 * -2 + 0.5, plane.evaluate(0.25, -2), 1e-12);
        assertEquals(new Interval(-3, -1), plane.domain().input(1));
    }

    @Test
    void leavesTheUnitDomainOutAndReadsItWritten() {
        String line = NetworkFile.format("n", zeros());
        assertFalse(line.contains("domain"), line);
        assertEquals(InputDomain.unit(1), NetworkFile.parse(line).network().domain());
        String written = mutated(n -> n.putArray("domain").addArray().add(-1).add(1));
        Network explicit = NetworkFile.parse(written).network();
        assertEquals(InputDomain.unit(1), explicit.domain());
        assertEquals(line, NetworkFile.format("n", explicit));
        Network shifted = NetworkFile.parse(
                        mutated(n -> n.putArray("domain").addArray().add(0).add(5)))
                .network();
        assertEquals(InputDomain.of(0, 5), shifted.domain());
        assertTrue(NetworkFile.format("n", shifted).contains(",\"domain\":[[0.0,5.0]],"));
    }

    @Test
    void namesTheDomainFieldAndItsLimit() {
        rejects(
                "domain",
                "domain must have 1 [lo, hi] pairs (one per input, layers[0]), had 2",
                n -> pairs(n, -1, 1, -1, 1));
        rejects(
                "domain",
                "domain must be an array of 1 [lo, hi] pairs (one per input, layers[0]), was object",
                n -> n.putObject("domain"));
        rejects(
                "domain",
                "domain must be an array of 1 [lo, hi] pairs (one per input, layers[0]) or left out, was null",
                n -> n.putNull("domain"));
        rejects(
                "domain[0]",
                "domain[0] must have 2 numbers [lo, hi], had 3",
                n -> ((ArrayNode) pairs(n, 1, 2).get(0)).add(3));
        rejects("domain[0]", "domain[0] must have lo < hi, was [2.0, 2.0]", n -> pairs(n, 2, 2));
        rejects("domain[0]", "domain[0] must have lo < hi, was [1.0, -1.0]", n -> pairs(n, 1, -1));
        rejects(
                "domain[0][1]",
                "domain[0][1] must be a number, was string \"1\"",
                n -> ((ArrayNode) pairs(n, 0, 0).get(0)).set(1, "1"));
        rejects(
                "domain[0][0]",
                "domain[0][0] must be a finite number, was -Infinity",
                n -> pairs(n, Double.NEGATIVE_INFINITY, 1));
        rejects("domain[1][0]", "domain[1][0] must be a finite number, was NaN", n -> {
            twoInputs(n);
            pairs(n, -1, 1, Double.NaN, 1);
        });
        rejects("domain", "domain must have 2 [lo, hi] pairs (one per input, layers[0]), had 1", n -> {
            twoInputs(n);
            pairs(n, -1, 1);
        });
    }

    @Test
    void readsNaNTokensOnlyToRejectThem() {
        String line = NetworkFile.format("n", zeros()).replaceFirst("\\[\\[\\[0\\.0\\]", "[[[NaN]");
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkFile.parse(line));
        assertEquals("weights[0][0][0]", e.field());
        assertEquals("weights[0][0][0] must be a finite number, was NaN", e.getMessage());
    }

    @Test
    void rejectsMalformedJsonAndUnknownFields() {
        for (String bad : new String[] {"{\"id\": ", "not json", TINY + " {}", "{\"id\":\"a\",\"id\":\"b\"}"}) {
            NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkFile.parse(bad));
            assertEquals("json", e.field(), bad);
            assertTrue(e.getMessage().startsWith("json is malformed: "), e.getMessage());
        }
        assertEquals(
                "json must be one JSON object, was empty",
                assertThrows(NetworkFormatException.class, () -> NetworkFile.parse(""))
                        .getMessage());
        assertEquals(
                "json must be one JSON object, was array",
                assertThrows(NetworkFormatException.class, () -> NetworkFile.parse("[1]"))
                        .getMessage());
        rejects(
                "seed",
                "unknown fields [seed, loss]: a network line has only [id, layers, activation, domain, weights, "
                        + "biases]",
                n -> n.put("seed", 1).put("loss", 0.1));
    }

    private static void rejects(String field, String message, Consumer<ObjectNode> mutation) {
        String line = mutated(mutation);
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkFile.parse(line));
        assertEquals(message, e.getMessage());
        assertEquals(field, e.field());
    }

    /** A valid default-layout line, changed by {@code mutation}. */
    private static String mutated(Consumer<ObjectNode> mutation) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(NetworkFile.format("n", zeros()));
            mutation.accept(node);
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static Network zeros() {
        return new Network(NetworkLayout.DEFAULT, Activation.RELU, new float[NetworkLayout.DEFAULT.parameterCount()]);
    }

    private static ArrayNode matrix(ObjectNode line, int k) {
        return (ArrayNode) line.get("weights").get(k);
    }

    private static void layers(ObjectNode line, int... sizes) {
        ArrayNode a = line.putArray("layers");
        for (int s : sizes) {
            a.add(s);
        }
    }

    private static ArrayNode pairs(ObjectNode line, double... ends) {
        ArrayNode domain = line.putArray("domain");
        for (int i = 0; i < ends.length; i += 2) {
            domain.addArray().add(ends[i]).add(ends[i + 1]);
        }
        return domain;
    }

    /** Makes the default-layout line a 2-8-7-8-1 one: a second column of zeros in the first matrix. */
    private static void twoInputs(ObjectNode line) {
        layers(line, 2, 8, 7, 8, 1);
        for (JsonNode row : matrix(line, 0)) {
            ((ArrayNode) row).add(0.0);
        }
    }

    private static int[] bits(float[] values) {
        int[] b = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = Float.floatToRawIntBits(values[i]);
        }
        return b;
    }
}
