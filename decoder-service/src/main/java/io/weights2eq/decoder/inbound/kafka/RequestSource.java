package io.weights2eq.decoder.inbound.kafka;

import io.weights2eq.decoder.engine.DecodeListener;
import io.weights2eq.decoder.inbound.RecordLimits;
import io.weights2eq.domain.decoding.DecodingMethod;
import io.weights2eq.domain.decoding.ValidationSlice;
import io.weights2eq.domain.network.Network;
import io.weights2eq.records.InvalidRecordException;
import io.weights2eq.records.NetworkRecords;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.DecodeRequest;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.schema.serde.RecordDecodingException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What a {@link PredictionLoop} consumes: which topic, and how a record becomes a network to decode. */
public interface RequestSource {

    /** A network to decode, and the key of its prediction. */
    /** @param method null for the service default */
    record Request(String id, Network network, String method) {}

    /** A record that cannot be decoded: the reason names the field. */
    final class Rejected extends Exception {
        public Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    Topics topic();

    DecodeListener.Source source();

    /** Whether rejected records go to the topic's dead-letter topic (else they are only logged and counted). */
    boolean deadLetters();

    /** @return the request, or null when the record is to be skipped */
    Request read(ConsumerRecord<byte[], byte[]> record) throws Rejected;

    /** How a record becomes a request (or null, skipped). */
    @FunctionalInterface
    interface Reader {
        Request read(ConsumerRecord<byte[], byte[]> record) throws Rejected;
    }

    /** A source that is only its topic, its metrics source, its dead-letter choice and its reader. */
    record Of(Topics topic, DecodeListener.Source source, boolean deadLetters, Reader reader) implements RequestSource {
        @Override
        public Request read(ConsumerRecord<byte[], byte[]> record) throws Rejected {
            return reader.read(record);
        }
    }

    /** {@code decode-requests}: any client's networks; poison goes to {@code decode-requests.dlq}. */
    static RequestSource decodeRequests(RecordLimits limits) {
        AvroCodec<DecodeRequest> codec = AvroCodec.of(DecodeRequest.class);
        return new Of(Topics.DECODE_REQUESTS, DecodeListener.Source.KAFKA, true, record -> {
            if (record.value() == null) {
                throw new Rejected("value: null (a tombstone is not a decode request)");
            }
            DecodeRequest request;
            try {
                request = codec.decode(record.value());
            } catch (RecordDecodingException e) {
                throw new Rejected("value: " + e.reason());
            }
            if (request.getRequestId() == null || request.getRequestId().isBlank()) {
                throw new Rejected("requestId: must not be blank");
            }
            String method = request.getMethod();
            if (method != null && !DecodingMethod.wireNames().contains(method)) {
                throw new Rejected("method: '" + method + "' is not served by the decoder service; the methods are "
                        + DecodingMethod.wireNames() + " (or null for the default)");
            }
            try {
                return new Request(
                        request.getRequestId(),
                        NetworkRecords.toDomain(request.getNetwork(), "network", limits.parameters()),
                        method);
            } catch (InvalidRecordException e) {
                throw new Rejected(e.getMessage());
            }
        });
    }

    /**
     * {@code networks}: the trainer's networks, decoded so that their predictions (key = equation id) sit beside the
     * truth. {@code validationOnly}: only the equations of the validation slice (what the decoder never trained
     * on). Invalid networks are skipped, not dead-lettered: the examples topology already sends them to
     * {@code networks.dlq}.
     */
    static RequestSource networks(ValidationSlice slice, boolean validationOnly, RecordLimits limits) {
        AvroCodec<io.weights2eq.schema.avro.Network> codec = AvroCodec.of(io.weights2eq.schema.avro.Network.class);
        return new Of(Topics.NETWORKS, DecodeListener.Source.NETWORKS, false, record -> {
            if (record.value() == null) {
                return null;
            }
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            if (key != null && validationOnly && !slice.contains(key)) {
                return null; // cheap: most records are skipped before decoding
            }
            io.weights2eq.schema.avro.Network network;
            try {
                network = codec.decode(record.value());
            } catch (RecordDecodingException e) {
                throw new Rejected("value: " + e.reason());
            }
            String id = network.getEquationId();
            if (validationOnly && !slice.contains(id)) {
                return null;
            }
            try {
                return new Request(
                        id, NetworkRecords.toDomain(network.getNetwork(), "network", limits.parameters()), null);
            } catch (InvalidRecordException e) {
                throw new Rejected(e.getMessage());
            }
        });
    }
}
