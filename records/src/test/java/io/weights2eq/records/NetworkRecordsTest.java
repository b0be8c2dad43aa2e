package io.weights2eq.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.network.Activation;
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
        assertTrue(rejection(valid().setLayers(List.of(2, 8, 1)).build(), LIMIT)
                .startsWith("network.layers: input and output size must be 1"));
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
