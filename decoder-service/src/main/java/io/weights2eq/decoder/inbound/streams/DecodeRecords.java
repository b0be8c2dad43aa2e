package io.weights2eq.decoder.inbound.streams;

import io.weights2eq.decoder.inbound.RecordLimits;
import io.weights2eq.records.EquationRecords;
import io.weights2eq.records.InvalidRecordException;
import io.weights2eq.records.NetworkRecords;
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

    private DecodeRecords() {}

    /** Shared: check the record, forward it decoded, or forward it rejected with the reason in its headers. */
    private abstract static class Base<T extends SpecificRecord>
            implements FixedKeyProcessor<String, byte[], Decoded<T>> {
        private final String rejectedBy;
        private final AvroCodec<T> codec;
        final RecordLimits limits;
        private FixedKeyProcessorContext<String, Decoded<T>> context;

        Base(String rejectedBy, Class<T> type, RecordLimits limits) {
            this.rejectedBy = rejectedBy;
            this.codec = AvroCodec.of(type);
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
                value = record.value() == null ? null : checked(record.key(), codec.decode(record.value()));
            } catch (RecordDecodingException e) {
                reject(record, "value: " + e.reason());
                return;
            } catch (InvalidRecordException e) {
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
            LOG.warnf(
                    "%s@%d:%d rejected to %s.dlq: %s",
                    source.topic(), source.partition(), source.offset(), source.topic(), reason);
            context.forward(record.withValue(Decoded.<T>reject(record.value()))
                    .withHeaders(DeadLetterRecords.headers(
                            record.headers(),
                            reason,
                            source.topic(),
                            source.partition(),
                            source.offset(),
                            rejectedBy)));
        }

        /** @return the record to forward, once its key (null or not) and its content are valid */
        abstract T checked(String key, T decoded);

        abstract boolean forwardTombstones();
    }

    /**
     * {@code equations} → the slim equation: the same record with x and y emptied, so that neither the table's store
     * nor its changelog ever holds the 5,000 samples. Tombstones pass (they delete from the table).
     */
    static final class Equations extends Base<Equation> {
        Equations(String rejectedBy, RecordLimits limits) {
            super(rejectedBy, Equation.class, limits);
        }

        @Override
        Equation checked(String key, Equation equation) {
            if (key != null) {
                EquationRecords.requireKey(key, equation);
            }
            EquationRecords.requireCanonicalText(equation);
            // the decoder keeps no samples, but an equation no trainer may train on makes no example either
            EquationRecords.samples(equation, limits.samples());
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
            super(rejectedBy, Network.class, limits);
        }

        @Override
        Network checked(String key, Network network) {
            if (key != null && !key.equals(String.valueOf(network.getEquationId()))) {
                throw new InvalidRecordException("key: must equal the network's equation id '" + network.getEquationId()
                        + "', was '" + key + "'");
            }
            NetworkRecords.toDomain(network.getNetwork(), "network", limits.parameters());
            return network;
        }

        @Override
        boolean forwardTombstones() {
            return false; // a deleted network deletes nothing downstream: examples stay until replaced
        }
    }
}
