package io.weights2eq.domain.admissible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.network.InvalidFieldException;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissibleFileTest {

    /** The issue's example, with node 4 made an earlier neuron so that the reference is backward. */
    private static final String EXAMPLE = """
            {"format": "admissible", "inputs": 3,
             "neurons": [{"weights": {"1": "1", "3": "-6e5"}, "bias": "0", "activation": "identity"},
                         {"weights": {"1": "2", "4": "-0.5"}, "bias": "0.1", "activation": "relu"}],
             "outputs": [5]}""";

    @Test
    void readsTheIssuesExampleKeepingNumbersAsWritten() {
        AdmissibleNetwork n = AdmissibleFile.parse(EXAMPLE);
        assertEquals(3, n.inputs());
        assertEquals(2, n.neurons().size());
        assertEquals(java.util.List.of(5), n.outputs());
        AdmissibleNeuron second = n.neurons().get(1);
        assertEquals("2", second.weights().get(1).text());
        assertEquals("-0.5", second.weights().get(4).text());
        assertEquals("0.1", second.bias().text());
        assertEquals(AdmissibleActivation.RELU, second.activation());
        assertEquals("-6e5", n.neurons().get(0).weights().get(3).text());
        assertEquals(
                0,
                new BigDecimal("-600000")
                        .compareTo(n.neurons().get(0).weights().get(3).value()));
        // x4 = x1 − 6e5·x3; x5 = relu(2·x1 − 0.5·x4 + 0.1)
        assertEquals(
                Math.max(2 * 1.0 - 0.5 * (1 - 6e5 * 0.001) + 0.1, 0),
                new DoubleEvaluator(n).evaluate(1, 7, 0.001)[0],
                1e-9);
    }

    @Test
    void writesWhatItReadsBothOnOneLineAndOneNeuronPerLine() {
        AdmissibleNetwork n = AdmissibleFile.parse(EXAMPLE);
        String line = AdmissibleFile.format(n);
        assertFalse(line.contains("\n"));
        assertTrue(line.contains("\"-6e5\""), line);
        assertEquals(n, AdmissibleFile.parse(line));
        String lines = AdmissibleFile.formatByNeuron(n);
        assertEquals(n.neurons().size() + 2, lines.split("\n").length, lines);
        assertEquals(n, AdmissibleFile.parse(lines));
        assertEquals(line, AdmissibleFile.format(AdmissibleFile.parse(lines)));
        AdmissibleNetwork fib = PrecisionTest.fibonacci();
        assertEquals(fib, AdmissibleFile.parse(AdmissibleFile.format(fib)));
    }

    @Test
    void theBuilderRefusesAForwardReferenceWhenTheNeuronIsAdded() {
        AdmissibleNetwork.Builder b = AdmissibleNetwork.builder(2);
        InvalidFieldException e = assertThrows(
                InvalidFieldException.class,
                () -> b.add(Map.of(3, BigDecimal.ONE), BigDecimal.ZERO, AdmissibleActivation.RELU));
        assertEquals("neurons[0] (node 3).weights.\"3\"", e.field());
        assertEquals(3, b.add(Map.of(2, BigDecimal.ONE), BigDecimal.ZERO, AdmissibleActivation.RELU));
        assertEquals(4, b.nextNode());
    }

    private static AdmissibleFormatException refused(String json) {
        return assertThrows(AdmissibleFormatException.class, () -> AdmissibleFile.parse(json));
    }

    /** A one-input network whose second neuron (node 3) is {@code neuron}. */
    private static String secondNeuron(String neuron) {
        return "{\"format\": \"admissible\", \"inputs\": 1, \"neurons\": ["
                + "{\"weights\": {\"1\": \"1\"}, \"bias\": \"0\", \"activation\": \"relu\"}, " + neuron
                + "], \"outputs\": [3]}";
    }

    private static void assertRefused(String json, String field, String... words) {
        AdmissibleFormatException e = refused(json);
        assertEquals(field, e.field(), e.getMessage());
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), "'" + word + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void refusesAWeightOnANodeThatIsNotEarlierNamingTheNeuronAndTheField() {
        assertRefused(
                secondNeuron("{\"weights\": {\"4\": \"1\"}, \"bias\": \"0\", \"activation\": \"relu\"}"),
                "neurons[1] (node 3).weights.\"4\"",
                "forward reference",
                "nodes 1..2");
        assertRefused(
                secondNeuron("{\"weights\": {\"3\": \"1\"}, \"bias\": \"0\", \"activation\": \"relu\"}"),
                "neurons[1] (node 3).weights.\"3\"",
                "itself");
        assertRefused(
                secondNeuron("{\"weights\": {\"0\": \"1\"}, \"bias\": \"0\", \"activation\": \"relu\"}"),
                "neurons[1] (node 3).weights.\"0\"",
                "node number");
        assertRefused(
                secondNeuron("{\"weights\": {\"01\": \"1\"}, \"bias\": \"0\", \"activation\": \"relu\"}"),
                "neurons[1] (node 3).weights.\"01\"",
                "leading zeros");
        assertRefused(
                secondNeuron("{\"weights\": {\"x\": \"1\"}, \"bias\": \"0\", \"activation\": \"relu\"}"),
                "neurons[1] (node 3).weights.\"x\"",
                "node number");
    }

    @Test
    void refusesAnUnknownActivationNamingTheNeuronAndListingTheFive() {
        assertRefused(
                secondNeuron("{\"weights\": {\"1\": \"1\"}, \"bias\": \"0\", \"activation\": \"tanh\"}"),
                "neurons[1] (node 3).activation",
                "tanh",
                "[identity, relu, softplus, sigmoid, sin]");
        assertRefused(
                secondNeuron("{\"weights\": {\"1\": \"1\"}, \"bias\": \"0\", \"activation\": 1}"),
                "neurons[1] (node 3).activation",
                "must be a string");
    }

    @Test
    void refusesNumbersThatAreNotTerminatingDecimalStrings() {
        String[] bad = {"1/3", "0x10", "NaN", "Infinity", "1e", "--1", "1.2.3", " 1", "", "1e99999"};
        for (String text : bad) {
            assertRefused(
                    secondNeuron(
                            "{\"weights\": {\"2\": \"" + text + "\"}, \"bias\": \"0\", " + "\"activation\": \"relu\"}"),
                    "neurons[1] (node 3).weights.\"2\"",
                    "\"" + text + "\"");
        }
        assertRefused(
                secondNeuron("{\"weights\": {\"2\": 0.1}, \"bias\": \"0\", \"activation\": \"relu\"}"),
                "neurons[1] (node 3).weights.\"2\"",
                "JSON number is not kept as written");
        assertRefused(
                secondNeuron("{\"weights\": {}, \"bias\": 1, \"activation\": \"relu\"}"),
                "neurons[1] (node 3).bias",
                "decimal string");
        assertRefused(
                secondNeuron("{\"weights\": {}, \"bias\": \"1e401\", \"activation\": \"relu\"}"),
                "neurons[1] (node 3).bias",
                "AdmissibleLimits.MAX_EXPONENT");
        assertRefused(
                secondNeuron("{\"weights\": {}, \"bias\": \"" + "1".repeat(201) + "\", \"activation\": " + "\"relu\"}"),
                "neurons[1] (node 3).bias",
                "AdmissibleLimits.MAX_NUMBER_LENGTH");
        // what the grammar accepts
        for (String ok : new String[] {"-6e5", "0.1", ".5", "5.", "+2", "1.25E-3", "-0", "1e400"}) {
            AdmissibleFile.parse(secondNeuron(
                    "{\"weights\": {\"2\": \"" + ok + "\"}, \"bias\": \"0\", " + "\"activation\": \"relu\"}"));
        }
    }

    @Test
    void refusesMissingAndUnknownFields() {
        assertRefused(
                secondNeuron("{\"weights\": {}, \"activation\": \"relu\"}"), "neurons[1] (node 3).bias", "missing");
        assertRefused(
                secondNeuron("{\"bias\": \"0\", \"activation\": \"relu\"}"), "neurons[1] (node 3).weights", "missing");
        assertRefused(secondNeuron("{\"weights\": {}, \"bias\": \"0\"}"), "neurons[1] (node 3).activation", "missing");
        assertRefused(
                secondNeuron("{\"weights\": {}, \"bias\": \"0\", \"activation\": \"relu\", \"w\": 1}"),
                "neurons[1] (node 3).w",
                "unknown field");
        assertRefused(secondNeuron("[]"), "neurons[1] (node 3)", "JSON object");
        assertRefused("{\"format\": \"admissible\", \"neurons\": [], \"outputs\": [1]}", "inputs", "missing");
        assertRefused("{\"format\": \"admissible\", \"inputs\": 1, \"outputs\": [1]}", "neurons", "missing");
        assertRefused("{\"format\": \"admissible\", \"inputs\": 1, \"neurons\": []}", "outputs", "missing");
        assertRefused(
                "{\"format\": \"admissible\", \"inputs\": 1, \"neurons\": [], \"outputs\": [1], \"id\": 1}",
                "id",
                "unknown field");
        assertRefused("{\"inputs\": 1, \"neurons\": [], \"outputs\": [1]}", "format", "missing");
        assertRefused(
                "{\"format\": \"layered\", \"inputs\": 1, \"neurons\": [], \"outputs\": [1]}",
                "format",
                "\"admissible\"",
                "layered");
        assertRefused("[1]", "json", "one JSON object");
        assertRefused("{\"format\": ", "json", "malformed");
        assertRefused("", "json", "empty");
    }

    @Test
    void refusesOutputsOutOfRangeAndSizesOverTheLimits() {
        String one = "{\"weights\": {\"1\": \"1\"}, \"bias\": \"0\", \"activation\": \"relu\"}";
        assertRefused(
                "{\"format\": \"admissible\", \"inputs\": 1, \"neurons\": [" + one + "], \"outputs\": [3]}",
                "outputs[0]",
                "between 1 and 2",
                "was 3");
        assertRefused(
                "{\"format\": \"admissible\", \"inputs\": 1, \"neurons\": [" + one + "], \"outputs\": [2, 0]}",
                "outputs[1]",
                "was 0");
        assertRefused(
                "{\"format\": \"admissible\", \"inputs\": 1, \"neurons\": [], \"outputs\": []}",
                "outputs",
                "at least one");
        assertRefused(
                "{\"format\": \"admissible\", \"inputs\": 1, \"neurons\": [], \"outputs\": [1.5]}",
                "outputs[0]",
                "whole number");
        assertRefused(
                "{\"format\": \"admissible\", \"inputs\": 0, \"neurons\": [], \"outputs\": [1]}",
                "inputs",
                "AdmissibleLimits.MAX_INPUTS");
        assertRefused(
                "{\"format\": \"admissible\", \"inputs\": 1001, \"neurons\": [], \"outputs\": [1]}",
                "inputs",
                "AdmissibleLimits.MAX_INPUTS",
                "1000");
        String many = ("{\"weights\": {}, \"bias\": \"0\", \"activation\": \"relu\"}, ")
                .repeat(AdmissibleLimits.MAX_NEURONS + 1);
        assertRefused(
                "{\"format\": \"admissible\", \"inputs\": 1, \"neurons\": [" + many.substring(0, many.length() - 2)
                        + "], \"outputs\": [1]}",
                "neurons",
                "AdmissibleLimits.MAX_NEURONS");
        assertRefused(
                "{\"format\": \"admissible\", \"inputs\": 1, \"neurons\": [], \"outputs\": ["
                        + "1, ".repeat(AdmissibleLimits.MAX_OUTPUTS) + "1]}",
                "outputs",
                "AdmissibleLimits.MAX_OUTPUTS");
    }

    @Test
    void refusesMoreWeightsInAllThanTheLimit() {
        // 1,000 inputs read by 2,001 neurons each: 2,001,000 weights, over AdmissibleLimits.MAX_WEIGHTS
        java.util.SortedMap<Integer, ExactDecimal> all = new java.util.TreeMap<>();
        for (int node = 1; node <= 1_000; node++) {
            all.put(node, ExactDecimal.of(BigDecimal.ONE));
        }
        AdmissibleNeuron reader = new AdmissibleNeuron(all, ExactDecimal.ZERO, AdmissibleActivation.IDENTITY);
        java.util.List<AdmissibleNeuron> neurons = java.util.Collections.nCopies(2_001, reader);
        InvalidFieldException e = assertThrows(
                InvalidFieldException.class, () -> new AdmissibleNetwork(1_000, neurons, java.util.List.of(1)));
        assertEquals("neurons", e.field());
        assertTrue(
                e.getMessage().contains("AdmissibleLimits.MAX_WEIGHTS")
                        && e.getMessage().contains("2001000"),
                e.getMessage());
        new AdmissibleNetwork(1_000, neurons.subList(0, 2_000), java.util.List.of(1)); // 2,000,000 is allowed
    }

    @Test
    void refusesDuplicateKeys() {
        assertRefused(
                secondNeuron(
                        "{\"weights\": {\"1\": \"1\", \"1\": \"2\"}, \"bias\": \"0\", \"activation\": " + "\"relu\"}"),
                "json",
                "Duplicate");
    }
}
