package io.weights2eq.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** A command the CLI runs in process: its options are picocli fields, its streams the CLI's. */
abstract class CliCommand implements Callable<Integer> {
    @ParentCommand
    W2eCli cli;

    protected InputStream in;
    protected PrintStream out;
    protected PrintStream err;

    @Override
    public final Integer call() throws Exception {
        in = cli.in;
        out = cli.out;
        err = cli.err;
        return run();
    }

    /** Checks what picocli cannot (ranges, options that go together), then works; returns the exit status. */
    abstract int run() throws Exception;
}
