package io.weights2eq.decoder.inbound.kafka;

import io.weights2eq.decoder.engine.DecodeEngine;
import io.weights2eq.decoder.engine.PredictionListener;
import io.weights2eq.decoder.engine.ServingModel;
import io.weights2eq.decoder.outbound.kafka.PredictionPublisher;
import io.weights2eq.schema.dlq.DeadLetterPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import io.weights2eq.service.kafka.GroupMembership;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Serves a topic of networks: every record is decoded by the serving model and its prediction published to
 * {@code predictions}; the offsets of a poll are committed only once the broker acknowledged its predictions (and
 * dead letters). At-least-once; predictions are keyed, so a repeat replaces. A record that cannot be decoded goes
 * to the topic's dead-letter topic with the reason (or is skipped, see {@link RequestSource#deadLetters()}) and the
 * loop goes on. While no model is loaded the partitions are paused: requests wait, they are not rejected.
 */
public final class PredictionLoop implements Runnable, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PredictionLoop.class);

    private final Map<String, Object> kafkaConfig;
    private final String groupId;
    private final String clientId;
    private final RequestSource source;
    private final DecodeEngine engine;
    private final ServingModel model;
    private final PredictionPublisher publisher;
    private final DeadLetterPublisher deadLetters;
    private final Duration pollTimeout;
    private final PredictionListener listener;
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final AtomicLong predicted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    private volatile boolean running = true;
    private volatile long lastPollNanos = System.nanoTime();
    private volatile Thread thread;
    private KafkaConsumer<byte[], byte[]> consumer;

    public PredictionLoop(Map<String, Object> kafkaConfig, String groupId, String clientId, RequestSource source,
                          DecodeEngine engine, ServingModel model, PredictionPublisher publisher,
                          DeadLetterPublisher deadLetters, Duration pollTimeout, PredictionListener listener) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.groupId = groupId;
        this.clientId = clientId;
        this.source = source;
        this.engine = engine;
        this.model = model;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.pollTimeout = pollTimeout;
        this.listener = listener;
    }

    public PredictionLoop start() {
        Thread t = new Thread(this, "decoder-serve-" + source.topic().topicName());
        t.setDaemon(true);
        thread = t;
        t.start();
        return this;
    }

    /** Every {@code kafka.*} setting (security included) plus what this loop needs of its consumer. */
    static Map<String, Object> consumerConfig(Map<String, Object> kafkaConfig, String groupId, String clientId) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    @Override
    public void run() {
        Map<String, Object> config = consumerConfig(kafkaConfig, groupId, clientId);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             GroupMembership.Leaving leaving = GroupMembership.leavingOnClose(c)) {
            consumer = c;
            c.subscribe(List.of(source.topic().topicName()), new Rebalance());
            boolean waiting = false;
            while (running) {
                if (!model.loaded()) {
                    if (!waiting) {
                        LOG.infof("no decoder model loaded yet: '%s' waits", source.topic().topicName());
                        waiting = true;
                    }
                    c.pause(c.assignment()); // a paused poll returns nothing and keeps this member in its group
                    poll();
                    continue;
                }
                if (waiting) {
                    c.resume(c.paused());
                    waiting = false;
                }
                serve(poll());
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("serving loop of '" + source.topic().topicName() + "' stopped", e);
            throw e;
        }
    }

    private ConsumerRecords<byte[], byte[]> poll() {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
        lastPollNanos = System.nanoTime();
        return records;
    }

    private void serve(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            RequestSource.Request request;
            try {
                request = source.read(record);
            } catch (RequestSource.Rejected e) {
                engine.rejected(source.source());
                reject(record, e.getMessage(), acks);
                continue;
            }
            if (request == null) {
                continue;
            }
            DecodeEngine.Result result;
            try {
                result = engine.decode(request.network(), null, request.method(), source.source());
            } catch (RuntimeException e) {
                reject(record, "decoding failed: " + e, acks); // counted as failed by the engine
                continue;
            }
            acks.add(publisher.publish(request.id(), result));
            predicted.incrementAndGet();
            try {
                listener.predicted(request.id(), request.network(), result);
            } catch (RuntimeException e) { // an observer never stops serving
                LOG.debug("prediction listener failed", e);
            }
        }
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        } catch (ExecutionException e) {
            LOG.error("predictions not acknowledged; their requests will be consumed again", e.getCause());
            rewind();
            return;
        }
        next.keySet().retainAll(assigned);
        if (!next.isEmpty()) {
            consumer.commitSync(next);
        }
    }

    private void reject(ConsumerRecord<byte[], byte[]> record, String reason, List<Future<RecordMetadata>> acks) {
        rejected.incrementAndGet();
        if (source.deadLetters()) {
            LOG.warnf("%s-%d@%d rejected to %s: %s", record.topic(), record.partition(), record.offset(),
                    source.topic().deadLetterTopicName(), reason);
            acks.add(deadLetters.send(source.topic(), record, reason));
        } else {
            LOG.debugf("%s-%d@%d not decoded: %s", record.topic(), record.partition(), record.offset(), reason);
        }
    }

    private void rewind() {
        Set<TopicPartition> owned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(owned);
        for (TopicPartition partition : owned) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            assigned.removeAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.addAll(partitions);
            if (!model.loaded()) {
                consumer.pause(partitions);
            }
        }
    }

    public String topic() {
        return source.topic().topicName();
    }

    public boolean isAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    public Duration sinceLastPoll() {
        return Duration.ofNanos(System.nanoTime() - lastPollNanos);
    }

    public long predicted() {
        return predicted.get();
    }

    public long rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        Thread t = thread;
        if (c != null) {
            c.wakeup();
        }
        if (t != null) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
