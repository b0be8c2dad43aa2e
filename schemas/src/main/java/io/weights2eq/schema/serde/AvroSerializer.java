package io.weights2eq.schema.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer writing Avro single-object encoding: no schema registry needed. */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private final AvroCodec<T> codec;

    public AvroSerializer(Class<T> type) {
        this.codec = AvroCodec.of(type);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : codec.encode(data);
    }
}
