package io.weights2eq.decoder.engine.dashboard;

import io.weights2eq.decoder.engine.ContinuousTraining;
import io.weights2eq.decoder.engine.DecodeEngine;
import io.weights2eq.decoder.engine.PredictionListener;
import io.weights2eq.decoder.engine.TrainingListener;
import io.weights2eq.domain.decoding.DecodingMetrics;
import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.domain.decoding.ValidationSlice;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.network.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Builds the dashboard's {@link DashboardSnapshot}s from what the adapters feed it: offset samples of the broker
 * ({@link #sample}), the training loop's events (a {@link TrainingListener}) and the serving loops' predictions (a
 * {@link PredictionListener}). Every history is a {@link RingBuffer} of fixed size, and the equations it knows as
 * ground truth are bounded too: memory does not grow with the stream. Thread-safe: the training thread, the
 * serving threads, the sampler and the SSE streams all call it.
 */
public final class DashboardCollector implements TrainingListener, PredictionListener {

    /**
     * @param rateWindow       samples a rate spans (≥ 2)
     * @param rateHistory      rate points kept (one per sample)
     * @param lossPoints       loss points kept; one is taken at most every {@code lossEveryMillis}
     * @param validationPoints evaluations kept
     * @param predictions      latest predictions kept
     * @param knownEquations   validation equations kept as ground truth (the newest)
     * @param curvePoints      points of each prediction curve over [xMin, xMax]
     * @param validationFraction the decoder's validation slice: the equations whose truth is kept
     */
    public record Settings(
            List<String> topics,
            int rateWindow,
            int rateHistory,
            int lossPoints,
            long lossEveryMillis,
            int validationPoints,
            int predictions,
            int knownEquations,
            int curvePoints,
            double xMin,
            double xMax,
            double validationFraction) {
        public Settings {
            topics = List.copyOf(topics);
            if (rateHistory < 1
                    || lossPoints < 1
                    || validationPoints < 1
                    || predictions < 1
                    || knownEquations < 1
                    || curvePoints < 2
                    || lossEveryMillis < 0
                    || !(xMin < xMax)) {
                throw new IllegalArgumentException("dashboard settings: the history sizes must be at least 1, "
                        + "curvePoints at least 2, lossEveryMillis >= 0 and xMin < xMax; were " + rateHistory + ", "
                        + lossPoints + ", " + validationPoints + ", " + predictions + ", " + knownEquations + ", "
                        + curvePoints + ", " + lossEveryMillis + ", [" + xMin + ", " + xMax + "]");
            }
        }
    }

    /** A prediction as received: its curve and the network's, computed once. */
    private record Received(
            String id,
            String predicted,
            String method,
            String modelVersion,
            long timeMillis,
            double[] predictedY,
            double[] networkY) {}

    private final Settings settings;
    private final LongSupplier clock;
    private final double[] xs;
    private final StageRates rates;
    private final RingBuffer<DashboardSnapshot.LossPoint> loss;
    private final RingBuffer<DashboardSnapshot.ValidationPoint> validation;
    private final RingBuffer<Received> predictions;
    private final LinkedHashMap<String, Polynomial> knownEquations;
    private final ValidationSlice slice;
    private OffsetSample lastSample;
    private long examples;
    private long converged;
    private long steps;
    private double recentLoss = Double.NaN;
    private long lastLossPointMillis = Long.MIN_VALUE;

    public DashboardCollector(Settings settings, LongSupplier clock) {
        this.settings = settings;
        this.clock = clock;
        this.xs = grid(settings.xMin(), settings.xMax(), settings.curvePoints());
        this.rates = new StageRates(settings.topics(), settings.rateWindow(), settings.rateHistory());
        this.loss = new RingBuffer<>(settings.lossPoints());
        this.validation = new RingBuffer<>(settings.validationPoints());
        this.predictions = new RingBuffer<>(settings.predictions());
        this.slice = new ValidationSlice(settings.validationFraction());
        int maxKnown = settings.knownEquations();
        this.knownEquations = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Polynomial> eldest) {
                return size() > maxKnown;
            }
        };
    }

    private static double[] grid(double min, double max, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = min + (max - min) * i / (n - 1);
        }
        return x;
    }

    public Settings settings() {
        return settings;
    }

    /** An offset sample of the broker (from the sampler). */
    public synchronized void sample(OffsetSample sample) {
        lastSample = sample;
        rates.add(sample);
    }

    @Override
    public synchronized void stepped(long steps, long examplesSeen, double recentLoss) {
        this.steps = steps;
        this.recentLoss = recentLoss;
        long now = clock.getAsLong();
        // one point per interval keeps the curve's span long with a fixed number of points
        if (Double.isFinite(recentLoss)
                && (lastLossPointMillis == Long.MIN_VALUE || now - lastLossPointMillis >= settings.lossEveryMillis())) {
            loss.add(new DashboardSnapshot.LossPoint(steps, recentLoss));
            lastLossPointMillis = now;
        }
    }

    @Override
    public synchronized void evaluated(String version, Map<String, Double> metrics, boolean swapped) {
        long step = metrics.getOrDefault("step", (double) steps).longValue();
        validation.add(new DashboardSnapshot.ValidationPoint(
                step,
                known(metrics.get(DecodingMetrics.EXACT_MATCH)),
                known(metrics.get(DecodingMetrics.TOKEN_ACCURACY)),
                swapped));
    }

    @Override
    public void buffered(int bufferSize, int validationSize) {}

    @Override
    public synchronized void accepted(TrainingExample example, ContinuousTraining.Admission admission) {
        examples++;
        if (example.converged()) {
            converged++;
        }
        // the slice is what the networks loop and decode-validation predict; its unconverged networks too (skipped
        // by training), whose own function is not the equation
        if (slice.contains(example.equationId())) {
            knownEquations.put(example.equationId(), example.target());
        }
    }

    @Override
    public void predicted(String requestId, Network network, DecodeEngine.Result result) {
        Polynomial polynomial = result.equation().polynomial();
        double[] predictedY = polynomial == null ? null : curve(polynomial::evaluate);
        double[] networkY = curve(network::evaluate);
        Received received = new Received(
                requestId,
                result.equation().canonicalText(),
                result.equation().method(),
                result.equation().modelVersion(),
                clock.getAsLong(),
                predictedY,
                networkY);
        synchronized (this) {
            predictions.add(received);
        }
    }

    private double[] curve(java.util.function.DoubleUnaryOperator f) {
        double[] y = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double v = f.applyAsDouble(xs[i]);
            y[i] = Double.isFinite(v) ? v : 0; // a network is finite by validation; this only keeps the JSON valid
        }
        return y;
    }

    /**
     * The ground-truth key of a prediction: decode-validation asks {@code <equation id>#<method>}, the networks
     * loop predicts under the equation id itself.
     */
    static String equationIdOf(String requestId) {
        int hash = requestId.indexOf('#');
        return hash < 0 ? requestId : requestId.substring(0, hash);
    }

    /** The snapshot now, with the newest {@code maxPredictions} predictions. */
    public synchronized DashboardSnapshot snapshot(int maxPredictions) {
        OffsetSample latest = rates.latest();
        Map<String, Double> now = rates.rates();
        List<DashboardSnapshot.Stage> stages = new ArrayList<>();
        for (String topic : settings.topics()) {
            stages.add(new DashboardSnapshot.Stage(
                    topic, latest == null ? null : latest.endOffsets().get(topic), now.get(topic)));
        }
        List<DashboardSnapshot.PredictionCurve> curves = new ArrayList<>();
        for (Received r : predictions.newest(maxPredictions)) {
            Polynomial truth = knownEquations.get(equationIdOf(r.id()));
            curves.add(new DashboardSnapshot.PredictionCurve(
                    r.id(),
                    r.predicted(),
                    r.method(),
                    r.modelVersion(),
                    r.timeMillis(),
                    truth == null ? "network" : "equation",
                    truth == null ? null : truth.toCanonicalText(),
                    r.predictedY(),
                    truth == null ? r.networkY() : curve(truth::evaluate)));
        }
        return new DashboardSnapshot(
                clock.getAsLong(),
                lastSample == null ? null : lastSample.error(),
                stages,
                rates.history(),
                latest == null ? List.of() : latest.lags(),
                new DashboardSnapshot.Convergence(
                        examples, converged, examples == 0 ? null : (double) converged / examples),
                new DashboardSnapshot.Training(steps, known(recentLoss), loss.toList(), validation.toList()),
                xs.clone(),
                curves);
    }

    private static Double known(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}
