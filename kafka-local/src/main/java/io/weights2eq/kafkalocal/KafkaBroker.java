package io.weights2eq.kafkalocal;

import io.weights2eq.schema.TopicProvisioner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (combined broker + controller) running inside this JVM, built from
 * the {@code kafka_2.13} artifacts of Maven Central. Used by the tests of every module (no Docker here) and,
 * through {@link BrokerMain}, as the broker process of the local run.
 *
 * <p>{@link #start()} formats the storage (once; an already formatted log dir is kept), starts
 * {@link KafkaRaftServer}, waits until an {@link Admin} {@code describeCluster} succeeds and creates every
 * topic of {@link io.weights2eq.schema.Topics} with {@link TopicProvisioner}. Auto-creation of topics is
 * off. {@link #stop()} stops the server but keeps the log dir and the ports, so that a later
 * {@link #start()} brings back the same broker with its data (fault tests stop it for a while);
 * {@link #close()} stops it and deletes the log dir if this broker created it.
 *
 * <p>With {@link Builder#saslScram} the client listener is {@code SASL_PLAINTEXT} with SCRAM-SHA-512 (the
 * controller listener stays PLAINTEXT): the users' credentials are written at format time
 * ({@code --add-scram}), the broker talks to itself and its own {@link #createAdmin() Admin} authenticates as
 * the admin user, and {@link #clientProperties()} holds what a client needs on top of
 * {@link #bootstrapServers()}.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final AtomicBoolean EXIT_GUARD_INSTALLED = new AtomicBoolean();

    private final String host;
    private final int partitions;
    private final Map<String, String> extraProperties;
    private final boolean ownsLogDir;
    private final boolean guardExit;
    private final Duration readyTimeout;
    private final Path logDir;
    private final ScramUsers scram;
    private int port;
    private int controllerPort;
    private String clusterId;

    private KafkaRaftServer server;
    private boolean closed;
    private Duration lastStartDuration = Duration.ZERO;
    private List<String> createdTopics = List.of();

    private KafkaBroker(Builder b) {
        this.host = b.host;
        this.partitions = b.partitions;
        this.extraProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.extraProperties));
        this.guardExit = b.guardExit;
        this.readyTimeout = b.readyTimeout;
        this.clusterId = b.clusterId != null ? b.clusterId : Uuid.randomUuid().toString();
        this.port = b.port;
        this.controllerPort = b.controllerPort;
        this.scram = b.scram;
        if (b.logDir == null) {
            try {
                this.logDir = Files.createTempDirectory("w2e-kafka-").toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary log dir", e);
            }
            this.ownsLogDir = true;
        } else {
            this.logDir = b.logDir.toAbsolutePath().normalize();
            this.ownsLogDir = false;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a broker on free ports in a fresh temporary log dir with the default partition count. */
    public static KafkaBroker startOnFreePorts() {
        return builder().build().start();
    }

    /**
     * Formats the storage if needed, starts the broker, waits until it answers and creates the topics.
     * Calling it on a running broker does nothing; after {@link #stop()} it restarts on the same ports
     * and log dir.
     */
    public synchronized KafkaBroker start() {
        if (closed) {
            throw new IllegalStateException("broker was closed");
        }
        if (server != null) {
            return this;
        }
        long t0 = System.nanoTime();
        if (guardExit) {
            installExitGuard();
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create log dir " + logDir, e);
        }
        if (port == 0) {
            port = freePort();
        }
        if (controllerPort == 0 || controllerPort == port) {
            do {
                controllerPort = freePort();
            } while (controllerPort == port);
        }
        Properties props = brokerProperties();
        String formattedId = formattedClusterId();
        if (formattedId != null) {
            clusterId = formattedId; // formatted before: keep its data and identity
        } else {
            format(props);
        }
        KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            s.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(s);
            throw new IllegalStateException(
                    "Kafka broker failed to start on " + bootstrapServers() + ": " + e.getMessage(), e);
        }
        server = s;
        try (Admin admin = createAdmin()) {
            awaitReady(admin);
            createdTopics = TopicProvisioner.ensureTopics(admin, partitions, (short) 1);
            awaitLeaders(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while starting the broker", e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        lastStartDuration = Duration.ofNanos(System.nanoTime() - t0);
        LOG.info(
                "Kafka broker ready at {} (log dir {}, {} topics created) in {} ms",
                bootstrapServers(),
                logDir,
                createdTopics.size(),
                lastStartDuration.toMillis());
        return this;
    }

    /** Stops the broker; keeps the log dir and the ports so that {@link #start()} brings it back. */
    public synchronized void stop() {
        KafkaRaftServer s = server;
        server = null;
        if (s != null) {
            long t0 = System.nanoTime();
            shutdownQuietly(s);
            LOG.info(
                    "Kafka broker at {} stopped in {} ms",
                    bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
    }

    /** {@link #stop()} then {@link #start()}: same ports, same log dir, same data. */
    public synchronized KafkaBroker restart() {
        stop();
        return start();
    }

    /** Stops the broker and deletes its log dir if this broker created it (the default temporary dir). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        if (ownsLogDir) {
            deleteRecursively(logDir);
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code host:port} of the client listener (PLAINTEXT, or SASL_PLAINTEXT with {@link Builder#saslScram}). */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path logDir() {
        return logDir;
    }

    /** The cluster id: the one given or drawn, or after a start the one the log dir was formatted with. */
    public synchronized String clusterId() {
        return clusterId;
    }

    public int partitions() {
        return partitions;
    }

    /** Wall time of the last {@link #start()}, from formatting to topics created. */
    public Duration lastStartDuration() {
        return lastStartDuration;
    }

    /** Topics created by the last {@link #start()} (empty when they all existed already). */
    public List<String> createdTopics() {
        return createdTopics;
    }

    /** Whether the client listener asks for SASL/SCRAM-SHA-512 ({@link Builder#saslScram}). */
    public boolean saslEnabled() {
        return scram != null;
    }

    /**
     * Client settings besides {@code bootstrap.servers}: empty for a PLAINTEXT broker; with SASL/SCRAM the
     * {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config} of the admin user.
     */
    public Map<String, String> clientProperties() {
        return scram == null ? Map.of() : scram.clientProperties(scram.admin());
    }

    /** Like {@link #clientProperties()} for another SCRAM user of this broker. */
    public Map<String, String> clientProperties(String user) {
        if (scram == null) {
            throw new IllegalStateException("broker runs without SASL: no users");
        }
        return scram.clientProperties(user);
    }

    /** SASL/SCRAM-SHA-512 client settings of any user and password, e.g. a wrong one to test refusal. */
    public static Map<String, String> scramClientProperties(String user, String password) {
        return ScramUsers.clientProperties(user, password);
    }

    /** A new Admin client for this broker (as the admin user when SASL is on); the caller closes it. */
    public Admin createAdmin() {
        Properties p = new Properties();
        p.putAll(clientProperties());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "w2e-broker-admin");
        return Admin.create(p);
    }

    /** The broker configuration this broker runs with (listeners, log dir, internal topic settings, extras). */
    public Properties brokerProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
        String client = scram == null ? "PLAINTEXT" : ScramUsers.PROTOCOL;
        String listeners = client + "://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort;
        p.put("listeners", listeners);
        p.put("advertised.listeners", listeners);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", client + ":" + client + ",CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", client);
        if (scram != null) {
            p.putAll(scram.brokerProperties());
        }
        p.put("log.dirs", logDir.toString());
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", Integer.toString(partitions));
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", Integer.toString(partitions));
        for (String stateTopic : List.of("transaction.state.log", "share.coordinator.state.topic")) {
            p.put(stateTopic + ".replication.factor", "1");
            p.put(stateTopic + ".min.isr", "1");
            p.put(stateTopic + ".num.partitions", Integer.toString(partitions));
        }
        p.put("group.initial.rebalance.delay.ms", "0");
        p.putAll(extraProperties);
        return p;
    }

    private void format(Properties props) {
        Path configFile = null;
        try {
            configFile = Files.createTempFile("w2e-kafka-format-", ".properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "weights2eq broker (format only)");
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int rc;
            try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
                List<String> args = new java.util.ArrayList<>(List.of(
                        "format", "--standalone", "-t", clusterId, "-c", configFile.toString(), "--ignore-formatted"));
                if (scram != null) {
                    args.addAll(scram.formatArguments());
                }
                rc = StorageTool.execute(args.toArray(String[]::new), ps);
            }
            String output = buf.toString(StandardCharsets.UTF_8).trim();
            if (rc != 0) {
                throw new IllegalStateException("formatting " + logDir + " failed (rc " + rc + "): " + output);
            }
            LOG.debug("storage format: {}", output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker config for formatting", e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw e;
            }
            throw new IllegalStateException("formatting " + logDir + " failed: " + e.getMessage(), e);
        } finally {
            if (configFile != null) {
                try {
                    Files.deleteIfExists(configFile);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
    }

    /** The cluster id in the log dir's meta.properties, or null when the log dir is not formatted yet. */
    private String formattedClusterId() {
        Path meta = logDir.resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            return null;
        }
        Properties p = new Properties();
        try (var in = Files.newInputStream(meta)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta, e);
        }
        String id = p.getProperty("cluster.id");
        if (id == null || id.isBlank()) {
            throw new IllegalStateException(
                    meta + " has no cluster.id: delete the log dir " + logDir + " to start afresh");
        }
        return id.trim();
    }

    private void awaitReady(Admin admin) throws InterruptedException {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                        .nodes()
                        .get(5, TimeUnit.SECONDS);
                if (!nodes.isEmpty()) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(
                "broker at " + bootstrapServers() + " not ready within " + readyTimeout
                        + (last != null ? ": " + last.getMessage() : ""),
                last);
    }

    /**
     * Waits until the broker's own metadata shows a leader for every partition of every catalogue topic, so
     * that the first produce after start does not meet NOT_LEADER_OR_FOLLOWER.
     */
    private void awaitLeaders(Admin admin) throws InterruptedException {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        List<String> names = io.weights2eq.schema.Topics.allNames();
        String missing = "";
        while (System.nanoTime() < deadline) {
            try {
                var descriptions = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
                missing = descriptions.values().stream()
                        .flatMap(d -> d.partitions().stream()
                                .filter(p -> p.leader() == null || p.leader().isEmpty())
                                .map(p -> d.name() + "-" + p.partition()))
                        .limit(5)
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("");
                if (missing.isEmpty()) {
                    // the metadata cache can name the leader before the replica manager acts as one:
                    // ListOffsets is answered by the leader replica only (Admin retries NOT_LEADER_OR_FOLLOWER)
                    Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                            new java.util.HashMap<>();
                    descriptions
                            .values()
                            .forEach(d -> d.partitions()
                                    .forEach(p -> latest.put(
                                            new org.apache.kafka.common.TopicPartition(d.name(), p.partition()),
                                            org.apache.kafka.clients.admin.OffsetSpec.latest())));
                    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                    return;
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                missing = e.getMessage();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("partitions without a leader after " + readyTimeout + ": " + missing);
    }

    private static void shutdownQuietly(KafkaRaftServer s) {
        try {
            s.shutdown();
            s.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("error while stopping the Kafka broker: {}", e.toString());
        }
    }

    /**
     * Kafka halts the JVM on fatal faults ({@code Exit.halt}); inside a test JVM that would kill the test run
     * with no report. Log instead (like Kafka's own test kit). Installed once per JVM.
     */
    private static void installExitGuard() {
        if (EXIT_GUARD_INSTALLED.compareAndSet(false, true)) {
            Exit.setExitProcedure((code, message) -> LOG.error(
                    "Kafka asked to exit the JVM with status {} ({}); ignored in an in-JVM broker", code, message));
            Exit.setHaltProcedure((code, message) -> LOG.error(
                    "Kafka asked to halt the JVM with status {} ({}); ignored in an in-JVM broker", code, message));
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", controller " + host + ":" + controllerPort + ", " + logDir
                + (isRunning() ? ", running]" : ", stopped]");
    }

    /** Configuration of a {@link KafkaBroker}. */
    public static final class Builder {
        private String host = "localhost";
        private int port;
        private int controllerPort;
        private Path logDir;
        private int partitions = TopicProvisioner.DEFAULT_PARTITIONS;
        private final Map<String, String> extraProperties = new LinkedHashMap<>();
        private String clusterId;
        private boolean guardExit = true;
        private Duration readyTimeout = Duration.ofSeconds(60);
        private ScramUsers scram;

        private Builder() {}

        /**
         * Turns on SASL/SCRAM-SHA-512 on the client listener (SASL_PLAINTEXT). {@code adminUser} is the
         * broker's own identity (inter-broker, readiness, topic creation) and the user of
         * {@link KafkaBroker#clientProperties()}. Credentials take effect when a new log dir is formatted.
         */
        public Builder saslScram(String adminUser, String adminPassword) {
            this.scram = new ScramUsers(adminUser, adminPassword);
            return this;
        }

        /** Another SCRAM user (needs {@link #saslScram} first). */
        public Builder scramUser(String name, String password) {
            if (scram == null) {
                throw new IllegalStateException("scramUser needs saslScram(admin, password) first");
            }
            scram.add(name, password);
            return this;
        }

        /** PLAINTEXT port; 0 (default) picks a free port at the first start and keeps it for restarts. */
        public Builder port(int port) {
            this.port = checkPort(port);
            return this;
        }

        /** CONTROLLER port; 0 (default) picks a free port. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = checkPort(controllerPort);
            return this;
        }

        /** Host name the listeners bind to and advertise (default {@code localhost}). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /**
         * Log dir to keep between runs (never deleted by this class). Default: a fresh temporary dir that
         * {@link KafkaBroker#close()} deletes.
         */
        public Builder logDir(Path logDir) {
            this.logDir = logDir;
            return this;
        }

        /** Partitions of every topic created at start (default {@link TopicProvisioner#DEFAULT_PARTITIONS}). */
        public Builder partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be >= 1");
            }
            this.partitions = partitions;
            return this;
        }

        /** An extra broker property; overrides the defaults of {@link KafkaBroker#brokerProperties()}. */
        public Builder property(String key, String value) {
            extraProperties.put(key, value);
            return this;
        }

        public Builder properties(Map<String, String> properties) {
            extraProperties.putAll(properties);
            return this;
        }

        /** Cluster id used when formatting a new log dir (default: random). */
        public Builder clusterId(String clusterId) {
            this.clusterId = clusterId;
            return this;
        }

        /**
         * Whether to stop Kafka from exiting/halting the JVM on fatal faults (default true, right for tests;
         * {@link BrokerMain} turns it off so that a broken broker process ends).
         */
        public Builder guardExit(boolean guardExit) {
            this.guardExit = guardExit;
            return this;
        }

        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = Objects.requireNonNull(readyTimeout);
            return this;
        }

        public KafkaBroker build() {
            return new KafkaBroker(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            return port;
        }
    }
}
