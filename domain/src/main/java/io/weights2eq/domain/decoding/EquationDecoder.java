package io.weights2eq.domain.decoding;

import io.weights2eq.domain.network.Network;

/** Turns a trained network back into an equation. Implementations are thread-safe. */
public interface EquationDecoder {

    /** The method name on the wire: {@code learned}, … */
    String method();

    DecodedEquation decode(Network network);
}
