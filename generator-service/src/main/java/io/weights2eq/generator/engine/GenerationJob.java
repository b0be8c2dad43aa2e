package io.weights2eq.generator.engine;

import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.GeneratedEquation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs one job: worker threads draw indexes, generate each equation deterministically from (seed,
 * index) and publish it; a failed publish is queued and sent again, so no index is ever dropped. The
 * job completes when the acknowledged watermark reaches the count.
 */
final class GenerationJob {
    private static final Logger LOG = Logger.getLogger(GenerationJob.class);
    private static final long RETRY_BACKOFF_MILLIS = 1_000;

    private final String id;
    private final JobSpec spec;
    private final long createdAtMillis;
    private final EquationSink sink;
    private final GenerationListener listener;
    private final EquationGenerator generator;
    private final RateLimiter rateLimiter;
    private final AckWatermark watermark;
    private final AtomicLong nextIndex;
    private final AtomicLong produced;
    private final AtomicLong acknowledged;
    private final LinkedBlockingQueue<Long> retries = new LinkedBlockingQueue<>();
    private final AtomicReference<JobState> state = new AtomicReference<>(JobState.RUNNING);
    private final AtomicReference<String> error = new AtomicReference<>();
    private final RateMeter rate = new RateMeter(5_000);
    private final List<Thread> threads = new ArrayList<>();

    /** Observer of acknowledgements and state changes (metrics, persistence). */
    interface GenerationListener {
        void acknowledged(GenerationJob job, long sampleBytes);

        void stateChanged(GenerationJob job);
    }

    GenerationJob(JobSnapshot from, EquationSink sink, GenerationListener listener) {
        this.id = from.id();
        this.spec = from.spec();
        this.createdAtMillis = from.createdAtMillis();
        this.sink = sink;
        this.listener = listener;
        this.generator = new EquationGenerator(spec.family(), spec.samples());
        this.rateLimiter = spec.ratePerSecond() == null ? null : new RateLimiter(spec.ratePerSecond());
        this.watermark = new AckWatermark(from.acknowledgedWatermark());
        this.nextIndex = new AtomicLong(from.acknowledgedWatermark());
        this.produced = new AtomicLong(from.acknowledgedWatermark());
        this.acknowledged = new AtomicLong(from.acknowledged());
        this.state.set(from.state());
    }

    String id() {
        return id;
    }

    JobState state() {
        return state.get();
    }

    void start(int workers) {
        if (state.get() != JobState.RUNNING) {
            return;
        }
        for (int i = 0; i < workers; i++) {
            threads.add(daemon("generate-" + id + "-" + i, this::produceFresh));
        }
        threads.add(daemon("generate-" + id + "-retry", this::resendFailedAndFinish));
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Stops producing; what is in flight is still acknowledged. */
    void cancel() {
        if (state.compareAndSet(JobState.RUNNING, JobState.CANCELLED)) {
            threads.forEach(Thread::interrupt);
            listener.stateChanged(this);
        }
    }

    /** Stops the threads without changing the state: a shutdown, after which the job resumes. */
    void suspend() throws InterruptedException {
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            t.join(10_000);
        }
    }

    private void produceFresh() {
        try {
            while (state.get() == JobState.RUNNING) {
                long index = nextIndex.getAndIncrement();
                if (index >= spec.count()) {
                    return;
                }
                publish(index);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fail("generation failed: " + e);
        }
    }

    private void resendFailedAndFinish() {
        try {
            while (state.get() == JobState.RUNNING) {
                if (watermark.watermark() >= spec.count()) {
                    if (state.compareAndSet(JobState.RUNNING, JobState.COMPLETED)) {
                        listener.stateChanged(this);
                    }
                    return;
                }
                Long index = retries.poll(100, TimeUnit.MILLISECONDS);
                if (index != null) {
                    Thread.sleep(RETRY_BACKOFF_MILLIS);
                    publish(index);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fail("re-sending failed: " + e);
        }
    }

    private void publish(long index) throws InterruptedException {
        if (rateLimiter != null) {
            rateLimiter.acquire();
        }
        GeneratedEquation equation = generator.generate(spec.seed(), index);
        EquationMessage message = new EquationMessage(id, index, spec.seed(), spec.family(), spec.samples(), equation);
        sink.publish(message, onAck(index));
        produced.incrementAndGet();
    }

    private Consumer<Throwable> onAck(long index) {
        return failure -> {
            if (failure == null) {
                watermark.acknowledge(index);
                acknowledged.incrementAndGet();
                listener.acknowledged(this, spec.sampleBytesPerEquation());
            } else {
                LOG.warnf(
                        "equation %s not acknowledged, will send again: %s",
                        EquationMessage.key(id, index), failure.toString());
                retries.add(index);
            }
        };
    }

    private void fail(String reason) {
        error.set(reason);
        if (state.compareAndSet(JobState.RUNNING, JobState.FAILED)) {
            LOG.errorf("job %s failed: %s", id, reason);
            threads.forEach(Thread::interrupt);
            listener.stateChanged(this);
        }
    }

    JobSnapshot snapshot() {
        long acked = acknowledged.get();
        return new JobSnapshot(
                id,
                spec,
                state.get(),
                watermark.watermark(),
                acked,
                acked * spec.sampleBytesPerEquation(),
                error.get(),
                createdAtMillis,
                System.currentTimeMillis());
    }

    JobStatus status() {
        long acked = acknowledged.get();
        double perSecond = state.get() == JobState.RUNNING ? rate.observe(System.nanoTime(), acked) : 0.0;
        long remaining = Math.max(0, spec.count() - watermark.watermark());
        Double eta = state.get() != JobState.RUNNING
                ? Double.valueOf(0.0)
                : perSecond > 0 ? Double.valueOf(remaining / perSecond) : null;
        return new JobStatus(
                id,
                state.get(),
                spec.count(),
                Math.min(produced.get(), spec.count()),
                acked,
                watermark.watermark(),
                perSecond,
                perSecond * spec.sampleBytesPerEquation(),
                eta,
                spec.seed(),
                spec.samples().count(),
                error.get(),
                createdAtMillis);
    }
}
