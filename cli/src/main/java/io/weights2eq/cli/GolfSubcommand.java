package io.weights2eq.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** A golf challenge, {@code golf <name>}: like {@link CliCommand}, its streams the CLI's, through {@code golf}. */
abstract class GolfSubcommand implements Callable<Integer> {
    @ParentCommand
    GolfCommand golf;

    protected InputStream in;
    protected PrintStream out;
    protected PrintStream err;

    @Override
    public final Integer call() throws Exception {
        in = golf.cli.in;
        out = golf.cli.out;
        err = golf.cli.err;
        return run();
    }

    /** Checks what picocli cannot, then works; returns the exit status. */
    abstract int run() throws Exception;
}
