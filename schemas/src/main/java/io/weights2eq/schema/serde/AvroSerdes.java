package io.weights2eq.schema.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serdes for Kafka Streams topologies. */
public final class AvroSerdes {
    private AvroSerdes() {}

    public static <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        return Serdes.serdeFrom(new AvroSerializer<>(type), new AvroDeserializer<>(type));
    }
}
