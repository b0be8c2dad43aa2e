package io.weights2eq.decoder.engine;

import io.weights2eq.domain.network.Network;

/** Observer of every prediction published by a serving loop (for the dashboard). */
public interface PredictionListener {

    /** @param requestId the prediction's key (a request id, or an equation id for {@code networks}) */
    void predicted(String requestId, Network network, DecodeEngine.Result result);

    PredictionListener NONE = (requestId, network, result) -> {};
}
