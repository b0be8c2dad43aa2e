package io.weights2eq.schema.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.EquationFamily;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.avro.NetworkParameters;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

class AvroCodecTest {
    private final AvroCodec<Equation> codec = AvroCodec.of(Equation.class);

    static Equation sampleEquation() {
        float[] x = {-1f, -0.25f, 0.5f, 1f};
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (-2.5 * x[i] * x[i] + 3 * x[i] - 0.75);
        }
        return Equation.newBuilder()
                .setId("job-7")
                .setJobId("job")
                .setIndex(7)
                .setFamily(EquationFamily.newBuilder()
                        .setMode("uniform-length")
                        .setDegree(2)
                        .setCoefficientMin("-5")
                        .setCoefficientMax("5")
                        .setWholeWeight(1)
                        .setDecimalWeight(1)
                        .setDecimalDigits(1)
                        .setFractionWeight(1)
                        .setFractionDigits(2)
                        .setAbsentProbability(0.25)
                        .build())
                .setCoefficients(List.of("-0.75", "3", "-2.5"))
                .setCanonicalText("-2.5*x*x+3*x-0.75")
                .setTokenIds(List.of(16, 6, 18, 9))
                .setX(FloatArrayList.wrap(x))
                .setY(FloatArrayList.wrap(y))
                .setSeed(42)
                .build();
    }

    @Test
    void roundTripKeepsEveryFieldAndFloatBits() {
        Equation original = sampleEquation();
        byte[] bytes = codec.encode(original);
        assertEquals((byte) 0xC3, bytes[0], "single-object marker");
        assertEquals((byte) 0x01, bytes[1], "single-object marker");
        Equation decoded = codec.decode(bytes);
        assertEquals(original.getCanonicalText(), decoded.getCanonicalText());
        assertEquals(original.getCoefficients(), decoded.getCoefficients());
        assertArrayEquals(FloatArrayList.toFloatArray(original.getY()), FloatArrayList.toFloatArray(decoded.getY()));
        assertEquals(original, decoded);
    }

    @Test
    void fastFloatArraysWriteTheSameBytesAsAvrosOwnWriter() throws Exception {
        Equation eq = sampleEquation();
        ByteArrayOutputStream standard = new ByteArrayOutputStream();
        new BinaryMessageEncoder<Equation>(new SpecificData(Equation.class.getClassLoader()), Equation.getClassSchema())
                .encode(eq, standard);
        assertArrayEquals(standard.toByteArray(), codec.encode(eq));
    }

    @Test
    void garbageBytesAreAnErrorWithTheReason() {
        var e = assertThrows(RecordDecodingException.class, () -> codec.decode("hello world".getBytes()));
        assertTrue(e.reason().contains("not an Avro single-object message"), e.reason());
    }

    @Test
    void unknownFingerprintIsNamed() {
        byte[] bytes = AvroCodec.of(Network.class)
                .encode(Network.newBuilder()
                        .setEquationId("e")
                        .setNetwork(NetworkParameters.newBuilder()
                                .setLayers(List.of(1, 1))
                                .setActivation("relu")
                                .setParameters(FloatArrayList.wrap(new float[2]))
                                .build())
                        .setTrainMse(0)
                        .setValidationMse(0)
                        .setRelativeValidationMse(0)
                        .setSteps(1)
                        .setAttempts(1)
                        .setConverged(true)
                        .setTrainingSeed(1)
                        .setTrainerInstance("t")
                        .setTrainingMillis(1)
                        .build());
        var e = assertThrows(RecordDecodingException.class, () -> codec.decode(bytes));
        assertTrue(e.reason().startsWith("unknown schema fingerprint 0x"), e.reason());
    }

    @Test
    void truncatedMessageIsAnError() {
        byte[] bytes = codec.encode(sampleEquation());
        var e = assertThrows(RecordDecodingException.class, () -> codec.decode(Arrays.copyOf(bytes, bytes.length / 2)));
        assertTrue(e.reason().contains("truncated") || e.reason().contains("corrupt"), e.reason());
    }

    @Test
    void nullMessageIsAnErrorNotANull() {
        assertThrows(RecordDecodingException.class, () -> codec.decode(null));
    }

    @Test
    void aRecordWrittenWithSchemaVersion1StillDecodesWithTheNewFieldsDefaults() throws Exception {
        Schema v1 = codec.history().get(0);
        assertEquals(false, v1.getFields().stream().anyMatch(f -> f.name().equals("xMin")), "v1 predates xMin");
        Equation current = sampleEquation();
        GenericRecord old = new GenericData.Record(v1);
        for (Schema.Field field : v1.getFields()) {
            Object value = current.get(field.name());
            old.put(
                    field.name(),
                    value instanceof org.apache.avro.specific.SpecificRecord nested
                            ? SpecificData.get().deepCopy(nested.getSchema(), nested)
                            : value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(SpecificData.get(), v1).encode(old, out);
        Equation decoded = codec.decode(out.toByteArray());
        assertEquals(current.getCanonicalText(), decoded.getCanonicalText());
        assertEquals(-1.0, decoded.getXMin());
        assertEquals(1.0, decoded.getXMax());
    }

    @Test
    void aWriterSchemaOutsideTheHistoryIsRejected() throws Exception {
        // Same record name, but a schema that was never a recorded version: it must not be guessed at.
        Schema old = SchemaBuilder.record("Equation")
                .namespace("io.weights2eq.schema.avro")
                .fields()
                .requiredString("id")
                .endRecord();
        GenericRecord record = new GenericData.Record(old);
        record.put("id", "x");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old).encode(record, out);
        var e = assertThrows(RecordDecodingException.class, () -> codec.decode(out.toByteArray()));
        assertTrue(e.reason().startsWith("unknown schema fingerprint"), e.reason());
    }
}
