package io.weights2eq.domain.network;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The network file format: JSON lines, one network per line, written the way PyTorch holds a stack of
 * {@code nn.Linear} layers:
 * <pre>
 * {"id": "eq-17", "layers": [1,8,7,8,1], "activation": "relu", "weights": [W1, W2, W3, W4], "biases": [b1, b2, b3, b4]}
 * {"id": "eq-18", "layers": [2,8,7,8,1], "activation": "tanh", "domain": [[-2, 2], [0.5, 3]], "weights": ..., "biases": ...}
 * </pre>
 * {@code weights[k]} has {@code layers[k+1]} rows of {@code layers[k]} numbers ({@code nn.Linear.weight}: out × in),
 * {@code biases[k]} has {@code layers[k+1]} numbers; the last layer is linear. From PyTorch:
 * <pre>
 * json.dumps({"id": name, "layers": sizes, "activation": "relu",
 *             "weights": [l.weight.tolist() for l in linears], "biases": [l.bias.tolist() for l in linears]})
 * </pre>
 * Numbers are read as double and stored as float; they must be finite and within float range. A network has 1 or
 * {@link InputDomain#MAX_INPUTS} inputs (x, or x1 and x2) and one output; the optional {@code domain} gives each
 * input's [lo, hi] ({@link DomainField}; absent = [-1, 1] each). The other limits are {@link NetworkLayout}'s.
 */
public final class NetworkFile {

    public static final int MAX_ID_LENGTH = 200;

    /** The fields of a line, in the order {@link #format} writes them. */
    private static final List<String> FIELDS =
            List.of("id", "layers", "activation", DomainField.NAME, "weights", "biases");

    private static final Set<String> NON_FINITE_TEXTS = Set.of("NaN", "Infinity", "-Infinity", "+Infinity");

    private static final ObjectMapper JSON = JsonMapper.builder()
            // Python's json.dumps writes NaN/Infinity tokens: read them, to reject them by field name
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonFactory WRITER = new JsonFactory();

    private NetworkFile() {}

    /** One line of a network file. */
    public record Entry(String id, Network network) {
        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(network, "network");
        }
    }

    /**
     * One JSON line → entry.
     *
     * @throws NetworkFormatException naming the field (a path such as {@code weights[1][3]}) and the limit
     */
    public static Entry parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new NetworkFormatException("json", JsonValues.malformed(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new NetworkFormatException("json", "json must be one JSON object, was empty");
        }
        if (!root.isObject()) {
            throw new NetworkFormatException("json", "json must be one JSON object, was " + JsonValues.kind(root));
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new NetworkFormatException(
                    unknown.get(0),
                    "unknown field" + (unknown.size() > 1 ? "s " : " ") + unknown + ": a network line has only "
                            + FIELDS);
        }
        String id = id(root.get("id"));
        NetworkLayout layout = layout(root.get("layers"));
        Activation activation = activation(root.get("activation"));
        InputDomain domain = DomainField.parse(root.get(DomainField.NAME), layout.inputSize());
        int layers = layout.linearLayers();
        float[] parameters = new float[layout.parameterCount()];
        JsonNode weights = array(root.get("weights"), "weights", layers, "matrices (one per linear layer)");
        JsonNode biases = array(root.get("biases"), "biases", layers, "vectors (one per linear layer)");
        for (int k = 0; k < layers; k++) {
            int outs = layout.size(k + 1);
            int ins = layout.size(k);
            String matrix = "weights[" + k + "]";
            JsonNode rows = array(weights.get(k), matrix, outs, "rows (layers[" + (k + 1) + "])");
            for (int o = 0; o < outs; o++) {
                String row = matrix + "[" + o + "]";
                JsonNode values = array(rows.get(o), row, ins, "numbers (layers[" + k + "])");
                for (int i = 0; i < ins; i++) {
                    parameters[layout.weightIndex(k, o, i)] = number(values.get(i), row + "[" + i + "]");
                }
            }
            String vector = "biases[" + k + "]";
            JsonNode values = array(biases.get(k), vector, outs, "numbers (layers[" + (k + 1) + "])");
            for (int o = 0; o < outs; o++) {
                parameters[layout.biasIndex(k, o)] = number(values.get(o), vector + "[" + o + "]");
            }
        }
        return new Entry(id, new Network(layout, activation, parameters, domain));
    }

    /** One line, no trailing newline; {@code parse(format(id, n))} gives the same floats back bit for bit. */
    public static String format(String id, Network network) {
        checkId(id);
        NetworkLayout layout = network.layout();
        if (layout.inputSize() > InputDomain.MAX_INPUTS || layout.outputSize() != 1) {
            throw new IllegalArgumentException(
                    "layers: input size must be 1 to " + InputDomain.MAX_INPUTS + " and output size 1, was " + layout);
        }
        float[] p = network.parameters();
        StringWriter text = new StringWriter(16 * p.length + 128);
        try (JsonGenerator g = WRITER.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeArrayFieldStart("layers");
            for (int size : layout.sizes()) {
                g.writeNumber(size);
            }
            g.writeEndArray();
            g.writeStringField("activation", network.activation().label());
            DomainField.write(g, network.domain());
            g.writeArrayFieldStart("weights");
            for (int k = 0; k < layout.linearLayers(); k++) {
                g.writeStartArray();
                for (int o = 0; o < layout.size(k + 1); o++) {
                    g.writeStartArray();
                    for (int i = 0; i < layout.size(k); i++) {
                        g.writeNumber(floatText(p[layout.weightIndex(k, o, i)]));
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("biases");
            for (int k = 0; k < layout.linearLayers(); k++) {
                g.writeStartArray();
                for (int o = 0; o < layout.size(k + 1); o++) {
                    g.writeNumber(floatText(p[layout.biasIndex(k, o)]));
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    /**
     * The shortest text of a float, unless reading it as a double and rounding to float (what {@link #parse} does)
     * would land on a neighbour — possible in rare double-rounding cases — then the exact double's text.
     */
    static String floatText(float f) {
        if (!Float.isFinite(f)) {
            throw new IllegalArgumentException("parameters must be finite, was " + f);
        }
        String shortest = Float.toString(f);
        boolean exact = Float.floatToRawIntBits((float) Double.parseDouble(shortest)) == Float.floatToRawIntBits(f);
        return exact ? shortest : Double.toString(f);
    }

    private static String id(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new NetworkFormatException("id", "id is missing");
        }
        if (!node.isTextual()) {
            throw new NetworkFormatException("id", "id must be a string, was " + JsonValues.kind(node));
        }
        String id = node.textValue();
        checkId(id);
        return id;
    }

    private static void checkId(String id) {
        if (id == null || id.isBlank()) {
            throw new NetworkFormatException("id", "id must not be blank");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new NetworkFormatException(
                    "id", "id must be at most " + MAX_ID_LENGTH + " characters, had " + id.length());
        }
    }

    private static NetworkLayout layout(JsonNode node) {
        int min = 2;
        int max = NetworkLayout.MAX_LAYERS + 1;
        if (node == null || node.isNull()) {
            throw new NetworkFormatException("layers", "layers is missing");
        }
        if (!node.isArray()) {
            throw new NetworkFormatException(
                    "layers", "layers must be an array of layer sizes, was " + JsonValues.kind(node));
        }
        if (node.size() < min || node.size() > max) {
            throw new NetworkFormatException(
                    "layers",
                    "layers must have between " + min + " and " + max + " sizes (at most " + NetworkLayout.MAX_LAYERS
                            + " linear layers), had " + node.size());
        }
        int[] sizes = new int[node.size()];
        for (int i = 0; i < sizes.length; i++) {
            JsonNode size = node.get(i);
            String field = "layers[" + i + "]";
            if (!size.isIntegralNumber() || !size.canConvertToInt()) {
                throw new NetworkFormatException(
                        field, field + " must be a whole number, was " + JsonValues.describe(size));
            }
            sizes[i] = size.intValue();
            if (sizes[i] < 1 || sizes[i] > NetworkLayout.MAX_WIDTH) {
                throw new NetworkFormatException(
                        field, field + " must be between 1 and " + NetworkLayout.MAX_WIDTH + ", was " + sizes[i]);
            }
        }
        if (sizes[0] > InputDomain.MAX_INPUTS) {
            throw new NetworkFormatException(
                    "layers[0]",
                    "layers[0] must be between 1 and " + InputDomain.MAX_INPUTS + " (the inputs: x, or x1 and x2), was "
                            + sizes[0]);
        }
        int last = sizes.length - 1;
        if (sizes[last] != 1) {
            String field = "layers[" + last + "]";
            throw new NetworkFormatException(
                    field, field + " must be 1 (a network is a scalar function of its inputs), was " + sizes[last]);
        }
        return new NetworkLayout(sizes);
    }

    private static Activation activation(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new NetworkFormatException("activation", "activation is missing");
        }
        if (!node.isTextual()) {
            throw new NetworkFormatException("activation", "activation must be a string, was " + JsonValues.kind(node));
        }
        try {
            return Activation.fromLabel(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new NetworkFormatException("activation", e.getMessage());
        }
    }

    static JsonNode array(JsonNode node, String field, int size, String what) {
        if (node == null || node.isNull()) {
            throw new NetworkFormatException(field, field + " is missing");
        }
        if (!node.isArray()) {
            throw new NetworkFormatException(
                    field, field + " must be an array of " + size + " " + what + ", was " + JsonValues.kind(node));
        }
        if (node.size() != size) {
            throw new NetworkFormatException(field, field + " must have " + size + " " + what + ", had " + node.size());
        }
        return node;
    }

    private static float number(JsonNode node, String field) {
        if (node.isTextual() && NON_FINITE_TEXTS.contains(node.textValue())) {
            throw new NetworkFormatException(field, field + " must be a finite number, was " + node.textValue());
        }
        if (!node.isNumber()) {
            throw new NetworkFormatException(field, field + " must be a number, was " + JsonValues.describe(node));
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new NetworkFormatException(field, field + " must be a finite number, was " + value);
        }
        float f = (float) value;
        if (Float.isInfinite(f)) {
            throw new NetworkFormatException(
                    field, field + " must be within float range (±" + Float.MAX_VALUE + "), was " + value);
        }
        return f;
    }
}
