package io.weights2eq.decoder.inbound.streams;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A network that arrived before its equation, parked in a state store: the original bytes of the {@code networks}
 * record, where it came from, and when (wall-clock) it arrived.
 */
record PendingNetwork(byte[] original, int partition, long offset, long arrivedAtMillis) {

    private static final int HEADER = 4 + 8 + 8;

    static Serde<PendingNetwork> serde() {
        Serializer<PendingNetwork> serializer = (topic, p) -> {
            if (p == null) {
                return null;
            }
            return ByteBuffer.allocate(HEADER + p.original.length)
                    .putInt(p.partition)
                    .putLong(p.offset)
                    .putLong(p.arrivedAtMillis)
                    .put(p.original)
                    .array();
        };
        Deserializer<PendingNetwork> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            int partition = b.getInt();
            long offset = b.getLong();
            long arrived = b.getLong();
            byte[] original = new byte[b.remaining()];
            b.get(original);
            return new PendingNetwork(original, partition, offset, arrived);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
