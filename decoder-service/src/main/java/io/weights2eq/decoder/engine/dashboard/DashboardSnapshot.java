package io.weights2eq.decoder.engine.dashboard;

import java.util.List;
import java.util.Map;

/**
 * One tick of the live dashboard: what every stage of the pipeline does now. Numbers that are not known (yet) are
 * null, never NaN, so that the JSON stays JSON.
 *
 * @param kafkaError  why the latest offset sample failed (null when it worked)
 * @param stages      per topic: its end offset (sum over partitions) and records/s over the recent samples
 * @param rateHistory records/s of every stage at each recent sample, oldest first
 * @param lags        consumer lag of the groups the dashboard follows
 * @param curveX      the x of every prediction curve: evenly spaced over the decoder's input range
 */
public record DashboardSnapshot(
        long timeMillis,
        String kafkaError,
        List<Stage> stages,
        List<RatePoint> rateHistory,
        List<Lag> lags,
        Convergence convergence,
        Training training,
        double[] curveX,
        List<PredictionCurve> predictions) {

    /** @param endOffset null while the topic does not exist; recordsPerSecond null before two samples */
    public record Stage(String topic, Long endOffset, Double recordsPerSecond) {}

    public record RatePoint(long timeMillis, Map<String, Double> recordsPerSecond) {}

    /** @param lag end offsets minus the group's committed offsets over the topic's partitions; null when unknown */
    public record Lag(String group, String topic, Long lag) {}

    /** Networks whose training met the quality target, counted over the examples the decoder consumed. */
    public record Convergence(long examples, long converged, Double fraction) {}

    /** The decoder's continuous training: the loss curve and the validation curve, both by optimiser step. */
    public record Training(long steps, Double recentLoss, List<LossPoint> loss, List<ValidationPoint> validation) {}

    public record LossPoint(long step, double loss) {}

    /** @param swapped whether this checkpoint went into serving */
    public record ValidationPoint(long step, Double exactMatch, Double tokenAccuracy, boolean swapped) {}

    /**
     * A recent prediction drawn against its ground truth at {@link #curveX}.
     *
     * @param truthSource   {@code equation} when the decoder knows the equation (its validation examples), else
     *                      {@code network}: the network's own function, which the request carries
     * @param truthEquation the ground-truth equation's text when {@code truthSource} is {@code equation}
     * @param predictedY    null when the decoded text is not an equation
     */
    public record PredictionCurve(
            String id,
            String predicted,
            String method,
            String modelVersion,
            long timeMillis,
            String truthSource,
            String truthEquation,
            double[] predictedY,
            double[] truthY) {}
}
