package io.weights2eq.decoder.engine.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records/s of every stage from successive end-offset samples: the offsets a topic gained between the oldest and
 * the newest of the last {@code window} samples, over the time between them (a window of a few samples smooths
 * the producers' bursts). Not thread-safe.
 */
public final class StageRates {
    private final List<String> topics;
    private final RingBuffer<OffsetSample> window;
    private final RingBuffer<DashboardSnapshot.RatePoint> history;

    /** @param window samples the rate spans (at least 2); {@code history}: rate points kept */
    public StageRates(List<String> topics, int window, int history) {
        if (window < 2) {
            throw new IllegalArgumentException("the rate window needs at least 2 samples, was " + window);
        }
        this.topics = List.copyOf(topics);
        this.window = new RingBuffer<>(window);
        this.history = new RingBuffer<>(history);
    }

    /** Takes in a successful sample (failed ones carry no offsets and are ignored). */
    public void add(OffsetSample sample) {
        if (!sample.ok()) {
            return;
        }
        OffsetSample newest = window.newest();
        if (newest != null && sample.timeMillis() <= newest.timeMillis()) {
            return; // no time passed: no rate to take from it
        }
        window.add(sample);
        history.add(new DashboardSnapshot.RatePoint(sample.timeMillis(), rates()));
    }

    /** Records/s per topic over the window; a topic is absent before two samples that both saw it. */
    public Map<String, Double> rates() {
        Map<String, Double> rates = new LinkedHashMap<>();
        List<OffsetSample> samples = window.toList();
        if (samples.size() < 2) {
            return rates;
        }
        OffsetSample last = samples.get(samples.size() - 1);
        for (String topic : topics) {
            Long end = last.endOffsets().get(topic);
            if (end == null) {
                continue;
            }
            for (OffsetSample first : samples) { // the oldest sample that saw the topic
                Long start = first.endOffsets().get(topic);
                if (first == last) {
                    break;
                }
                if (start != null) {
                    // a topic deleted and created again restarts at 0: no negative rate
                    double gained = Math.max(0, end - start);
                    rates.put(topic, gained * 1000.0 / (last.timeMillis() - first.timeMillis()));
                    break;
                }
            }
        }
        return rates;
    }

    public OffsetSample latest() {
        return window.newest();
    }

    public List<DashboardSnapshot.RatePoint> history() {
        return history.toList();
    }
}
