package io.weights2eq.cli;

import io.weights2eq.schema.KafkaClientSettings;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The admin CLI behind {@code bin/w2e}: {@code topics}, {@code equations-summary}, {@code generate},
 * {@code networks-summary}, {@code decode}, {@code eval}, ….
 *
 * <pre>
 * java -cp 'deploy/target/lib/*:deploy/target/weights2eq-deploy-0.1.0-SNAPSHOT.jar' io.weights2eq.cli.W2eCli
 *     topics --bootstrap localhost:9092
 *     equations-summary --bootstrap localhost:9092 [--samples 3] [--expect 1000]
 *     generate --url http://localhost:8081 --count 1000 [--seed 42] [--family servant] [--samples 5000] [--rate R]
 *     decode --input networks.jsonl [--method hybrid] [--model models/] [--beam 1]
 * </pre>
 *
 * Exit status: 0 success, 1 the command ran and found a problem (missing topics, undecodable records,
 * a job that did not complete), 2 usage errors or an unreachable broker/service.
 */
public final class W2eCli {
    /** The log4j2 configuration of the CLI: warnings only, to stderr. */
    public static final String LOG_CONFIG = "w2e-cli-log4j2.xml";

    static final String USAGE = """
            usage: W2eCli <command> [options]
              (every Kafka client starts from the client properties file $W2E_KAFKA_CONFIG when set:
               security.protocol, sasl.*, ssl.*; --bootstrap and the command's own settings go on top)
              topics --bootstrap HOST:PORT [--internal] [--timeout-s 15]
                  every topic with its partitions, cleanup policy and record count (end - start offsets)
              equations-summary --bootstrap HOST:PORT [--samples 3] [--expect N] [--timeout-s 120]
                  reads the whole 'equations' topic: records, distinct keys, undecodable values, sample
                  equations, and checks y = p(x) for every sample of every equation
              networks-summary --bootstrap HOST:PORT [--expect N] [--timeout-s 600]
                  follows the 'networks' topic until N distinct equations are trained, then prints the
                  convergence rate and the median and p90 validation MSE
              export-examples --bootstrap HOST:PORT --out FILE.tsv
                  joins the whole 'networks' and 'equations' topics into a decoder training file (ExamplesTsv);
                  with FILE.jsonl, the networks alone in the network file format (for decode and bench-decode)
              decode-validation --bootstrap HOST:PORT [--fraction 0.05] [--show 10] [--timeout-s 120]
                                [--methods learned,analytic,taylor,hybrid]
                  sends the validation slice's networks to 'decode-requests', waits for their 'predictions' and
                  prints ground truth against prediction with exact match and token accuracy
              bench-decode --input NETWORKS.jsonl [--url http://localhost:8083] [--rate 200] [--seconds 30]
                           [--warmup-s 10]
                  open-loop load on POST /decode at a fixed rate; latency percentiles from scheduled send times
              generate --url http://localhost:8081 --count N [--seed S] [--family uniform-length|servant]
                       [--samples 5000] [--rate R] [--x-min -1] [--x-max 1] [--no-progress]
                  starts a generator job and follows it with a progress bar; Ctrl-C cancels the job
              decode --input FILE.jsonl|- [--method hybrid|learned|analytic|taylor] [--model PATH] [--beam 1]
                     [--family servant|uniform-length]
                  decodes a network file (one JSON network per line, no broker needed) with the learned decoder
                  of PATH (a checkpoint, or the latest *.w2ed of a directory; default $W2E_HOME/models): one JSON
                  line per network on stdout (id, equation, method, modelVersion, coefficients, tokenIds,
                  latencyMillis; coefficients [] when the emitted text is not an equation); exit 1 if a line failed
              eval --equations N [--family servant|uniform-length] [--seed 777] [--activation relu] [--steps 1000]
                   [--threads N] [--methods learned,analytic,taylor,hybrid] [--model PATH] [--beam 1] [--out DIR]
                   [--checkpoints DIR]
              eval --networks FILE.jsonl --truth TRUTH.jsonl [--family servant] [--methods ...] [--out DIR]
                  evaluates the decoders: N held-out equations drawn and their networks trained in process (or
                  networks trained elsewhere, with their truth by id: {"id": ..., "equation": ...} per line), each
                  decoded by each method; writes summary.md, results.jsonl and PNG plots to DIR (default
                  $W2E_RUN_DIR/eval/<time>); --checkpoints DIR adds the decoder's training curve
              soak --processes NAME=PID[@PORT],... --out DIR [--minutes 60] [--interval-s 10] [--warmup-s S]
                   [--bootstrap localhost:9092] [--decoder-url http://localhost:8083] [--decode-rate 5]
                  samples RSS (and, for a service with /q/metrics at PORT, heap, non-heap, direct buffers) of
                  every process while POST /decode traffic runs; writes samples.jsonl, summary.md, soak.png;
                  exit 1 if a process grew or died
              soak --samples SAMPLES.jsonl --out DIR [--minutes M] [--warmup-s S]
                  summarises a finished soak again (summary.md, soak.png)
              dashboard-check [--url http://localhost:8083/dashboard] [--screenshot FILE] [--timeout-s 60] [--ready JS]
                  opens the decoder's live dashboard in a headless Chromium (over the DevTools protocol): exit 1 on
                  any console error or uncaught exception, or when its charts show no data within the timeout
                  (--ready: the JavaScript condition to wait for); --screenshot saves a PNG""";

    private W2eCli() {
    }

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        int rc = run(args, System.out, System.err);
        System.out.flush();
        System.exit(rc);
    }

    /** Runs one command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** Runs one command, {@code in} as its standard input; returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        Args options;
        try {
            options = Args.parse(Arrays.copyOfRange(args, 1, args.length));
            return switch (command) {
                case "topics" -> new TopicsCommand(options, out, err).run();
                case "equations-summary" -> new EquationsSummaryCommand(options, out, err).run();
                case "generate" -> new GenerateCommand(options, out, err).run();
                case "networks-summary" -> new NetworksSummaryCommand(options, out, err).run();
                case "decode" -> new DecodeCommand(options, in, out, err).run();
                case "export-examples" -> new ExportExamplesCommand(options, out, err).run();
                case "bench-decode" -> new DecodeLoadCommand(options, out, err).run();
                case "decode-validation" -> new DecodeValidationCommand(options, out, err).run();
                case "eval" -> new EvalCommand(options, args, out, err).run();
                case "soak" -> new SoakCommand(options, out, err).run();
                case "dashboard-check" -> new DashboardCheckCommand(options, out, err).run();
                default -> throw new UsageException("unknown command " + command);
            };
        } catch (UsageException | KafkaClientSettings.MissingFileException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    /** A wrong command line. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
