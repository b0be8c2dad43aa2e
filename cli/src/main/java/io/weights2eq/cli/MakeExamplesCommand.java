package io.weights2eq.cli;

import io.weights2eq.cli.W2eCli.UsageException;
import io.weights2eq.domain.decoding.ExamplesTsv;
import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.domain.equation.EquationFamilies;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.evaluation.HeldOutNetworks;
import io.weights2eq.evaluation.TrainerFigures;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code make-examples --family F --count N --out FILE.tsv}: decoder training data without a broker. Draws N
 * equations of the family (the generator's {@code EquationGenerator}, job seed {@code --seed}), trains one network
 * each as trainer-service does ({@link HeldOutNetworks}: the domain's {@code NetworkTrainer}, its defaults), and
 * writes one {@link ExamplesTsv} line per network as each chunk finishes, for {@code train-decoder --input}.
 */
@Command(
        name = "make-examples",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Decoder training data without a broker: draw --count equations of --family, train one network each in process as trainer-service does, write FILE.tsv (for train-decoder).")
final class MakeExamplesCommand extends CliCommand {
    static final int MAX_COUNT = 10_000_000;

    @Option(names = "--family", required = true, paramLabel = "NAME", description = "the family drawn from")
    String familyLabel;

    @Option(names = "--count", required = true, paramLabel = "N", description = "equations drawn and trained")
    long count;

    @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "the examples file to write")
    Path file;

    @Option(
            names = "--seed",
            defaultValue = "20261203",
            description = "the draw's job seed; keep it apart from eval's 777 (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--activation", defaultValue = "relu", description = "the networks' (default ${DEFAULT-VALUE})")
    String activationLabel;

    @Option(names = "--threads", description = "training threads, 1 to 1024 (default: the cores)")
    Integer threadsOption;

    @Override
    int run() {
        if (count < 1 || count > MAX_COUNT) {
            throw new UsageException("--count must be between 1 and " + MAX_COUNT + ", was " + count);
        }
        EquationFamily family;
        Activation activation;
        try {
            family = EquationFamilies.named(familyLabel);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
        try {
            activation = Activation.fromLabel(activationLabel);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--activation: " + e.getMessage());
        }
        int threads = threadsOption == null ? Runtime.getRuntime().availableProcessors() : threadsOption;
        if (threads < 1 || threads > 1024) {
            throw new UsageException("--threads must be between 1 and 1024, was " + threads);
        }
        HeldOutNetworks networks = new HeldOutNetworks(
                        family, seed, activation, TrainingConfig.defaults().steps(), threads, err)
                .withIdPrefix(familyLabel);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            TrainerFigures figures = networks.train(count, e -> {
                try {
                    w.write(ExamplesTsv.format(new TrainingExample(e.id(), e.network(), e.truth(), e.converged())));
                    w.newLine();
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
            out.printf(
                    Locale.ROOT,
                    "make-examples: %d %s networks of family %s written to %s; converged %.1f %%, %.1f networks/s%n",
                    figures.networks(),
                    activation.label(),
                    familyLabel,
                    file,
                    100 * figures.convergenceRate(),
                    figures.networksPerSecond());
            return 0;
        } catch (IOException | UncheckedIOException e) {
            err.println("error: cannot write " + file + ": " + e.getMessage());
            return 1;
        }
    }
}
