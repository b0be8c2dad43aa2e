package io.weights2eq.decoder.inbound.streams;

import io.weights2eq.decoder.inbound.AvroMapping;
import io.weights2eq.decoder.inbound.RecordLimits;
import io.weights2eq.domain.equation.SampleChecks;
import io.weights2eq.domain.equation.Violation;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.schema.serde.FloatArrayList;
import io.weights2eq.schema.serde.RecordDecodingException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * The topology reads raw bytes and decodes them here, so that a record that cannot be decoded or is invalid goes
 * to its topic's dead-letter topic byte for byte, with the reason in headers, inside the topology (no second
 * producer, nothing dropped, and the same transactional guarantee as the examples when exactly-once is on).
 */
final class DecodeRecords {
    private static final Logger LOG = Logger.getLogger(DecodeRecords.class);
    private static final FloatArrayList NO_SAMPLES = FloatArrayList.wrap(new float[0]);

    private DecodeRecords() {
    }

    /** Shared: check the record, forward it decoded, or forward it rejected with the reason in its headers. */
    private abstract static class Base<T extends SpecificRecord> implements FixedKeyProcessor<String, byte[], Decoded<T>> {
        private final String rejectedBy;
        private final AvroCodec<T> codec;
        private final Function<T, String> idOf;
        private final String idName;
        final RecordLimits limits;
        private FixedKeyProcessorContext<String, Decoded<T>> context;

        /** @param idName what the key must equal, for the reason */
        Base(String rejectedBy, Class<T> type, Function<T, String> idOf, String idName, RecordLimits limits) {
            this.rejectedBy = rejectedBy;
            this.codec = AvroCodec.of(type);
            this.idOf = idOf;
            this.idName = idName;
            this.limits = limits;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Decoded<T>> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            T value;
            try {
                value = record.value() == null ? null : decode(record.key(), record.value());
            } catch (RecordDecodingException e) {
                reject(record, "value: " + e.reason());
                return;
            } catch (AvroMapping.InvalidRecordException e) {
                reject(record, e.getMessage());
                return;
            }
            if (value == null && !forwardTombstones()) {
                return;
            }
            if (record.key() == null) {
                reject(record, "key: null (must be the equation id)");
                return;
            }
            context.forward(record.withValue(Decoded.ok(value, record.value())));
        }

        private void reject(FixedKeyRecord<String, byte[]> record, String reason) {
            RecordMetadata source = context.recordMetadata().orElseThrow();
            LOG.warnf("%s@%d:%d rejected to %s.dlq: %s", source.topic(), source.partition(), source.offset(),
                    source.topic(), reason);
            context.forward(record.withValue(Decoded.<T>reject(record.value()))
                    .withHeaders(DeadLetterRecords.headers(record.headers(), reason, source.topic(), source.partition(),
                            source.offset(), rejectedBy)));
        }

        /** Decodes the value and checks that the key, when there is one, is the record's id. */
        private T decode(String key, byte[] value) {
            T decoded = codec.decode(value);
            String id = String.valueOf(idOf.apply(decoded));
            if (key != null && !key.equals(id)) {
                throw new AvroMapping.InvalidRecordException("key: must equal the " + idName + " '" + id
                        + "', was '" + key + "'");
            }
            return checked(decoded);
        }

        /** @return the record to forward, once valid */
        abstract T checked(T decoded);

        abstract boolean forwardTombstones();
    }

    /**
     * {@code equations} → the slim equation: the same record with x and y emptied, so that neither the table's store
     * nor its changelog ever holds the 5,000 samples. Tombstones pass (they delete from the table).
     */
    static final class Equations extends Base<Equation> {
        Equations(String rejectedBy, RecordLimits limits) {
            super(rejectedBy, Equation.class, Equation::getId, "equation id", limits);
        }

        @Override
        Equation checked(Equation equation) {
            String text = String.valueOf(equation.getCanonicalText());
            Polynomial polynomial;
            try {
                polynomial = Polynomial.parse(text);
            } catch (IllegalArgumentException e) {
                throw new AvroMapping.InvalidRecordException("canonicalText: " + e.getMessage());
            }
            if (!polynomial.toCanonicalText().equals(text)) {
                throw new AvroMapping.InvalidRecordException("canonicalText: '" + text + "' is not canonical (canonical: '"
                        + polynomial.toCanonicalText() + "')");
            }
            // the decoder keeps no samples, but an equation no trainer may train on makes no example either
            List<Violation> samples = SampleChecks.check(FloatArrayList.toFloatArray(equation.getX()),
                    FloatArrayList.toFloatArray(equation.getY()), limits.maxSamples(), RecordLimits.MAX_SAMPLES_SETTING);
            if (!samples.isEmpty()) {
                throw new AvroMapping.InvalidRecordException(samples.stream().map(v -> v.field() + ": " + v.message())
                        .collect(Collectors.joining("; ")));
            }
            return slim(equation);
        }

        @Override
        boolean forwardTombstones() {
            return true;
        }
    }

    /** The equation without its samples (the record is fresh from the decoder: changed in place). */
    static Equation slim(Equation equation) {
        equation.setX(NO_SAMPLES);
        equation.setY(NO_SAMPLES);
        return equation;
    }

    /** {@code networks}: decodable, keyed by its equation id, a valid network (layout, activation, finite values). */
    static final class Networks extends Base<Network> {
        Networks(String rejectedBy, RecordLimits limits) {
            super(rejectedBy, Network.class, Network::getEquationId, "network's equation id", limits);
        }

        @Override
        Network checked(Network network) {
            AvroMapping.toNetwork(network.getNetwork(), "network", limits);
            return network;
        }

        @Override
        boolean forwardTombstones() {
            return false; // a deleted network deletes nothing downstream: examples stay until replaced
        }
    }
}
