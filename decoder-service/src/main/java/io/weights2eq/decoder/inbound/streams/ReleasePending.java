package io.weights2eq.decoder.inbound.streams;

import io.weights2eq.records.ExampleRecords;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.serde.AvroCodec;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** On every (slim) equation: the network parked for it, if any, becomes an example now. */
final class ReleasePending implements Processor<String, Equation, String, Routed> {
    private final String pendingStore;
    private final AvroCodec<Network> codec = AvroCodec.of(Network.class);
    private ProcessorContext<String, Routed> context;
    private KeyValueStore<String, PendingNetwork> pending;

    ReleasePending(String pendingStore) {
        this.pendingStore = pendingStore;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.pending = context.getStateStore(pendingStore);
    }

    @Override
    public void process(Record<String, Equation> record) {
        if (record.value() == null || record.key() == null) {
            return;
        }
        PendingNetwork parked = pending.get(record.key());
        if (parked == null) {
            return;
        }
        pending.delete(record.key());
        Network network = codec.decode(parked.original()); // it was decoded and checked when it was parked
        context.forward(new Record<>(
                record.key(), Routed.example(ExampleRecords.of(network, record.value())), record.timestamp()));
    }
}
