package io.weights2eq.decoder.engine;

import io.weights2eq.domain.decoding.CheckpointDirectory;
import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.domain.decoding.DecoderTrainer;
import io.weights2eq.domain.decoding.DecodingMetrics;
import io.weights2eq.domain.decoding.ReplayBuffer;
import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.domain.decoding.ValidationSlice;
import io.weights2eq.domain.equation.DeterministicRandom;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The learned decoder's continuous training, without Kafka: examples come in ({@link #accept}), the ones of the
 * fixed {@link ValidationSlice} go to a bounded validation set and are never trained on, the others into the
 * {@link ReplayBuffer}; while the buffer holds enough, {@link #train} takes optimiser steps on minibatches sampled
 * from it. Every {@code evalEverySteps} steps it evaluates the current weights on the validation set, writes the
 * checkpoint (with its metrics) to the {@link CheckpointDirectory}, announces it, and swaps it into serving when
 * its exact match beats the serving model's on the same validation set.
 *
 * <p><b>Offsets.</b> The engine remembers, per partition of the source, the next offset after every example it
 * took in. An {@link Evaluation} carries that position as it was when the checkpoint was taken: those examples
 * were in the buffer (or the validation set) before the checkpoint was written, so the caller may commit them.
 * After a crash the service resumes from the latest checkpoint ({@link #resume}) and re-reads what was not
 * committed.
 *
 * <p>The trainer is created on first use (when the buffer first allows a step), so a service that only collects
 * examples never loads the training engine; a checkpoint found by {@link #resume} is restored into it then.
 *
 * <p>Not thread-safe: one thread (the consumer loop) owns it and the trainer.
 */
public final class ContinuousTraining implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ContinuousTraining.class);
    private static final int LOSS_WINDOW = 100;

    /**
     * @param minBuffer      training starts once the buffer holds this many (and at least a batch)
     * @param maxTraining    training stops (after a last checkpoint) this long after {@link #start}; zero = never
     * @param convergedOnly  examples whose network missed the trainer's quality target are left out
     */
    public record Settings(
            int batchSize,
            int minBuffer,
            int bufferCapacity,
            int evalEverySteps,
            int validationMax,
            double validationFraction,
            boolean convergedOnly,
            Duration maxTraining,
            long seed,
            String modelName) {
        public Settings {
            if (batchSize < 1
                    || minBuffer < 0
                    || bufferCapacity < batchSize
                    || evalEverySteps < 1
                    || validationMax < 1) {
                throw new IllegalArgumentException(
                        "training settings: batchSize >= 1, minBuffer >= 0, bufferCapacity >= "
                                + "batchSize, evalEverySteps >= 1, validationMax >= 1; were " + batchSize + ", "
                                + minBuffer
                                + ", " + bufferCapacity + ", " + evalEverySteps + ", " + validationMax);
            }
            if (maxTraining.isNegative()) {
                throw new IllegalArgumentException("maxTraining must not be negative, was " + maxTraining);
            }
        }
    }

    /** Where an accepted example went. */
    public enum Admission {
        TRAINING,
        VALIDATION,
        SKIPPED
    }

    /**
     * One evaluation: the checkpoint written, its metrics, whether it now serves, and the source positions (next
     * offset by partition) of every example taken in before it: safe to commit.
     */
    public record Evaluation(
            String version,
            long step,
            long examplesSeen,
            Path checkpoint,
            Map<String, Double> metrics,
            long createdAtMillis,
            boolean swapped,
            Map<Integer, Long> committable) {}

    private final Settings settings;
    private final Supplier<DecoderTrainer> trainerFactory;
    private DecoderTrainer trainer;
    private DecoderCheckpoint resumeFrom;
    private DecoderCheckpoint initialModel;
    private final CheckpointDirectory checkpoints;
    private final ServingModel serving;
    private final Evaluator evaluator;
    private final ModelAnnouncer announcer;
    private final TrainingListener listener;
    private final Clock clock;

    private final ReplayBuffer buffer;
    private final ValidationSlice slice;
    private final LinkedHashMap<String, TrainingExample> validation = new LinkedHashMap<>();
    private final DeterministicRandom random;
    private final Map<Integer, Long> accepted = new HashMap<>();
    private final double[] losses = new double[LOSS_WINDOW];
    private long lossCount;
    private long validationRevision;
    private long lastCheckpointStep = -1;
    private long startedAtMillis = -1;
    private boolean finished;
    // the serving model's exact match on the validation set of one revision
    private String scoredVersion;
    private long scoredRevision = -1;
    private double servingExactMatch = Double.NaN;

    public ContinuousTraining(
            Settings settings,
            Supplier<DecoderTrainer> trainerFactory,
            CheckpointDirectory checkpoints,
            ServingModel serving,
            Evaluator evaluator,
            ModelAnnouncer announcer,
            TrainingListener listener,
            Clock clock) {
        this.settings = settings;
        this.trainerFactory = trainerFactory;
        this.checkpoints = checkpoints;
        this.serving = serving;
        this.evaluator = evaluator;
        this.announcer = announcer;
        this.listener = listener;
        this.clock = clock;
        this.buffer = new ReplayBuffer(settings.bufferCapacity());
        this.slice = new ValidationSlice(settings.validationFraction());
        this.random = DeterministicRandom.ofSeed(settings.seed());
    }

    /**
     * Continues from the latest readable checkpoint of the directory, if any (weights, optimiser state, counters:
     * restored into the trainer when it is created); starts the training clock.
     */
    public Optional<DecoderCheckpoint> resume() {
        Optional<DecoderCheckpoint> latest = checkpoints.latest();
        latest.ifPresent(checkpoint -> {
            resumeFrom = checkpoint;
            lastCheckpointStep = checkpoint.step();
            LOG.infof(
                    "decoder training resumes from checkpoint %s (step %d, %d examples seen)",
                    checkpoint.version(), checkpoint.step(), checkpoint.examplesSeen());
        });
        if (latest.isEmpty() && initialModel != null) {
            resumeFrom = initialModel;
            LOG.infof(
                    "decoder training has no checkpoint of its own: it continues the serving model %s (step %d; "
                            + "optimiser moments start at zero)",
                    initialModel.version(), initialModel.step());
        }
        return latest;
    }

    /**
     * The model to continue when the checkpoint directory is empty (the shipped default, so that a fresh
     * service fine-tunes it instead of starting from random weights); its config must be the trainer's.
     */
    public ContinuousTraining startingFrom(DecoderCheckpoint model) {
        this.initialModel = model;
        return this;
    }

    private DecoderTrainer trainer() {
        if (trainer == null) {
            trainer = trainerFactory.get();
            if (resumeFrom != null) {
                trainer.restore(resumeFrom);
                resumeFrom = null;
            }
        }
        return trainer;
    }

    /** Whether the trainer was created (training started). */
    public boolean trainerStarted() {
        return trainer != null;
    }

    /** Starts the training clock ({@code maxTraining} counts from here). */
    public void start() {
        if (startedAtMillis < 0) {
            startedAtMillis = clock.millis();
        }
    }

    /** Takes in one example from {@code partition} at {@code offset}. */
    public Admission accept(TrainingExample example, int partition, long offset) {
        position(partition, offset);
        Admission admission;
        if (settings.convergedOnly() && !example.converged()) {
            admission = Admission.SKIPPED;
        } else if (slice.contains(example.equationId())) {
            // re-trained networks replace their example; a full set stays as it is, so evaluations stay comparable
            if (validation.containsKey(example.equationId()) || validation.size() < settings.validationMax()) {
                validation.put(example.equationId(), example);
                validationRevision++;
            }
            admission = Admission.VALIDATION;
        } else {
            buffer.add(example);
            admission = Admission.TRAINING;
        }
        listener.accepted(example, admission);
        listener.buffered(buffer.size(), validation.size());
        return admission;
    }

    /** A source record that carried no example (e.g. sent to the dead-letter topic): committable like the others. */
    public void skip(int partition, long offset) {
        position(partition, offset);
    }

    private void position(int partition, long offset) {
        accepted.merge(partition, offset + 1, Math::max);
    }

    /** Forgets the positions of partitions this instance no longer owns (their examples stay in the buffer). */
    public void forget(Iterable<Integer> partitions) {
        partitions.forEach(accepted::remove);
    }

    public boolean canTrain() {
        return !finished && buffer.size() >= Math.max(settings.batchSize(), settings.minBuffer());
    }

    /** True once {@code maxTraining} has passed (the last checkpoint is written then). */
    public boolean finished() {
        return finished;
    }

    /**
     * Takes optimiser steps for about {@code budget} (at least one step when {@link #canTrain}), stopping early
     * after an evaluation (returned) or when {@code maxTraining} is over (the last checkpoint is returned then).
     */
    public Optional<Evaluation> train(Duration budget) {
        if (!canTrain()) {
            return Optional.empty();
        }
        start(); // the time limit counts training time: it starts with the first step, not with the service
        long deadline = System.nanoTime() + budget.toNanos();
        do {
            if (timeIsUp()) {
                finished = true;
                listener.finished(steps());
                LOG.infof(
                        "decoder training stops: max training time %s reached at step %d",
                        settings.maxTraining(), steps());
                return checkpointIfAdvanced();
            }
            DecoderTrainer trainer = trainer();
            List<TrainingExample> batch = buffer.sample(settings.batchSize(), random);
            double loss = trainer.step(batch);
            if (Double.isFinite(loss)) { // a skipped step (see DecoderTrainer#skippedSteps) has no loss to average
                losses[(int) (lossCount++ % LOSS_WINDOW)] = loss;
            }
            listener.stepped(trainer.steps(), trainer.examplesSeen(), recentLoss());
            if (trainer.steps() % settings.evalEverySteps() == 0) {
                return Optional.of(evaluateAndCheckpoint());
            }
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    private boolean timeIsUp() {
        return !settings.maxTraining().isZero()
                && clock.millis() - startedAtMillis >= settings.maxTraining().toMillis();
    }

    /** Mean loss of the last {@value #LOSS_WINDOW} steps (NaN before the first). */
    public double recentLoss() {
        int n = (int) Math.min(lossCount, LOSS_WINDOW);
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += losses[i];
        }
        return sum / n;
    }

    /** A checkpoint of the current weights, when steps were taken since the last one (at shutdown, at the end). */
    public Optional<Evaluation> checkpointIfAdvanced() {
        if (trainer != null && trainer.steps() > 0 && trainer.steps() != lastCheckpointStep) {
            return Optional.of(evaluateAndCheckpoint());
        }
        return Optional.empty();
    }

    /** Evaluates the current weights, writes the checkpoint, announces it, swaps it in when it is better. */
    public Evaluation evaluateAndCheckpoint() {
        DecoderTrainer trainer = trainer();
        Map<Integer, Long> covered = Map.copyOf(accepted);
        long now = clock.millis();
        String version = ModelVersions.of(trainer.steps(), now);
        DecoderCheckpoint snapshot = trainer.checkpoint(version, Map.of());
        List<TrainingExample> validationSet = List.copyOf(validation.values());
        long t0 = System.nanoTime();
        Map<String, Double> metrics = new LinkedHashMap<>(evaluate(snapshot, validationSet));
        long evalMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        metrics.put("examplesSeen", (double) snapshot.examplesSeen());
        metrics.put("trainingLoss", recentLoss());
        metrics.put("skippedSteps", (double) trainer().skippedSteps());
        metrics.put("step", (double) snapshot.step());
        metrics.put("bufferSize", (double) buffer.size());
        metrics.put("validationExamples", (double) validationSet.size());
        DecoderCheckpoint checkpoint = new DecoderCheckpoint(
                version,
                snapshot.step(),
                snapshot.examplesSeen(),
                now,
                snapshot.weights(),
                snapshot.optimizerState(),
                metrics);
        Path file = checkpoints.write(checkpoint);
        lastCheckpointStep = checkpoint.step();

        double exactMatch = metrics.getOrDefault(DecodingMetrics.EXACT_MATCH, Double.NaN);
        boolean swap = betterThanServing(exactMatch, validationSet);
        if (swap) {
            serving.swap(checkpoint, file.toString());
            scoredVersion = version;
            scoredRevision = validationRevision;
            servingExactMatch = exactMatch;
        }
        LOG.infof(
                "decoder checkpoint %s: exact match %.4f on %d validation examples (evaluated in %d ms), loss %.4f, "
                        + "%d examples seen; %s",
                version,
                exactMatch,
                validationSet.size(),
                evalMillis,
                recentLoss(),
                snapshot.examplesSeen(),
                swap
                        ? "now serving"
                        : "serving stays "
                                + serving.current()
                                        .map(ServingModel.Loaded::version)
                                        .orElse("none") + " (exact match " + servingExactMatch + ")");
        announce(
                new ModelAnnouncement(settings.modelName(), version, checkpoint.step(), file.toString(), metrics, now));
        listener.evaluated(version, metrics, swap);
        return new Evaluation(
                version, checkpoint.step(), checkpoint.examplesSeen(), file, Map.copyOf(metrics), now, swap, covered);
    }

    private Map<String, Double> evaluate(DecoderCheckpoint checkpoint, List<TrainingExample> validationSet) {
        if (validationSet.isEmpty()) {
            return new DecodingMetrics().summary();
        }
        return evaluator.evaluate(checkpoint, validationSet);
    }

    /**
     * Whether a candidate with this exact match should replace the serving model: always when none serves; never
     * without a measurement; else when it beats the serving model's exact match on the same validation set (the
     * serving model is measured again whenever the set changed, so a shipped model is judged on this data too).
     */
    private boolean betterThanServing(double candidate, List<TrainingExample> validationSet) {
        Optional<ServingModel.Loaded> current = serving.current();
        if (current.isEmpty()) {
            return true;
        }
        if (Double.isNaN(candidate)) {
            return false;
        }
        ServingModel.Loaded loaded = current.get();
        if (!loaded.version().equals(scoredVersion) || scoredRevision != validationRevision) {
            try {
                servingExactMatch = evaluate(loaded.checkpoint(), validationSet)
                        .getOrDefault(DecodingMetrics.EXACT_MATCH, Double.NaN);
            } catch (RuntimeException e) {
                LOG.warnf("cannot evaluate the serving model %s (%s): the candidate replaces it", loaded.version(), e);
                servingExactMatch = Double.NaN;
            }
            scoredVersion = loaded.version();
            scoredRevision = validationRevision;
        }
        return Double.isNaN(servingExactMatch) || candidate > servingExactMatch;
    }

    private void announce(ModelAnnouncement announcement) {
        try {
            announcer.announce(announcement).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf(
                    "checkpoint %s written but not announced on decoder-models: %s",
                    announcement.version(), e.toString());
        }
    }

    public int bufferSize() {
        return buffer.size();
    }

    public List<TrainingExample> validationSet() {
        return new ArrayList<>(validation.values());
    }

    /** Optimiser steps so far (those of the checkpoint to resume from while the trainer is not created yet). */
    public long steps() {
        if (trainer != null) {
            return trainer.steps();
        }
        return resumeFrom == null ? 0 : resumeFrom.step();
    }

    @Override
    public void close() {
        if (trainer != null) {
            trainer.close();
        }
    }
}
