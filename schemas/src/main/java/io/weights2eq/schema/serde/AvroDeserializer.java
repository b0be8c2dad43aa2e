package io.weights2eq.schema.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for Avro single-object encoding. An undecodable message raises
 * {@link RecordDecodingException} with the reason (the consumer surfaces it as a
 * RecordDeserializationException carrying the original bytes, for the dead-letter topic). A null
 * value is a tombstone of a compacted topic and stays null.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final AvroCodec<T> codec;

    public AvroDeserializer(Class<T> type) {
        this.codec = AvroCodec.of(type);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : codec.decode(data);
    }
}
