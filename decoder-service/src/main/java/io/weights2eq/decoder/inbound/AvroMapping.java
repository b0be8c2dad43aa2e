package io.weights2eq.decoder.inbound;

import io.weights2eq.domain.decoding.DecodingMetrics;
import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.schema.avro.Example;
import io.weights2eq.schema.avro.NetworkParameters;
import io.weights2eq.schema.serde.FloatArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Avro records of the topics ↔ the domain types, with every rejection naming the field. The one place that
 * turns a {@code NetworkParameters} into a domain {@link Network} (and back) for the decoder's adapters: the
 * Streams join, the examples consumer and the decode-request consumer all go through it. (The trainer builds
 * {@code NetworkParameters} in its own publisher; {@code schemas} does not depend on the domain, so a mapper
 * shared by both would need a module of its own.)
 */
public final class AvroMapping {

    /** A record that cannot become a domain object; {@link #getMessage()} starts with the field's path. */
    public static final class InvalidRecordException extends IllegalArgumentException {
        public InvalidRecordException(String message) {
            super(message);
        }
    }

    private AvroMapping() {
    }

    /**
     * @param field the path of the parameters in the record, e.g. {@code network}, for the messages
     * @throws InvalidRecordException naming the field: more parameters than the limit, unknown activation, bad layer
     *                                sizes, wrong parameter count, a parameter that is NaN or infinite
     */
    public static Network toNetwork(NetworkParameters parameters, String field, RecordLimits limits) {
        if (parameters == null) {
            throw new InvalidRecordException(field + ": missing");
        }
        int count = parameters.getParameters() == null ? 0 : parameters.getParameters().size();
        if (count > limits.maxParameters()) { // oversized: rejected as such, before the layout is even looked at
            throw new InvalidRecordException(field + ".parameters: at most " + limits.maxParameters() + " parameters ("
                    + RecordLimits.MAX_PARAMETERS_SETTING + "), was " + count);
        }
        NetworkLayout layout;
        try {
            layout = new NetworkLayout(parameters.getLayers().stream().mapToInt(Integer::intValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(field + "." + e.getMessage());
        }
        if (layout.inputSize() != 1 || layout.outputSize() != 1) {
            throw new InvalidRecordException(field + ".layers: input and output size must be 1, was " + layout);
        }
        Activation activation;
        try {
            activation = Activation.fromLabel(String.valueOf(parameters.getActivation()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(field + "." + e.getMessage());
        }
        float[] values = FloatArrayList.toFloatArray(parameters.getParameters());
        if (layout.parameterCount() > limits.maxParameters()) {
            throw new InvalidRecordException(field + ".layers: " + layout + " needs " + layout.parameterCount()
                    + " parameters, above the limit of " + limits.maxParameters() + " (" + RecordLimits.MAX_PARAMETERS_SETTING + ")");
        }
        if (values.length != layout.parameterCount()) {
            throw new InvalidRecordException(field + ".parameters: " + layout + " needs " + layout.parameterCount()
                    + " parameters, was " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidRecordException(field + ".parameters[" + i + "]: must be finite, was " + values[i]);
            }
        }
        return new Network(layout, activation, values.clone());
    }

    public static NetworkParameters toAvro(Network network) {
        return NetworkParameters.newBuilder()
                .setLayers(Arrays.stream(network.layout().sizes()).boxed().toList())
                .setActivation(network.activation().label())
                .setParameters(FloatArrayList.wrap(network.parameters().clone()))
                .setCanonical(false)
                .build();
    }

    /**
     * An {@code examples} record → a training example: the network, and the target polynomial parsed from the
     * canonical text (which must be the canonical text of the coefficients).
     */
    public static TrainingExample toTrainingExample(Example example, RecordLimits limits) {
        Network network = toNetwork(example.getNetwork(), "network", limits);
        Polynomial target;
        try {
            target = Polynomial.parse(String.valueOf(example.getCanonicalText()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("canonicalText: " + e.getMessage());
        }
        if (!target.toCanonicalText().contentEquals(example.getCanonicalText())) {
            throw new InvalidRecordException("canonicalText: '" + example.getCanonicalText()
                    + "' is not canonical (canonical: '" + target.toCanonicalText() + "')");
        }
        return new TrainingExample(String.valueOf(example.getEquationId()), network, target, example.getConverged());
    }

    /** The decoder's target tokens for an equation text: its tokens then {@code <eos>} (no {@code <bos>}). */
    public static List<Integer> targetTokens(Polynomial polynomial) {
        return Arrays.stream(DecodingMetrics.targetTokens(polynomial)).boxed().toList();
    }
}
