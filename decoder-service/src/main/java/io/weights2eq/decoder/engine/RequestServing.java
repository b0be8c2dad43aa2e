package io.weights2eq.decoder.engine;

import io.weights2eq.domain.network.Network;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * What a serving loop does with each request it read: decodes it and answers its prediction, or rejects it with the
 * reason (a request that could not be read, or failed to decode). Counts both for the health check.
 *
 * @param <R> the inbound record a rejection refers to (the answers port sends it to the dead-letter topic)
 */
public final class RequestServing<R> {
    private static final Logger LOG = Logger.getLogger(RequestServing.class);

    /** Where the answers go; each answer comes back as an acknowledgement to wait for before committing. */
    public interface Answers<R> {
        Future<?> prediction(String id, DecodeEngine.Result result);

        /** @return the acknowledgement, or null when rejections are only logged */
        Future<?> rejection(R request, String reason);
    }

    private final DecodeEngine engine;
    private final DecodeListener.Source source;
    private final PredictionListener listener;
    private final Answers<R> answers;
    private final AtomicLong predicted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    public RequestServing(
            DecodeEngine engine, DecodeListener.Source source, PredictionListener listener, Answers<R> answers) {
        this.engine = engine;
        this.source = source;
        this.listener = listener;
        this.answers = answers;
    }

    /** @return the prediction's acknowledgement, or the rejection's (null when only logged) when decoding failed */
    public Future<?> serve(R request, String id, Network network, String method) {
        DecodeEngine.Result result;
        try {
            result = engine.decode(network, null, method, source);
        } catch (RuntimeException e) {
            return reject(request, "decoding failed: " + e); // counted as failed by the engine
        }
        Future<?> ack = answers.prediction(id, result);
        predicted.incrementAndGet();
        try {
            listener.predicted(id, network, result);
        } catch (RuntimeException e) { // an observer never stops serving
            LOG.debug("prediction listener failed", e);
        }
        return ack;
    }

    /** A request that could not be read: counted as invalid, never decoded. */
    public Future<?> unreadable(R request, String reason) {
        engine.rejected(source);
        return reject(request, reason);
    }

    private Future<?> reject(R request, String reason) {
        rejected.incrementAndGet();
        return answers.rejection(request, reason);
    }

    public long predicted() {
        return predicted.get();
    }

    public long rejected() {
        return rejected.get();
    }
}
