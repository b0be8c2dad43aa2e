package io.weights2eq.cli;

import picocli.CommandLine.Command;

/** {@code golf}: the network-golf tools; {@code golf cubic-root} builds seed 001's challenge network. */
@Command(
        name = "golf",
        mixinStandardHelpOptions = true,
        description = "Network golf (seed 001): smallest-precision admissible networks.",
        subcommands = {GolfCubicRootCommand.class})
final class GolfCommand extends CliCommand {
    @Override
    int run() {
        throw new W2eCli.UsageException("golf needs a subcommand: cubic-root");
    }
}
