package io.weights2eq.schema.serde;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding (2-byte marker, 8-byte CRC-64-AVRO schema fingerprint, binary body) for
 * one record class. Decodes messages written with the current schema and with every earlier version
 * kept under {@code schemas/history/}, resolving them to the current class.
 */
public final class AvroCodec<T extends SpecificRecord> {
    private final Class<T> type;
    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final List<Schema> history;

    private AvroCodec(Class<T> type) {
        this.type = type;
        // The model and schema come from the class's own loader: under Quarkus tests the thread
        // context loader differs and the generated getDecoder() hits ClassCastExceptions.
        SpecificData model = new FastSpecificData(type.getClassLoader());
        this.schema = SpecificData.get().getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        this.history = loadHistory(type, schema.getName());
        history.forEach(decoder::addSchema);
    }

    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
        return new AvroCodec<>(Objects.requireNonNull(type, "type"));
    }

    public Schema schema() {
        return schema;
    }

    /** Earlier versions of this schema, oldest first, as kept under {@code schemas/history/<Name>/}. */
    public List<Schema> history() {
        return history;
    }

    public byte[] encode(T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            encoder.encode(record, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Decodes one message; throws {@link RecordDecodingException} with the reason, never returns null. */
    public T decode(byte[] message) {
        if (message == null) {
            throw new RecordDecodingException(type.getSimpleName(), "no bytes (null message)", null);
        }
        try {
            return decoder.decode(message);
        } catch (BadHeaderException e) {
            throw new RecordDecodingException(
                    type.getSimpleName(), "not an Avro single-object message (" + e.getMessage() + ")", e);
        } catch (MissingSchemaException e) {
            throw new RecordDecodingException(
                    type.getSimpleName(),
                    "unknown schema fingerprint " + fingerprintOf(message) + ": not a version of "
                            + schema.getFullName(),
                    e);
        } catch (EOFException e) {
            throw new RecordDecodingException(
                    type.getSimpleName(), "truncated message of " + message.length + " bytes", e);
        } catch (IOException
                | AvroRuntimeException
                | ClassCastException
                | IndexOutOfBoundsException
                | NegativeArraySizeException
                | OutOfMemoryError e) {
            throw new RecordDecodingException(type.getSimpleName(), "corrupt body: " + e, e);
        }
    }

    private static String fingerprintOf(byte[] message) {
        if (message.length < 10) {
            return "(message too short)";
        }
        StringBuilder hex = new StringBuilder("0x");
        for (int i = 9; i >= 2; i--) { // little-endian on the wire
            hex.append(String.format("%02x", message[i]));
        }
        return hex.toString();
    }

    /** The schema's CRC-64-AVRO fingerprint as written into each message. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static List<Schema> loadHistory(Class<?> type, String name) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String path = "schema-history/" + name + "/v" + version + ".avsc";
            try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    return List.copyOf(versions);
                }
                versions.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
    }
}
