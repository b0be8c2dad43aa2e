package io.weights2eq.generator.engine;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.SampleSpec;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Starts, tracks, cancels and resumes generation jobs. State is saved to the {@link JobStore} on
 * every transition and every second while running; on start, RUNNING jobs resume from their
 * acknowledged watermark.
 */
public final class JobManager implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JobManager.class);
    private static final SecureRandom IDS = new SecureRandom();
    /** The form of every job id this manager gives out: {@code job-} and 8 hex digits. */
    public static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("job-[0-9a-f]{8}");

    /** Observer of acknowledged equations, for metrics. */
    public interface ProgressListener {
        void acknowledged(String jobId, long sampleBytes);
    }

    private final EquationSink sink;
    private final JobStore store;
    private final int workersPerJob;
    private final ProgressListener progress;
    private final Map<String, GenerationJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, JobSnapshot> finished = new ConcurrentHashMap<>();
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "generator-job-saver");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean restored;

    public JobManager(EquationSink sink, JobStore store, int workersPerJob, ProgressListener progress) {
        this.sink = sink;
        this.store = store;
        this.workersPerJob = workersPerJob;
        this.progress = progress;
        saver.scheduleAtFixedRate(this::saveRunning, 1, 1, TimeUnit.SECONDS);
    }

    /** Loads every saved job and resumes those that were running. */
    public void restore() throws InterruptedException {
        for (JobSnapshot snapshot : store.loadAll()) {
            if (snapshot.state() == JobState.RUNNING) {
                LOG.infof(
                        "resuming job %s at index %d of %d",
                        snapshot.id(),
                        snapshot.acknowledgedWatermark(),
                        snapshot.spec().count());
                launch(snapshot);
            } else {
                finished.put(snapshot.id(), snapshot);
            }
        }
        restored = true;
    }

    public boolean restored() {
        return restored;
    }

    public JobStatus submit(long count, long seed, EquationFamily family, SampleSpec samples, Double ratePerSecond) {
        String id = "job-" + HexFormat.of().formatHex(IDS.generateSeed(4));
        long now = System.currentTimeMillis();
        JobSpec spec = new JobSpec(count, seed, family, samples, ratePerSecond);
        JobSnapshot initial = new JobSnapshot(id, spec, JobState.RUNNING, 0, 0, 0, null, now, now);
        store.save(initial);
        return launch(initial).status();
    }

    private GenerationJob launch(JobSnapshot snapshot) {
        GenerationJob job = new GenerationJob(snapshot, sink, new GenerationJob.GenerationListener() {
            @Override
            public void acknowledged(GenerationJob job, long sampleBytes) {
                progress.acknowledged(job.id(), sampleBytes);
            }

            @Override
            public void stateChanged(GenerationJob job) {
                store.save(job.snapshot());
                LOG.infof("job %s is %s", job.id(), job.state());
            }
        });
        jobs.put(snapshot.id(), job);
        job.start(workersPerJob);
        return job;
    }

    public Optional<JobStatus> status(String id) {
        GenerationJob job = jobs.get(id);
        if (job != null) {
            return Optional.of(job.status());
        }
        return Optional.ofNullable(finished.get(id)).map(JobManager::statusOf);
    }

    public List<JobStatus> all() {
        return java.util.stream.Stream.concat(
                        jobs.values().stream().map(GenerationJob::status),
                        finished.values().stream()
                                .filter(s -> !jobs.containsKey(s.id()))
                                .map(JobManager::statusOf))
                .sorted(java.util.Comparator.comparingLong(JobStatus::createdAtMillis))
                .toList();
    }

    public Optional<JobStatus> cancel(String id) {
        GenerationJob job = jobs.get(id);
        if (job == null) {
            return status(id);
        }
        job.cancel();
        return Optional.of(job.status());
    }

    /** Jobs still producing. */
    public Collection<String> runningJobIds() {
        return jobs.values().stream()
                .filter(j -> j.state() == JobState.RUNNING)
                .map(GenerationJob::id)
                .toList();
    }

    private void saveRunning() {
        try {
            for (GenerationJob job : jobs.values()) {
                if (job.state() == JobState.RUNNING) {
                    store.save(job.snapshot());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot save job state, will try again", e);
        }
    }

    private static JobStatus statusOf(JobSnapshot s) {
        return new JobStatus(
                s.id(),
                s.state(),
                s.spec().count(),
                s.acknowledgedWatermark(),
                s.acknowledged(),
                s.acknowledgedWatermark(),
                0.0,
                0.0,
                s.state().finished() ? 0.0 : null,
                s.spec().seed(),
                s.spec().samples().count(),
                s.error(),
                s.createdAtMillis());
    }

    /** Stops the workers and saves the state of every job: running jobs resume on the next start. */
    @Override
    public void close() {
        saver.shutdownNow();
        for (GenerationJob job : jobs.values()) {
            try {
                job.suspend();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sink.close(); // flushes what is in flight, so the last saved watermark is as far as it can be
        for (GenerationJob job : jobs.values()) {
            store.save(job.snapshot());
        }
    }
}
