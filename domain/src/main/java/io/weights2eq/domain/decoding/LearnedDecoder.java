package io.weights2eq.domain.decoding;

import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.domain.network.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The learned decoder for serving: a checkpoint's transformer run by the pure-Java {@link TransformerDecoder}
 * (no native library, no per-operation dispatch), greedy when {@code beamWidth} is 1, else beam search.
 * Immutable and thread-safe.
 */
public final class LearnedDecoder implements EquationDecoder {

    public static final String METHOD = "learned";

    private final DecoderCheckpoint checkpoint;
    private final TransformerDecoder transformer;
    private final int beamWidth;

    public LearnedDecoder(DecoderCheckpoint checkpoint, int beamWidth) {
        if (beamWidth < 1 || beamWidth > 64) {
            throw new IllegalArgumentException("beamWidth must be between 1 and 64, was " + beamWidth);
        }
        this.checkpoint = checkpoint;
        this.transformer = new TransformerDecoder(checkpoint.weights());
        this.beamWidth = beamWidth;
    }

    /** From a checkpoint file, or the latest checkpoint of a directory. */
    public static LearnedDecoder load(Path fileOrDirectory, int beamWidth) throws IOException {
        return new LearnedDecoder(CheckpointDirectory.load(fileOrDirectory), beamWidth);
    }

    @Override
    public String method() {
        return METHOD;
    }

    public String version() {
        return checkpoint.version();
    }

    public DecoderCheckpoint checkpoint() {
        return checkpoint;
    }

    public int beamWidth() {
        return beamWidth;
    }

    @Override
    public DecodedEquation decode(Network network) {
        float[] features = DecoderFeatures.of(network, checkpoint.config().probes());
        int[] tokens = beamWidth == 1
                ? transformer.greedy(features)
                : transformer.beam(features, beamWidth).get(0).tokens();
        return fromTokens(tokens);
    }

    /** The decoded equation for an emitted token sequence (without {@code <bos>}). */
    public DecodedEquation fromTokens(int[] tokens) {
        String text = Vocabulary.decode(tokens);
        Polynomial polynomial;
        try {
            polynomial = Polynomial.parse(text);
        } catch (IllegalArgumentException e) { // EquationSyntaxException included
            polynomial = null;
        }
        return new DecodedEquation(text, polynomial, tokens, METHOD, checkpoint.version());
    }

    public Map<String, Double> metrics() {
        return checkpoint.metrics();
    }
}
