package io.weights2eq.cli;

import io.weights2eq.domain.decoding.ExamplesTsv;
import io.weights2eq.domain.decoding.TrainingExample;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkFile;
import io.weights2eq.records.NetworkRecords;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.serde.AvroCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code export-examples --out FILE}: reads the whole {@code equations} and {@code networks} topics and writes one
 * {@link ExamplesTsv} line per trained equation (the latest network of each), for training the decoder offline;
 * to a {@code .jsonl} file, the networks alone in the {@link NetworkFile} format.
 */
@Command(
        name = "export-examples",
        mixinStandardHelpOptions = true,
        description =
                "Join the whole 'networks' and 'equations' topics into a decoder training file (FILE.tsv, for train-decoder); with FILE.jsonl, the networks alone in the network file format (for decode and bench-decode).")
final class ExportExamplesCommand extends CliCommand {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--out", required = true, paramLabel = "FILE.tsv|FILE.jsonl", description = "the file to write")
    Path file;

    @Override
    int run() {
        try {
            return export();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    private int export() throws IOException {
        Map<String, String> texts = new HashMap<>();
        AvroCodec<Equation> equations = AvroCodec.of(Equation.class);
        long bad = readAll(Topics.EQUATIONS.topicName(), r -> {
            Equation e = equations.decode(r.value());
            texts.put(e.getId(), e.getCanonicalText());
        });
        Map<String, io.weights2eq.schema.avro.Network> networks = new HashMap<>();
        AvroCodec<io.weights2eq.schema.avro.Network> codec = AvroCodec.of(io.weights2eq.schema.avro.Network.class);
        bad += readAll(Topics.NETWORKS.topicName(), r -> {
            io.weights2eq.schema.avro.Network n = codec.decode(r.value());
            networks.put(n.getEquationId(), n);
        });
        long written = 0;
        long orphans = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (io.weights2eq.schema.avro.Network n : networks.values()) {
                String text = texts.get(n.getEquationId());
                if (text == null) {
                    orphans++;
                    continue;
                }
                Network network = NetworkRecords.toDomain(n.getNetwork());
                w.write(
                        file.toString().endsWith(".jsonl")
                                ? NetworkFile.format(n.getEquationId(), network)
                                : ExamplesTsv.format(new TrainingExample(
                                        n.getEquationId(), network, Polynomial.parse(text), n.getConverged())));
                w.newLine();
                written++;
            }
        }
        out.printf(
                "export-examples: %d examples to %s (%d equations, %d networks without an equation, %d undecodable records)%n",
                written, file, texts.size(), orphans, bad);
        return bad > 0 ? 1 : 0;
    }

    private long readAll(String topic, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        long bad = TopicScan.readAll(kafka.bootstrap, "w2e-cli-export-examples", topic, handler);
        err.printf("export-examples: read %s%n", topic);
        return bad;
    }
}
