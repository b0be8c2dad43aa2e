package io.weights2eq.domain.admissible;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.weights2eq.domain.network.InvalidFieldException;
import io.weights2eq.domain.network.JsonValues;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The admissible file format, seed 001's definition as one JSON object:
 * <pre>
 * {"format": "admissible", "inputs": 3,
 *  "neurons": [{"weights": {"1": "2", "4": "-0.5"}, "bias": "0.1", "activation": "relu"}],
 *  "outputs": [5]}
 * </pre>
 * Nodes are numbered from 1: inputs 1..n, then the neurons in order; a neuron's weights name earlier nodes only.
 * Every number is a decimal string, kept as written; a JSON number is refused (it would not be kept as written).
 * {@link #format} writes one line, {@link #formatByNeuron} one neuron per line (for a file kept in git); both read
 * back to an equal network.
 */
public final class AdmissibleFile {

    public static final String FORMAT = "admissible";

    private static final List<String> FIELDS = List.of("format", "inputs", "neurons", "outputs");
    private static final List<String> NEURON_FIELDS = List.of("weights", "bias", "activation");
    private static final Pattern NODE_KEY = Pattern.compile("[1-9]\\d{0,8}");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private AdmissibleFile() {}

    /**
     * One JSON object (one line or many) → network.
     *
     * @throws AdmissibleFormatException naming the neuron and the field, and the limit
     */
    public static AdmissibleNetwork parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AdmissibleFormatException("json", JsonValues.malformed(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new AdmissibleFormatException("json", "json must be one JSON object, was empty");
        }
        if (!root.isObject()) {
            throw new AdmissibleFormatException("json", "json must be one JSON object, was " + JsonValues.kind(root));
        }
        onlyFields(root, FIELDS, "", "an admissible network has only");
        JsonNode format = root.get("format");
        if (format == null || !format.isTextual() || !FORMAT.equals(format.textValue())) {
            throw new AdmissibleFormatException(
                    "format",
                    "format must be \"" + FORMAT + "\", was "
                            + (format == null ? "missing" : JsonValues.describe(format)));
        }
        int inputs = wholeNumber(root.get("inputs"), "inputs");
        wrap(() -> AdmissibleNetwork.checkInputs(inputs));
        JsonNode neuronsNode = root.get("neurons");
        if (neuronsNode == null || !neuronsNode.isArray()) {
            throw new AdmissibleFormatException(
                    "neurons",
                    "neurons must be an array of neurons, was "
                            + (neuronsNode == null ? "missing" : JsonValues.kind(neuronsNode)));
        }
        if (neuronsNode.size() > AdmissibleLimits.MAX_NEURONS) {
            throw new AdmissibleFormatException(
                    "neurons",
                    "neurons must have at most " + AdmissibleLimits.MAX_NEURONS
                            + " neurons (AdmissibleLimits.MAX_NEURONS), had " + neuronsNode.size());
        }
        List<AdmissibleNeuron> neurons = new ArrayList<>(neuronsNode.size());
        for (int i = 0; i < neuronsNode.size(); i++) {
            AdmissibleNeuron neuron = neuron(neuronsNode.get(i), inputs, i);
            int index = i;
            wrap(() ->
                    AdmissibleNetwork.checkReads(inputs, index, neuron.weights().keySet()));
            neurons.add(neuron);
        }
        JsonNode outputsNode = root.get("outputs");
        if (outputsNode == null || !outputsNode.isArray()) {
            throw new AdmissibleFormatException(
                    "outputs",
                    "outputs must be an array of node numbers, was "
                            + (outputsNode == null ? "missing" : JsonValues.kind(outputsNode)));
        }
        if (outputsNode.size() > AdmissibleLimits.MAX_OUTPUTS) {
            throw new AdmissibleFormatException(
                    "outputs",
                    "outputs must have at most " + AdmissibleLimits.MAX_OUTPUTS
                            + " nodes (AdmissibleLimits.MAX_OUTPUTS), had " + outputsNode.size());
        }
        List<Integer> outputs = new ArrayList<>(outputsNode.size());
        for (int i = 0; i < outputsNode.size(); i++) {
            outputs.add(wholeNumber(outputsNode.get(i), "outputs[" + i + "]"));
        }
        return wrap(() -> new AdmissibleNetwork(inputs, neurons, outputs));
    }

    /** One line, no trailing newline. */
    public static String format(AdmissibleNetwork network) {
        return write(network, "", "");
    }

    /** The same JSON with one neuron per line: a file that diffs well. Ends with a newline. */
    public static String formatByNeuron(AdmissibleNetwork network) {
        return write(network, "\n  ", "\n") + "\n";
    }

    // Written by hand: every text is a decimal (checked when it was made), a node number or an activation's
    // label, so nothing needs escaping.
    private static String write(AdmissibleNetwork network, String beforeNeuron, String afterNeurons) {
        StringBuilder json = new StringBuilder(48 * network.neurons().size() + 64);
        json.append("{\"format\": \"").append(FORMAT).append("\", \"inputs\": ").append(network.inputs());
        json.append(", \"neurons\": [");
        List<AdmissibleNeuron> neurons = network.neurons();
        for (int i = 0; i < neurons.size(); i++) {
            json.append(i == 0 ? "" : ", ").append(beforeNeuron);
            AdmissibleNeuron neuron = neurons.get(i);
            json.append("{\"weights\": {");
            boolean first = true;
            for (Map.Entry<Integer, ExactDecimal> w : neuron.weights().entrySet()) {
                json.append(first ? "\"" : ", \"").append(w.getKey()).append("\": \"");
                json.append(w.getValue().text()).append('"');
                first = false;
            }
            json.append("}, \"bias\": \"").append(neuron.bias().text());
            json.append("\", \"activation\": \"")
                    .append(neuron.activation().label())
                    .append("\"}");
        }
        json.append(afterNeurons).append("], \"outputs\": [");
        List<Integer> outputs = network.outputs();
        for (int i = 0; i < outputs.size(); i++) {
            json.append(i == 0 ? "" : ", ").append(outputs.get(i));
        }
        return json.append("]}").toString();
    }

    private static AdmissibleNeuron neuron(JsonNode node, int inputs, int index) {
        String name = AdmissibleNetwork.neuronName(inputs, index);
        if (!node.isObject()) {
            throw new AdmissibleFormatException(name, name + " must be a JSON object, was " + JsonValues.kind(node));
        }
        onlyFields(node, NEURON_FIELDS, name + ".", "a neuron has only");
        JsonNode weightsNode = node.get("weights");
        String weightsField = name + ".weights";
        if (weightsNode == null || !weightsNode.isObject()) {
            throw new AdmissibleFormatException(
                    weightsField,
                    weightsField + " must be an object of node number → decimal string, was "
                            + (weightsNode == null ? "missing" : JsonValues.kind(weightsNode)));
        }
        SortedMap<Integer, ExactDecimal> weights = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = weightsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> w = it.next();
            String field = weightsField + ".\"" + w.getKey() + "\"";
            if (!NODE_KEY.matcher(w.getKey()).matches()) {
                throw new AdmissibleFormatException(
                        field, field + ": a weight's key must be a node number (1, 2, …, no leading zeros)");
            }
            weights.put(Integer.parseInt(w.getKey()), decimal(w.getValue(), field));
        }
        ExactDecimal bias = decimal(node.get("bias"), name + ".bias");
        JsonNode activationNode = node.get("activation");
        String activationField = name + ".activation";
        if (activationNode == null || !activationNode.isTextual()) {
            throw new AdmissibleFormatException(
                    activationField,
                    activationField + " must be a string, was "
                            + (activationNode == null ? "missing" : JsonValues.describe(activationNode)));
        }
        AdmissibleActivation activation;
        try {
            activation = AdmissibleActivation.fromLabel(activationNode.textValue());
        } catch (IllegalArgumentException e) {
            throw new AdmissibleFormatException(activationField, activationField + ": " + e.getMessage());
        }
        return new AdmissibleNeuron(weights, bias, activation);
    }

    private static ExactDecimal decimal(JsonNode node, String field) {
        if (node == null) {
            throw new AdmissibleFormatException(field, field + " is missing");
        }
        if (!node.isTextual()) {
            throw new AdmissibleFormatException(
                    field,
                    field + " must be a decimal string such as \"0.1\" (a JSON number is not kept as written), was "
                            + JsonValues.describe(node));
        }
        try {
            return ExactDecimal.parse(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new AdmissibleFormatException(field, field + " " + e.getMessage());
        }
    }

    private static int wholeNumber(JsonNode node, String field) {
        if (node == null) {
            throw new AdmissibleFormatException(field, field + " is missing");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new AdmissibleFormatException(
                    field, field + " must be a whole number, was " + JsonValues.describe(node));
        }
        return node.intValue();
    }

    private static void onlyFields(JsonNode node, List<String> fields, String prefix, String what) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new AdmissibleFormatException(
                        prefix + name, prefix + name + " is an unknown field: " + what + " " + fields);
            }
        }
        for (String name : fields) {
            if (node.get(name) == null) {
                throw new AdmissibleFormatException(prefix + name, prefix + name + " is missing");
            }
        }
    }

    /** The model's own checks throw {@link InvalidFieldException}; a file reports them as a format error. */
    private static <T> T wrap(java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (AdmissibleFormatException e) {
            throw e;
        } catch (InvalidFieldException e) {
            throw new AdmissibleFormatException(e.field(), e.getMessage());
        }
    }

    private static void wrap(Runnable check) {
        wrap(() -> {
            check.run();
            return null;
        });
    }
}
