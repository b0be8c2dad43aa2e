package io.weights2eq.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The commands {@code bin/w2e} runs itself, because they start, stop or watch processes: declared here so that
 * their help comes from the same place as every other command's.
 */
final class ScriptCommands {
    private ScriptCommands() {}

    /** Run through bin/w2e only: said so, exit 2. */
    abstract static class ScriptCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine()
                    .getErr()
                    .println("error: '" + spec.name() + "' is run by bin/w2e (it starts and stops"
                            + " processes): bin/w2e " + spec.name());
            return 2;
        }
    }

    @Command(
            name = "up",
            mixinStandardHelpOptions = true,
            description = "Build if needed, start the broker, then every service that is built; wait for readiness.")
    static final class Up extends ScriptCommand {}

    @Command(
            name = "down",
            mixinStandardHelpOptions = true,
            description =
                    "Stop the services (SIGTERM, then SIGKILL after W2E_STOP_TIMEOUT), then the broker; idempotent.")
    static final class Down extends ScriptCommand {}

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Each process: pid, alive, port, health.")
    static final class Status extends ScriptCommand {}

    @Command(
            name = "logs",
            mixinStandardHelpOptions = true,
            description = "Follow a process's log under the run directory; without NAME, list the logs.")
    static final class Logs extends ScriptCommand {
        @Parameters(arity = "0..1", paramLabel = "NAME", description = "broker, generator, trainer or decoder")
        String name;
    }

    @Command(
            name = "demo",
            mixinStandardHelpOptions = true,
            description =
                    "A clean run, end to end: up; generate --count $W2E_DEMO_COUNT (1000); equations-summary; networks-summary (the trainer trains all of them); the decoder continues the shipped model for $W2E_DEMO_DECODER_SECONDS (60 s) on the new examples; decode-validation by each method (hybrid, learned, analytic; for cubics also the largest root within 0.1; for elementary tanh networks, no decoder training, hybrid and analytic scored by exact symbolic match and R² against the truth); dashboard-check (screenshot <run dir>/dashboard.png; skipped without Chromium unless CI=true); down (always). Exit 0 only if every step passed.")
    static final class Demo extends ScriptCommand {
        @Option(
                names = "--family",
                defaultValue = "servant",
                paramLabel = "servant|uniform-length|cubic|elementary",
                description =
                        "the family generated, rounded to by the decoder and, for cubic, scored by its largest root (default ${DEFAULT-VALUE}; W2E_DEMO_FAMILY)")
        String family;
    }

    @Command(
            name = "soak",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description =
                    "A clean run (like demo) under a steady load for a long time: equations generated at --rate, trained, joined, the decoder training all along, POST /decode at --decode-rate; every process's RSS, heap and off-heap sampled (soak-probe); writes samples.jsonl, summary.md and soak.png to <run dir>/soak. Exit 1 if a process grew or died.")
    static final class Soak extends ScriptCommand {
        @Option(names = "--minutes", defaultValue = "60", description = "how long (default ${DEFAULT-VALUE})")
        double minutes;

        @Option(names = "--rate", defaultValue = "10", description = "equations per second (default ${DEFAULT-VALUE})")
        double rate;

        @Option(
                names = "--decode-rate",
                defaultValue = "5",
                description = "POST /decode per second (default ${DEFAULT-VALUE})")
        double decodeRate;

        @Option(
                names = "--interval-s",
                defaultValue = "10",
                description = "seconds between memory samples (default ${DEFAULT-VALUE})")
        double intervalSeconds;
    }

    @Command(
            name = "train-decoder",
            mixinStandardHelpOptions = true,
            description =
                    "Train the learned decoder offline (DJL, CPU) from an export-examples file; prints the learning curve. Its options are declared by the trainer itself: bin/w2e train-decoder --help.")
    static final class TrainDecoder extends ScriptCommand {
        @Parameters(paramLabel = "OPTION", arity = "0..*", description = "passed to the offline trainer")
        List<String> options;
    }

    @Command(
            name = "bench",
            mixinStandardHelpOptions = true,
            description =
                    "bench trainer: train the same equations with our CPU kernel, DJL (PyTorch, CPU) and the PyTorch peer (../shared/peer, when /usr/bin/python3 can import torch), alternating; print one JSON line (eq/s, median/p90 relative validation MSE, GFLOP/s, fraction of fp32 peak, ratios) and keep it under <run dir>/bench/. Its options are declared by the benchmark itself: bin/w2e bench trainer --help.")
    static final class Bench extends ScriptCommand {
        @Parameters(paramLabel = "OPTION", arity = "0..*", description = "trainer, then the benchmark's options")
        List<String> options;
    }
}
