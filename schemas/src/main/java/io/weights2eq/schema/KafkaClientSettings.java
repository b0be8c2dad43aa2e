package io.weights2eq.schema;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Settings every Kafka client of the CLI and the soak starts from: the Kafka client properties file named by
 * {@code W2E_KAFKA_CONFIG} (e.g. {@code security.protocol}, {@code sasl.*}, {@code ssl.*}), none when unset.
 * The command's own settings ({@code --bootstrap}, client id, offsets) are put on top. The system property
 * {@code w2e.kafka.config} wins over the variable (tests run the CLI in their own JVM).
 */
public final class KafkaClientSettings {
    public static final String ENV = "W2E_KAFKA_CONFIG";
    public static final String PROPERTY = "w2e.kafka.config";

    private KafkaClientSettings() {}

    /** {@value #ENV} names no readable file: a usage error. */
    public static final class MissingFileException extends IllegalArgumentException {
        MissingFileException(String message) {
            super(message);
        }
    }

    public static Map<String, Object> fromEnvironment() {
        return load(System.getProperty(PROPERTY, System.getenv(ENV)));
    }

    /** The properties of {@code file}; empty for null or blank; {@link MissingFileException} when it is missing. */
    static Map<String, Object> load(String file) {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (file == null || file.isBlank()) {
            return settings;
        }
        Path path = Path.of(file.trim());
        if (!Files.isRegularFile(path)) {
            throw new MissingFileException(ENV + " names " + path + ", which is not a readable file");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ENV + " file " + path, e);
        }
        p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k).trim()));
        return settings;
    }
}
