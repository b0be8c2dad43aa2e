package io.weights2eq.decoder.engine;

import io.weights2eq.domain.decoding.CheckpointDirectory;
import io.weights2eq.domain.decoding.CheckpointFormat;
import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.domain.decoding.DecodingMetrics;
import io.weights2eq.domain.decoding.LearnedDecoder;
import io.weights2eq.domain.decoding.NoModelLoadedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The model being served. A hot swap replaces it atomically: a decode that started on the old model finishes on
 * it, every later one uses the new one. Decoders for other beam widths are built on first use and belong to their
 * model, so they go with it. Thread-safe.
 */
public final class ServingModel {
    private static final Logger LOG = Logger.getLogger(ServingModel.class);

    /** One loaded model: its checkpoint (without optimiser state), where it came from, its decoders by beam width. */
    public static final class Loaded {
        private final DecoderCheckpoint checkpoint;
        private final String source;
        private final long loadedAtMillis;
        private final Map<Integer, LearnedDecoder> byBeam = new ConcurrentHashMap<>();

        Loaded(DecoderCheckpoint checkpoint, String source, long loadedAtMillis) {
            this.checkpoint = checkpoint.forServing();
            this.source = source;
            this.loadedAtMillis = loadedAtMillis;
            byBeam.put(1, new LearnedDecoder(this.checkpoint, 1));
        }

        public LearnedDecoder decoder(int beamWidth) {
            return byBeam.computeIfAbsent(beamWidth, w -> new LearnedDecoder(checkpoint, w));
        }

        public DecoderCheckpoint checkpoint() {
            return checkpoint;
        }

        public String version() {
            return checkpoint.version();
        }

        /** The checkpoint file, or {@code training} for a model swapped in by the training loop. */
        public String source() {
            return source;
        }

        public long loadedAtMillis() {
            return loadedAtMillis;
        }
    }

    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final CopyOnWriteArrayList<Consumer<Loaded>> listeners = new CopyOnWriteArrayList<>();

    public Optional<Loaded> current() {
        return Optional.ofNullable(current.get());
    }

    /** @throws NoModelLoadedException when none is loaded */
    public Loaded require() {
        Loaded loaded = current.get();
        if (loaded == null) {
            throw new NoModelLoadedException();
        }
        return loaded;
    }

    public boolean loaded() {
        return current.get() != null;
    }

    /** Serves {@code checkpoint} from now on. */
    public Loaded swap(DecoderCheckpoint checkpoint, String source) {
        Loaded next = new Loaded(checkpoint, source, System.currentTimeMillis());
        Loaded previous = current.getAndSet(next);
        LOG.infof(
                "serving decoder model %s (step %d, from %s)%s",
                next.version(), checkpoint.step(), source, previous == null ? "" : ", replacing " + previous.version());
        listeners.forEach(l -> l.accept(next));
        return next;
    }

    /** Called with every model swapped in (for metrics). */
    public void onSwap(Consumer<Loaded> listener) {
        listeners.add(listener);
        Loaded now = current.get();
        if (now != null) {
            listener.accept(now);
        }
    }

    /**
     * The model to serve at start: of the training directory's readable checkpoints and the configured model (a
     * checkpoint file, or the latest checkpoint of a directory), the one with the best recorded validation exact
     * match (the newest on a tie) — what the hot swap would have left serving; none when there is none. (The latest
     * checkpoint alone could be worse than the model it never replaced.)
     */
    public Optional<Loaded> loadInitial(Optional<Path> trainingDirectory, Optional<Path> defaultModel) {
        DecoderCheckpoint best = null;
        String bestSource = null;
        if (defaultModel.isPresent() && Files.exists(defaultModel.get())) {
            try {
                best = CheckpointDirectory.load(defaultModel.get());
                bestSource = defaultModel.get().toString();
            } catch (IOException | RuntimeException e) {
                LOG.warnf("no decoder model from %s: %s", defaultModel.get(), e.getMessage());
            }
        } else {
            LOG.infof("no decoder model at %s", defaultModel.map(Path::toString).orElse("(none configured)"));
        }
        if (trainingDirectory.isPresent()) {
            for (Path file : new CheckpointDirectory(trainingDirectory.get(), Integer.MAX_VALUE).list()) {
                try {
                    DecoderCheckpoint candidate = CheckpointFormat.read(file);
                    if (best == null || exactMatch(candidate) >= exactMatch(best)) {
                        best = candidate;
                        bestSource = file.toString();
                    }
                } catch (IOException e) {
                    LOG.warnf("skipping unreadable checkpoint: %s", e.getMessage());
                }
            }
        }
        return best == null ? Optional.empty() : Optional.of(swap(best, bestSource));
    }

    private static double exactMatch(DecoderCheckpoint checkpoint) {
        Double v = checkpoint.metrics().get(DecodingMetrics.EXACT_MATCH);
        return v == null || v.isNaN() ? -1 : v;
    }
}
