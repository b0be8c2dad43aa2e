package io.weights2eq.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.weights2eq.schema.serde.AvroCodec;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The build-time schema check: every topic value schema must read data written by each of its
 * earlier versions (backward compatibility), and the newest version under {@code schemas/history/}
 * must be the current schema, so that no change escapes the history.
 */
class SchemaEvolutionTest {

    @TestFactory
    List<DynamicTest> everySchemaReadsEveryEarlierVersion() {
        return SchemaCatalog.TOPIC_VALUES.stream()
                .map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> check(type)))
                .toList();
    }

    private static void check(Class<? extends SpecificRecord> type) {
        AvroCodec<? extends SpecificRecord> codec = AvroCodec.of(type);
        Schema current = codec.schema();
        List<Schema> history = codec.history();
        assertFalse(history.isEmpty(), "schemas/history/" + current.getName() + "/v1.avsc is missing");
        for (int i = 0; i < history.size(); i++) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(current, history.get(i));
            if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                fail(current.getName() + " cannot read v" + (i + 1) + ": "
                        + result.getResult().getIncompatibilities());
            }
        }
        Schema newest = history.get(history.size() - 1);
        assertEquals(
                AvroCodec.fingerprint(newest),
                AvroCodec.fingerprint(current),
                () -> current.getName() + ".avsc differs from schemas/history/" + current.getName() + "/v"
                        + history.size()
                        + ".avsc. It reads every earlier version, so record it: save this as schemas/history/"
                        + current.getName() + "/v" + (history.size() + 1) + ".avsc\n" + current.toString(true));
    }
}
