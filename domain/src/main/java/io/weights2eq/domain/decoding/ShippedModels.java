package io.weights2eq.domain.decoding;

import io.weights2eq.domain.equation.SamplingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one map from an equation family to its shipped learned model under {@code models/}: a model knows only the
 * family it was trained on, so the CLI and decoder-service pick the file by the family they decode.
 */
public final class ShippedModels {
    /** The servant model, also the model of a family with none of its own. */
    public static final String DEFAULT_FILE = "decoder-default.w2ed";

    private static final Map<String, String> BY_FAMILY = Map.of(SamplingMode.CUBIC.label(), "decoder-cubic.w2ed");

    private ShippedModels() {}

    /** The file name of the family's shipped model. */
    public static String fileName(String family) {
        return BY_FAMILY.getOrDefault(family, DEFAULT_FILE);
    }

    /**
     * The model to load for {@code family} from a configured path: in a directory that holds the family's shipped
     * file (as {@code models/} does), that file; any other path as given (a checkpoint file, or a directory of
     * training checkpoints whose latest is taken).
     */
    public static Path forFamily(Path fileOrDirectory, String family) {
        Path shipped = fileOrDirectory.resolve(fileName(family));
        return Files.isDirectory(fileOrDirectory) && Files.isRegularFile(shipped) ? shipped : fileOrDirectory;
    }
}
