package io.weights2eq.decoder.inbound.kafka;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The loops read raw bytes and decode them themselves, so that poison reaches the dead-letter topic byte for byte. */
final class ByteConsumers {
    private ByteConsumers() {}

    /** Makes each loop's consumer on its worker's thread. */
    static Supplier<Consumer<byte[], byte[]>> kafka(Map<String, Object> config) {
        Map<String, Object> copy = Map.copyOf(config);
        return () -> new KafkaConsumer<>(copy, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
