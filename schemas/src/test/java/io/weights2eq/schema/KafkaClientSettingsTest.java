package io.weights2eq.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSettingsTest {
    @Test
    void readsEveryPropertyOfTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
                    username="w2e" password="s3cret";
                ssl.truststore.location=/etc/kafka/truststore.p12
                """);
        Map<String, Object> settings = KafkaClientSettings.load(file.toString());
        assertEquals(4, settings.size(), settings.toString());
        assertEquals("SASL_SSL", settings.get("security.protocol"));
        assertEquals(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"w2e\" password=\"s3cret\";",
                settings.get("sasl.jaas.config"));
        assertEquals("/etc/kafka/truststore.p12", settings.get("ssl.truststore.location"), "trailing blanks trimmed");
    }

    @Test
    void unsetMeansNoExtraSettingsAndAMissingFileIsNamed(@TempDir Path dir) {
        assertEquals(Map.of(), KafkaClientSettings.load(null));
        assertEquals(Map.of(), KafkaClientSettings.load(" "));
        KafkaClientSettings.MissingFileException e = assertThrows(
                KafkaClientSettings.MissingFileException.class,
                () -> KafkaClientSettings.load(dir.resolve("nope.properties").toString()));
        assertTrue(
                e.getMessage().startsWith("W2E_KAFKA_CONFIG names ")
                        && e.getMessage().contains("nope.properties"),
                e.getMessage());
    }
}
