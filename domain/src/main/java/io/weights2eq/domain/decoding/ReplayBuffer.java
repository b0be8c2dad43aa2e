package io.weights2eq.domain.decoding;

import io.weights2eq.domain.equation.DeterministicRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The most recent {@code capacity} training examples, in a ring (a new example overwrites the oldest when full),
 * sampled uniformly with replacement. Thread-safe: one thread adds examples as they arrive from Kafka while another
 * samples minibatches to train on.
 */
public final class ReplayBuffer {

    private final TrainingExample[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private long added;

    public ReplayBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.ring = new TrainingExample[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    public void add(TrainingExample example) {
        Objects.requireNonNull(example, "example");
        lock.lock();
        try {
            ring[(int) (added % ring.length)] = example;
            added++;
        } finally {
            lock.unlock();
        }
    }

    /** Examples held now (at most the capacity). */
    public int size() {
        lock.lock();
        try {
            return (int) Math.min(added, ring.length);
        } finally {
            lock.unlock();
        }
    }

    /** Examples ever added, including those overwritten since. */
    public long added() {
        lock.lock();
        try {
            return added;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code n} examples drawn uniformly with replacement from those held now.
     *
     * @throws IllegalStateException when the buffer is empty
     */
    public List<TrainingExample> sample(int n, DeterministicRandom random) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        lock.lock();
        try {
            int size = (int) Math.min(added, ring.length);
            if (size == 0) {
                throw new IllegalStateException("cannot sample from an empty replay buffer");
            }
            List<TrainingExample> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(ring[random.nextInt(size)]);
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }
}
