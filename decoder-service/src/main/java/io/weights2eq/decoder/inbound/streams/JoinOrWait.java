package io.weights2eq.decoder.inbound.streams;

import io.weights2eq.records.ExampleRecords;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Network;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * After the stream–table left join of {@code networks} with the slim equations: a network whose equation is in the
 * table becomes an example; one whose equation is not (yet) there is parked in the pending store. A parked network
 * is released as an example when its equation arrives ({@link ReleasePending}); one still parked after
 * {@code equationWait} (wall-clock) goes to {@code networks.dlq} with the reason "unknown equation".
 */
final class JoinOrWait implements Processor<String, JoinOrWait.Joined, String, Routed> {
    private static final Logger LOG = Logger.getLogger(JoinOrWait.class);

    /** The left join's result: the decoded network (with its original bytes) and the equation, or null. */
    record Joined(Decoded<Network> network, Equation equation) {}

    private final String pendingStore;
    private final Duration equationWait;
    private final String rejectedBy;
    private ProcessorContext<String, Routed> context;
    private KeyValueStore<String, PendingNetwork> pending;

    JoinOrWait(String pendingStore, Duration equationWait, String rejectedBy) {
        this.pendingStore = pendingStore;
        this.equationWait = equationWait;
        this.rejectedBy = rejectedBy;
    }

    /** How often parked networks are checked: a tenth of the wait, between 1 and 30 seconds. */
    static Duration checkInterval(Duration equationWait) {
        long ms = Math.max(1_000, Math.min(30_000, equationWait.toMillis() / 10));
        return Duration.ofMillis(ms);
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.pending = context.getStateStore(pendingStore);
        context.schedule(checkInterval(equationWait), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, Joined> record) {
        Joined joined = record.value();
        if (joined.equation() != null) {
            if (pending.get(record.key()) != null) {
                pending.delete(record.key()); // an older network of this equation: superseded
            }
            context.forward(record.withValue(
                    Routed.example(ExampleRecords.of(joined.network().value(), joined.equation()))));
            return;
        }
        RecordMetadata source = context.recordMetadata().orElseThrow();
        pending.put(
                record.key(),
                new PendingNetwork(
                        joined.network().original(),
                        source.partition(),
                        source.offset(),
                        context.currentSystemTimeMs()));
        LOG.debugf("network %s waits for its equation (up to %s)", record.key(), equationWait);
    }

    private void expire(long now) {
        List<KeyValue<String, PendingNetwork>> expired = new ArrayList<>();
        try (KeyValueIterator<String, PendingNetwork> all = pending.all()) {
            while (all.hasNext()) {
                KeyValue<String, PendingNetwork> entry = all.next();
                if (now - entry.value.arrivedAtMillis() >= equationWait.toMillis()) {
                    expired.add(entry);
                }
            }
        }
        for (KeyValue<String, PendingNetwork> entry : expired) {
            pending.delete(entry.key);
            String reason = "equation: unknown equation '" + entry.key + "' (not in 'equations' within " + equationWait
                    + " of the network's arrival)";
            LOG.warnf("network %s rejected to %s: %s", entry.key, Topics.NETWORKS.deadLetterTopicName(), reason);
            context.forward(new Record<>(
                    entry.key,
                    Routed.dead(entry.value.original()),
                    now,
                    DeadLetterRecords.headers(
                            null,
                            reason,
                            Topics.NETWORKS.topicName(),
                            entry.value.partition(),
                            entry.value.offset(),
                            rejectedBy)));
        }
    }
}
