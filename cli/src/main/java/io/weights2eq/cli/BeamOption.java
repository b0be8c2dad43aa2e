package io.weights2eq.cli;

import picocli.CommandLine.Option;

/** The learned decoder's beam width, for the commands that decode. */
final class BeamOption {
    static final int MAX = 64;

    @Option(
            names = "--beam",
            defaultValue = "1",
            description = "beam width of the learned decoder, 1 to " + MAX + " (default ${DEFAULT-VALUE})")
    private int beam;

    /** The width, checked: a usage error outside 1 to {@value #MAX}. */
    int width() {
        if (beam < 1 || beam > MAX) {
            throw new W2eCli.UsageException("--beam must be between 1 and " + MAX + ", was " + beam);
        }
        return beam;
    }
}
