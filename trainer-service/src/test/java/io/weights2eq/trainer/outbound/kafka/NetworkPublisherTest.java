package io.weights2eq.trainer.outbound.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.schema.serde.AvroCodec;
import org.junit.jupiter.api.Test;

/** A network re-trained after a crash is written with the same bytes: its record holds no wall-clock figure. */
class NetworkPublisherTest {
    private static TrainedNetwork trained(long trainingNanos) {
        float[] parameters = new float[NetworkLayout.DEFAULT.parameterCount()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = i * 0.01f - 0.5f;
        }
        return new TrainedNetwork("job-1-7", new Network(NetworkLayout.DEFAULT, Activation.RELU, parameters),
                0.01, 0.02, 0.001, 50, 1, true, 1, trainingNanos);
    }

    @Test
    void theRecordDoesNotDependOnHowLongTrainingTook() {
        AvroCodec<io.weights2eq.schema.avro.Network> codec = AvroCodec.of(io.weights2eq.schema.avro.Network.class);
        byte[] first = codec.encode(NetworkPublisher.toAvro(trained(12_000_000L), "trainer-a"));
        byte[] again = codec.encode(NetworkPublisher.toAvro(trained(987_000_000L), "trainer-a"));
        assertArrayEquals(first, again);
        assertEquals(0, NetworkPublisher.toAvro(trained(12_000_000L), "trainer-a").getTrainingMillis());
    }
}
