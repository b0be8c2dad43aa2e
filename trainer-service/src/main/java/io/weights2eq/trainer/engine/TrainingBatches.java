package io.weights2eq.trainer.engine;

import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.domain.training.TrainingTask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The trainer's decisions, without Kafka: which equations form a micro-batch (up to {@code batchSize}, or what
 * arrived within {@code maxWait} of the first), training it on its own thread, publishing its networks, sending
 * rejected records to the dead letters, and which offsets may be committed once all of that is acknowledged.
 * At-least-once: what is not acknowledged is forgotten and consumed again.
 *
 * @param <R> the inbound record a rejection sends to the dead letters
 */
public final class TrainingBatches<R> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TrainingBatches.class);

    /** Offsets (partition → next offset to consume) that may be committed once every ack arrived. */
    public record Commit(List<Future<?>> acks, Map<Integer, Long> offsets) {}

    private record Equation(int partition, long offset, TrainingTask task) {}

    private final WorkerSettings settings;
    private final NetworkTrainer trainer;
    private final ExecutorService trainingThread;
    private final NetworkSink networks;
    private final DeadLetters<R> deadLetters;
    private final TrainerListener listener;
    private final LongSupplier nanoClock;

    private List<Equation> pending = new ArrayList<>();
    private final Map<Integer, Long> done = new HashMap<>(); // next offset to commit, per partition
    private final List<Future<?>> deadLettersInFlight = new ArrayList<>();
    private long batchStartedNanos;

    public TrainingBatches(
            WorkerSettings settings,
            NetworkTrainer trainer,
            ExecutorService trainingThread,
            NetworkSink networks,
            DeadLetters<R> deadLetters,
            TrainerListener listener) {
        this(settings, trainer, trainingThread, networks, deadLetters, listener, System::nanoTime);
    }

    TrainingBatches(
            WorkerSettings settings,
            NetworkTrainer trainer,
            ExecutorService trainingThread,
            NetworkSink networks,
            DeadLetters<R> deadLetters,
            TrainerListener listener,
            LongSupplier nanoClock) {
        this.settings = settings;
        this.trainer = trainer;
        this.trainingThread = trainingThread;
        this.networks = networks;
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.nanoClock = nanoClock;
    }

    /** A valid equation joins the batch being gathered. */
    public void accept(int partition, long offset, TrainingTask task) {
        if (pending.isEmpty()) {
            batchStartedNanos = nanoClock.getAsLong();
        }
        pending.add(new Equation(partition, offset, task));
    }

    /** A record that is no equation goes to the dead letters; it is done once they acknowledge it. */
    public void reject(R record, int partition, long offset, String reason) {
        deadLettersInFlight.add(deadLetters.send(record, reason));
        done.merge(partition, offset + 1, Math::max);
        listener.rejected(reason);
    }

    public boolean batchReady() {
        return !pending.isEmpty()
                && (pending.size() >= settings.batchSize()
                        || nanoClock.getAsLong() - batchStartedNanos
                                >= settings.maxWait().toNanos());
    }

    /** No batch is gathering but rejected records are done: commit them without waiting for equations. */
    public boolean onlyRejectionsDone() {
        return pending.isEmpty() && !done.isEmpty();
    }

    /** Starts training the gathered equations on the training thread; the next batch gathers afresh. */
    public Batch train() {
        Batch batch = new Batch(pending);
        pending = new ArrayList<>();
        return batch;
    }

    /** What is done since the last commit; taken, so the next commit starts afresh. */
    public Commit commit() {
        Commit commit = new Commit(List.copyOf(deadLettersInFlight), Map.copyOf(done));
        deadLettersInFlight.clear();
        done.clear();
        return commit;
    }

    /** Rewound to the committed offsets: everything not committed is consumed again. */
    public void forgetAll() {
        pending.clear();
        done.clear();
        deadLettersInFlight.clear();
    }

    /** Partitions revoked between batches: their next owner consumes them again from the committed offset. */
    public void forget(Collection<Integer> partitions) {
        pending.removeIf(equation -> partitions.contains(equation.partition()));
        done.keySet().removeAll(partitions);
    }

    @Override
    public void close() {
        trainingThread.shutdownNow();
    }

    /** A batch training on the training thread. */
    public final class Batch {
        private final List<Equation> equations;
        private final CompletableFuture<List<TrainedNetwork>> training;
        private final long startedNanos = nanoClock.getAsLong();
        private List<TrainedNetwork> trained = List.of();

        private Batch(List<Equation> equations) {
            this.equations = equations;
            List<TrainingTask> tasks = equations.stream().map(Equation::task).toList();
            this.training = CompletableFuture.supplyAsync(() -> trainer.train(tasks), trainingThread);
        }

        public boolean trained() {
            return training.isDone();
        }

        /**
         * Publishes the trained networks, once {@link #trained()}.
         *
         * @return their acknowledgements; a failed training is one failed acknowledgement, so nothing is committed
         */
        public List<Future<?>> publish() {
            try {
                trained = training.join();
            } catch (CompletionException e) {
                LOG.error(
                        "training a batch of " + equations.size() + " failed; its equations will be consumed again",
                        e.getCause());
                return List.of(CompletableFuture.failedFuture(e.getCause()));
            }
            List<Future<?>> acks = new ArrayList<>(trained.size());
            for (TrainedNetwork network : trained) {
                acks.add(networks.publish(network));
            }
            return acks;
        }

        /** Every network was acknowledged: the batch's equations are done. */
        public void published() {
            for (Equation equation : equations) {
                done.merge(equation.partition(), equation.offset() + 1, Math::max);
            }
            listener.batchTrained(trained, nanoClock.getAsLong() - startedNanos);
        }
    }
}
