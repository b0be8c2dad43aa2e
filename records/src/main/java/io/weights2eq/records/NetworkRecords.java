package io.weights2eq.records;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.schema.avro.NetworkParameters;
import io.weights2eq.schema.serde.FloatArrayList;
import java.util.Arrays;
import java.util.List;

/** The one mapping between a network's Avro parameters (and the {@code networks} record) and the domain. */
public final class NetworkRecords {
    /** The largest network the domain allows, for readers that declare no limit of their own. */
    public static final Limit DOMAIN_LIMIT = new Limit(NetworkLayout.MAX_PARAMETERS, "NetworkLayout.MAX_PARAMETERS");

    private NetworkRecords() {}

    /** {@link #toDomain(NetworkParameters, String, Limit)} of a {@code networks} record's parameters, domain limit. */
    public static Network toDomain(NetworkParameters parameters) {
        return toDomain(parameters, "network", DOMAIN_LIMIT);
    }

    /**
     * @param field the path of the parameters in the record, e.g. {@code network}, for the messages
     * The domain is {@code domain}'s intervals, or [-1, 1] for every input when it is empty.
     *
     * @throws InvalidRecordException naming the field: more parameters than the limit, unknown activation, bad layer
     *                                sizes (1 to {@link InputDomain#MAX_INPUTS} inputs, one output), wrong parameter
     *                                count, a parameter that is NaN or infinite, a domain that does not fit
     */
    public static Network toDomain(NetworkParameters parameters, String field, Limit maxParameters) {
        if (parameters == null) {
            throw new InvalidRecordException(field + ": missing");
        }
        int count = parameters.getParameters() == null
                ? 0
                : parameters.getParameters().size();
        if (count > maxParameters.max()) { // oversized: rejected as such, before the layout is even looked at
            throw new InvalidRecordException(field + ".parameters: at most " + maxParameters.max() + " parameters ("
                    + maxParameters.setting() + "), was " + count);
        }
        NetworkLayout layout;
        try {
            layout = new NetworkLayout(
                    parameters.getLayers().stream().mapToInt(Integer::intValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(field + "." + e.getMessage());
        }
        if (layout.inputSize() > InputDomain.MAX_INPUTS || layout.outputSize() != 1) {
            throw new InvalidRecordException(field + ".layers: input size must be 1 to " + InputDomain.MAX_INPUTS
                    + " and output size 1, was " + layout);
        }
        Activation activation;
        try {
            activation = Activation.fromLabel(String.valueOf(parameters.getActivation()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(field + "." + e.getMessage());
        }
        if (layout.parameterCount() > maxParameters.max()) {
            throw new InvalidRecordException(field + ".layers: " + layout + " needs " + layout.parameterCount()
                    + " parameters, above the limit of " + maxParameters.max() + " (" + maxParameters.setting() + ")");
        }
        float[] values = FloatArrayList.toFloatArray(parameters.getParameters());
        if (values.length != layout.parameterCount()) {
            throw new InvalidRecordException(field + ".parameters: " + layout + " needs " + layout.parameterCount()
                    + " parameters, was " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidRecordException(field + ".parameters[" + i + "]: must be finite, was " + values[i]);
            }
        }
        List<io.weights2eq.schema.avro.Interval> domain = parameters.getDomain();
        InputDomain inputs = domain == null || domain.isEmpty()
                ? InputDomain.unit(layout.inputSize())
                : DomainRecords.toDomain(domain, layout.inputSize(), field + ".domain");
        return new Network(layout, activation, values.clone(), inputs);
    }

    /** The domain is written only when it is not [-1, 1] for every input, so such records keep their bytes. */
    public static NetworkParameters toAvro(Network network) {
        return NetworkParameters.newBuilder()
                .setLayers(Arrays.stream(network.layout().sizes()).boxed().toList())
                .setActivation(network.activation().label())
                .setParameters(FloatArrayList.wrap(network.parameters().clone()))
                .setCanonical(false)
                .setDomain(network.domain().isUnit() ? List.of() : DomainRecords.toAvro(network.domain()))
                .build();
    }

    /**
     * A trained network → its {@code networks} record. The value is a function of the equation, the training
     * configuration and the trainer instance only (a re-trained equation is written again with the same bytes), so
     * {@code trainingMillis} is 0: wall time is not a property of the network and travels in a header.
     */
    public static io.weights2eq.schema.avro.Network toAvro(TrainedNetwork t, String trainerInstance) {
        return io.weights2eq.schema.avro.Network.newBuilder()
                .setEquationId(t.equationId())
                .setNetwork(toAvro(t.network()))
                .setTrainMse(t.trainMse())
                .setValidationMse(t.validationMse())
                .setRelativeValidationMse(t.relativeValidationMse())
                .setSteps(t.steps())
                .setAttempts(t.attempts())
                .setConverged(t.converged())
                .setTrainingSeed(t.trainingSeed())
                .setTrainerInstance(trainerInstance)
                .setTrainingMillis(0)
                .build();
    }
}
