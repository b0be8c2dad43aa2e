package io.weights2eq.decoder.inbound;

import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.records.Limit;

/**
 * The decoder's declared limits on what a topic record may carry ({@code w2e.decoder.limits.*}): a record above
 * them goes to its dead-letter topic with a reason naming the field, the limit and its setting.
 *
 * @param maxSamples    samples of an {@code equations} record (default: the generator's own limit)
 * @param maxParameters parameters of a network (default: the largest layout {@link NetworkLayout} allows)
 */
public record RecordLimits(int maxSamples, int maxParameters) {
    public static final String MAX_SAMPLES_SETTING = "w2e.decoder.limits.max-samples";
    public static final String MAX_PARAMETERS_SETTING = "w2e.decoder.limits.max-parameters";
    public static final RecordLimits DEFAULTS = new RecordLimits(SampleSpec.MAX_COUNT, NetworkLayout.MAX_PARAMETERS);

    public RecordLimits {
        if (maxSamples < 1 || maxParameters < 1) {
            throw new IllegalArgumentException(MAX_SAMPLES_SETTING + " and " + MAX_PARAMETERS_SETTING
                    + " must be at least 1, were " + maxSamples + " and " + maxParameters);
        }
    }

    public Limit samples() {
        return new Limit(maxSamples, MAX_SAMPLES_SETTING);
    }

    public Limit parameters() {
        return new Limit(maxParameters, MAX_PARAMETERS_SETTING);
    }
}
