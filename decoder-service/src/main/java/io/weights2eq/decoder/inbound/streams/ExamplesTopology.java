package io.weights2eq.decoder.inbound.streams;

import io.weights2eq.decoder.DecoderSettings;
import io.weights2eq.decoder.inbound.RecordLimits;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Example;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.serde.AvroSerdes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Kafka Streams topology that builds the decoder's training examples: {@code networks} (a stream) left-joined
 * on the equation id with a table of the <em>slim</em> equations (samples removed before the table, so neither its
 * store nor its changelog holds them) → {@code examples}.
 *
 * <pre>
 * equations ─decode─┬─ ok ── slim ──┬─ toTable(decoder-equations) ─────────────┐
 *                   │               └─ release parked network ── example ──┐    │
 *                   └─ rejected ─▶ equations.dlq                            │    │
 * networks ──decode─┬─ ok ── leftJoin(table) ── join or park ─┬─ example ───┴─▶ examples
 *                   └─ rejected ─▶ networks.dlq ◀── parked too long ───┘
 * </pre>
 *
 * <ul>
 * <li>Records are read as bytes and decoded by the topology: an undecodable or invalid record (wrong key, bad
 *     network, non-canonical text) goes byte for byte to {@code <topic>.dlq} with the reason in the
 *     {@code w2e.dlq.*} headers, like every other consumer of the project (no deserialization handler needed).</li>
 * <li>Ordering: Kafka Streams processes the records already on the brokers in timestamp order across the two
 *     topics, and an equation is always written before the trainer can train its network, so the equation is
 *     normally in the table when its network is joined. A network that does arrive first is parked in the
 *     {@value #PENDING_STORE} store and joined when its equation arrives; after {@code equationWait} (wall-clock)
 *     it goes to {@code networks.dlq} as an unknown equation.</li>
 * <li>The {@code networks} and {@code equations} topics must have the same partition count (co-partitioning;
 *     {@code TopicProvisioner} creates them alike). A re-trained network replaces its example (compacted topic,
 *     key = equation id).</li>
 * </ul>
 */
@ApplicationScoped
public class ExamplesTopology {
    public static final String EQUATIONS_STORE = "decoder-equations";
    public static final String PENDING_STORE = "decoder-networks-awaiting-equation";

    @Inject
    DecoderSettings settings;

    @ConfigProperty(name = "quarkus.kafka-streams.application-id")
    String applicationId;

    @Produces
    public Topology topology() {
        return build(settings.examples().equationWait(), applicationId, settings.recordLimits());
    }

    public static Topology build(Duration equationWait, String rejectedBy) {
        return build(equationWait, rejectedBy, RecordLimits.DEFAULTS);
    }

    public static Topology build(Duration equationWait, String rejectedBy, RecordLimits limits) {
        Serde<String> keys = Serdes.String();
        Serde<byte[]> raw = Serdes.ByteArray();
        Serde<Equation> equationSerde = AvroSerdes.serde(Equation.class);
        Serde<Example> exampleSerde = AvroSerdes.serde(Example.class);

        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PENDING_STORE), keys, PendingNetwork.serde()));

        // equations: decode (rejects → equations.dlq), drop the samples, table
        Map<String, KStream<String, Decoded<Equation>>> equations = builder.stream(
                        Topics.EQUATIONS.topicName(), Consumed.with(keys, raw).withName("equations"))
                .processValues(() -> new DecodeRecords.Equations(rejectedBy, limits), Named.as("decode-equation"))
                .split(Named.as("equation-"))
                .branch((key, d) -> !d.rejected(), Branched.as("ok"))
                .defaultBranch(Branched.as("rejected"));
        equations
                .get("equation-rejected")
                .mapValues(Decoded::original, Named.as("rejected-equation-bytes"))
                .to(
                        Topics.EQUATIONS.deadLetterTopicName(),
                        Produced.with(keys, raw).withName("equations-dlq"));
        KStream<String, Equation> slim =
                equations.get("equation-ok").mapValues(Decoded::value, Named.as("slim-equation"));
        // No record cache: since Kafka 4.0 (KIP-1034) a cached entry keeps its source record's raw bytes (the whole
        // 40 KB equation with its samples) beside the slim value, which alone is counted against the cache size;
        // the soak saw the heap fill up at the equation rate until OutOfMemoryError.
        KTable<String, Equation> table = slim.toTable(
                Named.as("equation-table"),
                Materialized.<String, Equation, KeyValueStore<Bytes, byte[]>>as(EQUATIONS_STORE)
                        .withKeySerde(keys)
                        .withValueSerde(equationSerde)
                        .withCachingDisabled());
        KStream<String, Routed> released = slim.process(
                () -> new ReleasePending(PENDING_STORE), Named.as("release-parked-network"), PENDING_STORE);

        // networks: decode (rejects → networks.dlq), join with the table or park until the equation arrives
        Map<String, KStream<String, Decoded<Network>>> networks = builder.stream(
                        Topics.NETWORKS.topicName(), Consumed.with(keys, raw).withName("networks"))
                .processValues(() -> new DecodeRecords.Networks(rejectedBy, limits), Named.as("decode-network"))
                .split(Named.as("network-"))
                .branch((key, d) -> !d.rejected(), Branched.as("ok"))
                .defaultBranch(Branched.as("rejected"));
        KStream<String, byte[]> rejectedNetworks =
                networks.get("network-rejected").mapValues(Decoded::original, Named.as("rejected-network-bytes"));
        KStream<String, Routed> joined = networks.get("network-ok")
                .leftJoin(table, JoinOrWait.Joined::new)
                .process(
                        () -> new JoinOrWait(PENDING_STORE, equationWait, rejectedBy),
                        Named.as("join-or-park"),
                        PENDING_STORE);

        Map<String, KStream<String, Routed>> routed = joined.merge(released, Named.as("all-examples"))
                .split(Named.as("routed-"))
                .branch((key, r) -> r.isExample(), Branched.as("example"))
                .defaultBranch(Branched.as("dead"));
        routed.get("routed-example")
                .mapValues(Routed::example, Named.as("example"))
                .to(
                        Topics.EXAMPLES.topicName(),
                        Produced.with(keys, exampleSerde).withName("examples"));
        routed.get("routed-dead")
                .mapValues(Routed::deadLetter, Named.as("unknown-equation-bytes"))
                .merge(rejectedNetworks, Named.as("all-rejected-networks"))
                .to(
                        Topics.NETWORKS.deadLetterTopicName(),
                        Produced.with(keys, raw).withName("networks-dlq"));
        return builder.build();
    }
}
