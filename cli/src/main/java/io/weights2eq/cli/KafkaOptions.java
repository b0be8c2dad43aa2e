package io.weights2eq.cli;

import picocli.CommandLine.Option;

/** The broker a Kafka command talks to (bin/w2e passes the local one). */
final class KafkaOptions {
    @Option(
            names = "--bootstrap",
            required = true,
            paramLabel = "HOST:PORT",
            description = "the Kafka bootstrap servers (bin/w2e: localhost:$W2E_KAFKA_PORT)")
    String bootstrap;
}
