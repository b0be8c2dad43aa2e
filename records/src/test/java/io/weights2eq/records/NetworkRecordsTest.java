package io.weights2eq.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.schema.avro.NetworkParameters;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.schema.serde.FloatArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkRecordsTest {
    private static final Limit LIMIT = new Limit(NetworkLayout.MAX_PARAMETERS, "w2e.test.max-parameters");

    private static Network network() {
        float[] parameters = new float[NetworkLayout.DEFAULT.parameterCount()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = i * 0.01f - 0.5f;
        }
        return new Network(NetworkLayout.DEFAULT, Activation.RELU, parameters);
    }

    private static NetworkParameters.Builder valid() {
        return NetworkParameters.newBuilder(NetworkRecords.toAvro(network()));
    }

    private static String rejection(NetworkParameters p, Limit limit) {
        return assertThrows(InvalidRecordException.class, () -> NetworkRecords.toDomain(p, "network", limit))
                .getMessage();
    }

    @Test
    void aNetworkSurvivesTheRoundTrip() {
        Network back = NetworkRecords.toDomain(NetworkRecords.toAvro(network()), "network", LIMIT);
        assertEquals(network().layout(), back.layout());
        assertEquals(Activation.RELU, back.activation());
        assertArrayEquals(network().parameters(), back.parameters());
    }

    @Test
    void everyRejectionNamesTheFieldAndTheLimit() {
        assertEquals(
                "network: missing",
                assertThrows(InvalidRecordException.class, () -> NetworkRecords.toDomain(null, "network", LIMIT))
                        .getMessage());
        assertTrue(rejection(valid().build(), new Limit(10, "w2e.test.max-parameters"))
                .startsWith("network.parameters: at most 10 parameters (w2e.test.max-parameters), was "));
        assertTrue(rejection(valid().setActivation("swish").build(), LIMIT).startsWith("network.activation"));
        assertEquals(
                "network.layers: input size must be 1 to 2 and output size 1, was [3, 8, 1]",
                rejection(valid().setLayers(List.of(3, 8, 1)).build(), LIMIT));
        assertEquals(
                "network.layers: input size must be 1 to 2 and output size 1, was [1, 8, 2]",
                rejection(valid().setLayers(List.of(1, 8, 2)).build(), LIMIT));
        assertTrue(rejection(
                        valid().setParameters(FloatArrayList.wrap(new float[3])).build(), LIMIT)
                .startsWith("network.parameters: "));
        float[] withNaN = network().parameters().clone();
        withNaN[4] = Float.NaN;
        assertEquals(
                "network.parameters[4]: must be finite, was NaN",
                rejection(valid().setParameters(FloatArrayList.wrap(withNaN)).build(), LIMIT));
    }

    @Test
    void aTwoInputNetworkKeepsItsDomain() {
        NetworkLayout layout = new NetworkLayout(2, 8, 7, 8, 1);
        float[] parameters = new float[layout.parameterCount()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = (i % 11 - 5) * 0.1f;
        }
        InputDomain domain = new InputDomain(List.of(new Interval(-2, 3), new Interval(0.5, 5)));
        Network two = new Network(layout, Activation.TANH, parameters, domain);
        NetworkParameters avro = NetworkRecords.toAvro(two);
        assertEquals(
                List.of(
                        new io.weights2eq.schema.avro.Interval(-2.0, 3.0),
                        new io.weights2eq.schema.avro.Interval(0.5, 5.0)),
                avro.getDomain());
        AvroCodec<NetworkParameters> codec = AvroCodec.of(NetworkParameters.class);
        Network back = NetworkRecords.toDomain(codec.decode(codec.encode(avro)), "network", LIMIT);
        assertEquals(layout, back.layout());
        assertEquals(domain, back.domain());
        assertArrayEquals(parameters, back.parameters());
        assertEquals(two.evaluate(0.7, 1.5), back.evaluate(0.7, 1.5));
    }

    @Test
    void theUnitDomainIsLeftOutAndAnEmptyOneIsTheUnitOne() {
        assertEquals(List.of(), NetworkRecords.toAvro(network()).getDomain());
        assertEquals(
                InputDomain.unit(1), NetworkRecords.toDomain(valid().build()).domain());
        NetworkLayout layout = new NetworkLayout(2, 3, 1);
        Network two = new Network(layout, Activation.RELU, new float[layout.parameterCount()]);
        NetworkParameters avro = NetworkRecords.toAvro(two);
        assertEquals(List.of(), avro.getDomain());
        assertEquals(InputDomain.unit(2), NetworkRecords.toDomain(avro).domain());
        // a shifted one-input domain is written, and read back
        Network shifted = network().withDomain(InputDomain.of(0, 4));
        assertEquals(
                InputDomain.of(0, 4),
                NetworkRecords.toDomain(NetworkRecords.toAvro(shifted)).domain());
    }

    @Test
    void aDomainThatDoesNotFitIsRejectedByField() {
        assertEquals(
                "network.domain: one interval per input (layers[0] = 1) or none for [-1, 1] each, was 2",
                rejection(
                        valid().setDomain(List.of(interval(-1, 1), interval(0, 1)))
                                .build(),
                        LIMIT));
        assertEquals(
                "network.domain[0]: lo and hi finite with lo < hi, was [2.0, 2.0]",
                rejection(valid().setDomain(List.of(interval(2, 2))).build(), LIMIT));
        assertEquals(
                "network.domain[0]: lo and hi finite with lo < hi, was [NaN, 1.0]",
                rejection(valid().setDomain(List.of(interval(Double.NaN, 1))).build(), LIMIT));
        NetworkLayout layout = new NetworkLayout(2, 3, 1);
        NetworkParameters two = NetworkParameters.newBuilder(
                        NetworkRecords.toAvro(new Network(layout, Activation.RELU, new float[layout.parameterCount()])))
                .setDomain(List.of(interval(-1, 1), interval(3, Double.POSITIVE_INFINITY)))
                .build();
        assertEquals("network.domain[1]: lo and hi finite with lo < hi, was [3.0, Infinity]", rejection(two, LIMIT));
    }

    private static io.weights2eq.schema.avro.Interval interval(double lo, double hi) {
        return new io.weights2eq.schema.avro.Interval(lo, hi);
    }

    @Test
    void aRetrainedNetworkIsWrittenWithTheSameBytes() {
        AvroCodec<io.weights2eq.schema.avro.Network> codec = AvroCodec.of(io.weights2eq.schema.avro.Network.class);
        byte[] first = codec.encode(NetworkRecords.toAvro(trained(12_000_000L), "trainer-a"));
        byte[] again = codec.encode(NetworkRecords.toAvro(trained(987_000_000L), "trainer-a"));
        assertArrayEquals(first, again);
        assertEquals(0, NetworkRecords.toAvro(trained(12_000_000L), "trainer-a").getTrainingMillis());
        assertEquals("trainer-a", NetworkRecords.toAvro(trained(1), "trainer-a").getTrainerInstance());
    }

    private static TrainedNetwork trained(long trainingNanos) {
        return new TrainedNetwork("job-1-7", network(), 0.01, 0.02, 0.001, 50, 1, true, 1, trainingNanos);
    }
}
