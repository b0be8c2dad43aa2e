package io.weights2eq.evaluation;

import io.weights2eq.domain.decoding.DecodedEquation;

/**
 * What one decoding method made of one network.
 *
 * @param decoded the decoder's result; null when the method does not apply to the network or threw
 * @param millis  the wall time of the {@code decode} call; NaN when it was not called
 * @param error   why the decoder threw, null otherwise
 */
public record MethodOutcome(Status status, DecodedEquation decoded, double millis, String error) {

    /** Whether the method produced a result. */
    public enum Status {
        DECODED,
        /** The method does not apply to this network (taylor on a ReLU network); left out of its metrics. */
        NOT_APPLICABLE,
        /** The decoder threw; counted in its metrics as an unparsable prediction. */
        FAILED
    }

    public static MethodOutcome decoded(DecodedEquation decoded, double millis) {
        return new MethodOutcome(Status.DECODED, decoded, millis, null);
    }

    public static MethodOutcome notApplicable() {
        return new MethodOutcome(Status.NOT_APPLICABLE, null, Double.NaN, null);
    }

    public static MethodOutcome failed(String error, double millis) {
        return new MethodOutcome(Status.FAILED, null, millis, error);
    }

    /** Whether the outcome counts in the method's metrics (decoded or failed, not "not applicable"). */
    public boolean counts() {
        return status != Status.NOT_APPLICABLE;
    }
}
