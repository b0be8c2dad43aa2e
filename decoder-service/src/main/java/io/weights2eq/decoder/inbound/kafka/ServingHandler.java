package io.weights2eq.decoder.inbound.kafka;

import io.weights2eq.decoder.engine.RequestServing;
import io.weights2eq.decoder.engine.ServingModel;
import io.weights2eq.service.kafka.RecordHandler;
import io.weights2eq.service.kafka.WorkerControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/** The {@link PredictionLoop}'s records: read each, let the engine serve it, commit the poll once it is acknowledged. */
final class ServingHandler implements RecordHandler {
    private static final Logger LOG = Logger.getLogger(ServingHandler.class);

    private final RequestSource source;
    private final RequestServing<ConsumerRecord<byte[], byte[]>> serving;
    private final ServingModel model;
    private final Duration pollTimeout;
    private boolean waiting;

    ServingHandler(
            RequestSource source,
            RequestServing<ConsumerRecord<byte[], byte[]>> serving,
            ServingModel model,
            Duration pollTimeout) {
        this.source = source;
        this.serving = serving;
        this.model = model;
        this.pollTimeout = pollTimeout;
    }

    @Override
    public Duration pollTimeout() {
        return pollTimeout;
    }

    @Override
    public void onAssigned(Collection<TopicPartition> partitions, WorkerControl control) {
        if (!model.loaded()) {
            control.pause(partitions);
        }
    }

    @Override
    public void onRecords(ConsumerRecords<byte[], byte[]> records, WorkerControl control) {
        if (!model.loaded()) { // paused since assigned, so nothing was fetched; a model is never unloaded
            if (!waiting) {
                LOG.infof(
                        "no decoder model loaded yet: '%s' waits",
                        source.topic().topicName());
                waiting = true;
            }
            control.pauseAll(); // a paused poll returns nothing and keeps this member in its group
            return;
        }
        if (waiting) {
            control.resumeAll();
            waiting = false;
        }
        serve(records, control);
    }

    private void serve(ConsumerRecords<byte[], byte[]> records, WorkerControl control) {
        if (records.isEmpty()) {
            return;
        }
        List<Future<?>> acks = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            next.put(
                    new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            Future<?> ack = serve(record);
            if (ack != null) {
                acks.add(ack);
            }
        }
        if (control.acknowledged(acks, "predictions")) {
            control.commit(next);
        }
    }

    /** @return what to wait for before committing the record, or null */
    private Future<?> serve(ConsumerRecord<byte[], byte[]> record) {
        RequestSource.Request request;
        try {
            request = source.read(record);
        } catch (RequestSource.Rejected e) {
            return serving.unreadable(record, e.getMessage());
        }
        return request == null ? null : serving.serve(record, request.id(), request.network(), request.method());
    }
}
