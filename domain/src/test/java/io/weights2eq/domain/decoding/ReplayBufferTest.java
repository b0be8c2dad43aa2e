package io.weights2eq.domain.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    private static final Network NETWORK =
            new Network(NetworkLayout.DEFAULT, Activation.RELU, new float[NetworkLayout.DEFAULT.parameterCount()]);

    private static TrainingExample example(int i) {
        return new TrainingExample("eq-" + i, NETWORK, Polynomial.parse(Integer.toString(i)), true);
    }

    @Test
    void overwritesTheOldestWhenFull() {
        ReplayBuffer buffer = new ReplayBuffer(3);
        assertEquals(0, buffer.size());
        for (int i = 0; i < 5; i++) {
            buffer.add(example(i));
        }
        assertEquals(3, buffer.size());
        assertEquals(5, buffer.added());
        for (TrainingExample e : buffer.sample(300, DeterministicRandom.ofSeed(1))) {
            assertTrue(List.of("eq-2", "eq-3", "eq-4").contains(e.equationId()), e.equationId());
        }
    }

    @Test
    void samplesUniformlyAndDeterministically() {
        ReplayBuffer buffer = new ReplayBuffer(8);
        for (int i = 0; i < 4; i++) {
            buffer.add(example(i));
        }
        Map<String, Integer> counts = new HashMap<>();
        for (TrainingExample e : buffer.sample(40_000, DeterministicRandom.ofSeed(2))) {
            counts.merge(e.equationId(), 1, Integer::sum);
        }
        assertEquals(4, counts.size());
        counts.values().forEach(c -> assertEquals(10_000, c, 500));
        assertEquals(
                buffer.sample(50, DeterministicRandom.ofSeed(3)), buffer.sample(50, DeterministicRandom.ofSeed(3)));
        assertEquals(0, buffer.sample(0, DeterministicRandom.ofSeed(3)).size());
    }

    @Test
    void rejectsEmptySamplingAndBadArguments() {
        ReplayBuffer buffer = new ReplayBuffer(2);
        assertThrows(IllegalStateException.class, () -> buffer.sample(1, DeterministicRandom.ofSeed(1)));
        assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer(0));
        assertThrows(NullPointerException.class, () -> buffer.add(null));
    }

    @Test
    void oneThreadAddsWhileAnotherSamples() throws InterruptedException {
        ReplayBuffer buffer = new ReplayBuffer(1000);
        buffer.add(example(0));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread adder = new Thread(() -> {
            for (int i = 1; i <= 100_000; i++) {
                buffer.add(example(i % 50));
            }
        });
        Thread sampler = new Thread(() -> {
            DeterministicRandom random = DeterministicRandom.ofSeed(4);
            try {
                while (adder.isAlive()) {
                    for (TrainingExample e : buffer.sample(64, random)) {
                        if (e == null) {
                            throw new AssertionError("sampled an empty slot");
                        }
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        adder.start();
        sampler.start();
        adder.join();
        sampler.join();
        assertEquals(null, failure.get());
        assertEquals(100_001, buffer.added());
        assertEquals(1000, buffer.size());
    }
}
