package io.weights2eq.kafkalocal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local run's Kafka broker as its own process: {@link KafkaBroker} on fixed ports with its data kept
 * under a run directory between restarts.
 *
 * <pre>
 * java -cp 'deploy/target/lib/*:deploy/target/weights2eq-deploy-0.1.0-SNAPSHOT.jar' \
 *     io.weights2eq.kafkalocal.BrokerMain --data-dir run/kafka [--port 9092] [--controller-port 9093]
 *     [--partitions 8] [--host localhost] [--ready-file run/pids/broker.ready] [--prop key=value ...]
 *     [--scram-user admin=secret [--scram-user alice=secret2 ...]]
 * </pre>
 *
 * Defaults come from the environment where set: {@code W2E_KAFKA_PORT}, {@code W2E_KAFKA_CONTROLLER_PORT},
 * {@code W2E_KAFKA_PARTITIONS}, {@code W2E_KAFKA_DATA_DIR}. When the broker is ready it prints
 * {@code READY bootstrap=host:port} and writes the same line to the ready file; SIGTERM (or Ctrl-C) stops
 * the broker cleanly and removes the ready file.
 */
public final class BrokerMain {
    /** The log4j2 configuration of the broker process (INFO to stdout, concise). */
    public static final String LOG_CONFIG = "w2e-broker-log4j2.xml";

    private BrokerMain() {}

    public static void main(String[] args) throws Exception {
        // before the first logger is created
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(Options.USAGE);
            return;
        }
        KafkaBroker broker;
        try {
            broker = options.builder().build();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    System.out.println("STOPPING bootstrap=" + broker.bootstrapServers());
                    try {
                        broker.close();
                        deleteReadyFile(options.readyFile);
                    } finally {
                        System.out.println("STOPPED");
                        System.out.flush();
                        stopped.countDown();
                    }
                },
                "w2e-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        deleteReadyFile(options.readyFile);
        try {
            broker.start();
        } catch (RuntimeException e) {
            System.err.println("FAILED to start the Kafka broker: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        String line = "READY bootstrap=" + broker.bootstrapServers();
        if (options.readyFile != null) {
            Path parent = options.readyFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(options.readyFile, line + "\n", StandardCharsets.UTF_8);
        }
        System.out.println(line + (broker.saslEnabled() ? " security=SASL_PLAINTEXT/SCRAM-SHA-512" : "")
                + " controller=" + broker.controllerPort() + " dataDir=" + broker.logDir()
                + " startMs=" + broker.lastStartDuration().toMillis() + " topicsCreated="
                + broker.createdTopics().size());
        System.out.flush();
        stopped.await();
    }

    private static void deleteReadyFile(Path readyFile) {
        if (readyFile != null) {
            try {
                Files.deleteIfExists(readyFile);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    static final class Options {
        static final String USAGE = """
                usage: BrokerMain [--data-dir DIR] [--port N] [--controller-port N] [--partitions N]
                                  [--host HOST] [--ready-file FILE] [--prop key=value]...
                  --data-dir DIR        Kafka log dir, kept between runs (env W2E_KAFKA_DATA_DIR, default run/kafka)
                  --port N              PLAINTEXT port (env W2E_KAFKA_PORT, default 9092)
                  --controller-port N   CONTROLLER port (env W2E_KAFKA_CONTROLLER_PORT, default 9093)
                  --partitions N        partitions of each topic created (env W2E_KAFKA_PARTITIONS, default 8)
                  --host HOST           host to bind and advertise (default localhost)
                  --ready-file FILE     written with "READY bootstrap=..." once topics exist; removed on stop
                  --prop key=value      extra broker property (repeatable)
                  --scram-user N=PASS   SASL/SCRAM-SHA-512 on the client port (SASL_PLAINTEXT) with this user
                                        (repeatable; the first is the broker's own admin identity); users are
                                        created when the data dir is formatted, i.e. on a fresh --data-dir""";

        String host = "localhost";
        int port = envInt("W2E_KAFKA_PORT", 9092);
        int controllerPort = envInt("W2E_KAFKA_CONTROLLER_PORT", 9093);
        int partitions = envInt("W2E_KAFKA_PARTITIONS", 8);
        Path dataDir = Path.of(env("W2E_KAFKA_DATA_DIR", "run/kafka"));
        Path readyFile;
        final Map<String, String> properties = new LinkedHashMap<>();
        final Map<String, String> scramUsers = new LinkedHashMap<>();
        boolean help;

        KafkaBroker.Builder builder() {
            KafkaBroker.Builder b = KafkaBroker.builder()
                    .host(host)
                    .port(port)
                    .controllerPort(controllerPort)
                    .logDir(dataDir)
                    .partitions(partitions)
                    .properties(properties)
                    .guardExit(false);
            scramUsers.forEach((name, password) -> {
                if (name.equals(scramUsers.keySet().iterator().next())) {
                    b.saslScram(name, password);
                } else {
                    b.scramUser(name, password);
                }
            });
            return b;
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> o.help = true;
                    case "--data-dir" -> o.dataDir = Path.of(value(args, ++i, a));
                    case "--port" -> o.port = intValue(args, ++i, a);
                    case "--controller-port" -> o.controllerPort = intValue(args, ++i, a);
                    case "--partitions" -> o.partitions = intValue(args, ++i, a);
                    case "--host" -> o.host = value(args, ++i, a);
                    case "--ready-file" -> o.readyFile = Path.of(value(args, ++i, a));
                    case "--prop" -> {
                        String kv = value(args, ++i, a);
                        int eq = kv.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--prop wants key=value, got " + kv);
                        }
                        o.properties.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                    case "--scram-user" -> {
                        String np = value(args, ++i, a);
                        int eq = np.indexOf('=');
                        if (eq <= 0 || eq == np.length() - 1) {
                            throw new IllegalArgumentException("--scram-user wants NAME=PASSWORD");
                        }
                        o.scramUsers.put(np.substring(0, eq), np.substring(eq + 1));
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + a);
                }
            }
            if (o.partitions < 1) {
                throw new IllegalArgumentException("--partitions must be >= 1");
            }
            return o;
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        private static int intValue(String[] args, int i, String flag) {
            String v = value(args, i, flag);
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " wants a number, got " + v);
            }
        }

        private static String env(String name, String fallback) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? fallback : v;
        }

        private static int envInt(String name, int fallback) {
            String v = System.getenv(name);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, was " + v);
            }
        }
    }
}
