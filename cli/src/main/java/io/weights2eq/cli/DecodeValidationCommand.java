package io.weights2eq.cli;

import io.weights2eq.domain.decoding.DecodingMetrics;
import io.weights2eq.domain.decoding.ValidationSlice;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.roots.RealRoots;
import io.weights2eq.domain.expression.Expression;
import io.weights2eq.evaluation.expressions.ExpressionScore;
import io.weights2eq.records.EquationRecords;
import io.weights2eq.records.NetworkRecords;
import io.weights2eq.records.PredictionRecords;
import io.weights2eq.schema.KafkaClientSettings;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.DecodeRequest;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.avro.Prediction;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.schema.serde.RecordDecodingException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code decode-validation}: sends every network of the validation slice (equations never trained on) to
 * {@code decode-requests}, waits for their {@code predictions}, and prints ground truth against prediction for the
 * first {@code --show} of them with the slice's exact match, token accuracy, sign accuracy, coefficient MAE and
 * R², computed by the same {@link DecodingMetrics} as the decoder's own evaluation; for cubics also how often the
 * prediction's largest root lies within {@link #ROOT_TOLERANCE} of the truth's.
 */
@Command(
        name = "decode-validation",
        mixinStandardHelpOptions = true,
        description =
                "Send the validation slice's networks to 'decode-requests', wait for their 'predictions' and print ground truth against prediction, with exact match and token accuracy (per method with --methods), and for cubics how often the largest root is within 0.1.")
final class DecodeValidationCommand extends CliCommand {
    /** Seed 001's acceptance: a cubic's largest root within 0.1 of the truth's. */
    static final double ROOT_TOLERANCE = io.weights2eq.evaluation.EvalReport.ROOT_TOLERANCE;

    @Mixin
    KafkaOptions kafka;

    @Option(
            names = "--fraction",
            defaultValue = "0.05",
            description = "the validation slice: this fraction of equation ids (default ${DEFAULT-VALUE})")
    double fraction;

    @Option(
            names = "--show",
            defaultValue = "10",
            description = "rows of the table to print (default ${DEFAULT-VALUE})")
    int show;

    @Option(
            names = "--timeout-s",
            defaultValue = "120",
            description = "how long to wait for the predictions (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    /** Empty: one request per network with the service's default method; else one per network and method. */
    @Option(
            names = "--methods",
            split = ",",
            paramLabel = "METHOD",
            description = "methods to ask for, each network once per method (default: the service's default)")
    List<String> methods;

    private ValidationSlice slice;
    private Duration timeout;

    @Override
    int run() {
        slice = new ValidationSlice(fraction);
        timeout = Duration.ofSeconds(timeoutSeconds);
        methods = methods == null ? List.of() : List.copyOf(methods);
        Map<String, Network> networks = new TreeMap<>();
        AvroCodec<Network> networkCodec = AvroCodec.of(Network.class);
        readAll(Topics.NETWORKS.topicName(), r -> {
            Network n = networkCodec.decode(r.value());
            if (slice.contains(n.getEquationId())) {
                networks.put(n.getEquationId(), n);
            }
        });
        Map<String, Polynomial> truth = new HashMap<>();
        Map<String, Double> truthRoot = new HashMap<>(); // equations of a monic family (cubic) only
        Map<String, Expression> expressions = new HashMap<>(); // equations of the elementary family
        AvroCodec<Equation> equationCodec = AvroCodec.of(Equation.class);
        readAll(Topics.EQUATIONS.topicName(), r -> {
            Equation e = equationCodec.decode(r.value());
            if (networks.containsKey(e.getId()) && EquationRecords.elementary(e.getFamily())) {
                expressions.put(
                        e.getId(),
                        EquationRecords.canonicalExpression(
                                e.getCanonicalText(), EquationRecords.domain(e).inputs()));
            } else if (networks.containsKey(e.getId())) {
                Polynomial p = Polynomial.parse(e.getCanonicalText());
                truth.put(e.getId(), p);
                if (EquationRecords.toDomain(e.getFamily()).monic()) {
                    RealRoots.largest(p).ifPresent(root -> truthRoot.put(e.getId(), root.value()));
                }
            }
        });
        networks.keySet().removeIf(id -> !truth.containsKey(id) && !expressions.containsKey(id));
        if (networks.isEmpty()) {
            err.println("decode-validation: no trained network of the validation slice (" + slice + ") found");
            return 1;
        }
        List<String> asked = methods.isEmpty() ? java.util.Collections.singletonList(null) : methods;
        Map<String, Prediction> predictions = requestAndCollect(networks, asked);
        if (!expressions.isEmpty()) {
            return expressionReport(networks, expressions, predictions, asked);
        }
        int expected = networks.size() * asked.size();
        out.printf(
                Locale.ROOT,
                "%-24s %-22s %-22s %s%n",
                "equation",
                "ground truth",
                "predicted" + (asked.get(0) == null ? "" : " (" + asked.get(0) + ")"),
                "");
        int shown = 0;
        for (Map.Entry<String, Network> e : networks.entrySet()) {
            Prediction p = predictions.get(requestId(e.getKey(), asked.get(0)));
            if (p != null && shown++ < show) {
                String t = truth.get(e.getKey()).toCanonicalText();
                out.printf(
                        Locale.ROOT,
                        "%-24s %-22s %-22s %s%n",
                        e.getKey(),
                        t,
                        p.getCanonicalText(),
                        p.getCanonicalText().equals(t) ? "exact" : "");
            }
        }
        for (String method : asked) {
            DecodingMetrics metrics = new DecodingMetrics();
            int predicted = 0;
            int rooted = 0;
            int rootWithin = 0;
            java.util.Set<String> versions = new java.util.TreeSet<>();
            for (Map.Entry<String, Network> e : networks.entrySet()) {
                Prediction p = predictions.get(requestId(e.getKey(), method));
                if (p != null) {
                    predicted++;
                    metrics.add(truth.get(e.getKey()), PredictionRecords.decoded(p));
                    versions.add(String.valueOf(p.getModelVersion()));
                    Double root = truthRoot.get(e.getKey());
                    if (root != null) {
                        rooted++;
                        rootWithin +=
                                p.getLargestRoot() != null && Math.abs(p.getLargestRoot() - root) <= ROOT_TOLERANCE
                                        ? 1
                                        : 0;
                    }
                }
            }
            Map<String, Double> m = metrics.summary();
            out.printf(
                    Locale.ROOT,
                    "validation slice%s: %d of %d predicted; exact match %.1f %%, token accuracy %.1f %%, "
                            + "sign accuracy %.1f %%, coefficient MAE %.3f, median R² %.4f (model %s)%n",
                    method == null ? "" : " [" + method + "]",
                    predicted,
                    networks.size(),
                    100 * m.get(DecodingMetrics.EXACT_MATCH),
                    100 * m.get(DecodingMetrics.TOKEN_ACCURACY),
                    100 * m.get(DecodingMetrics.SIGN_ACCURACY),
                    m.get(DecodingMetrics.COEFFICIENT_MAE),
                    m.get(DecodingMetrics.R_SQUARED),
                    versions);
            if (rooted > 0) {
                out.printf(
                        Locale.ROOT,
                        "validation slice%s: largest root within %s of the truth's for %d of %d cubics (%.1f %%)%n",
                        method == null ? "" : " [" + method + "]",
                        ROOT_TOLERANCE,
                        rootWithin,
                        rooted,
                        100.0 * rootWithin / rooted);
            }
        }
        return predictions.size() == expected ? 0 : 1;
    }

    /**
     * The elementary family's figures: exact symbolic match (the prediction's normal form is the truth's) and R² ≥
     * 0.999 of the predicted expression against the truth on the network's domain, per method.
     */
    private int expressionReport(
            Map<String, Network> networks,
            Map<String, Expression> truth,
            Map<String, Prediction> predictions,
            List<String> asked) {
        out.printf(Locale.ROOT, "%-24s %-30s %-30s %s%n", "equation", "ground truth", "predicted", "");
        int shown = 0;
        int expected = 0;
        for (String method : asked) {
            int predicted = 0;
            int exact = 0;
            int accurate = 0;
            for (Map.Entry<String, Network> e : networks.entrySet()) {
                Expression t = truth.get(e.getKey());
                if (t == null) {
                    continue;
                }
                expected++;
                Prediction p = predictions.get(requestId(e.getKey(), method));
                if (p == null) {
                    continue;
                }
                predicted++;
                var domain = NetworkRecords.toDomain(e.getValue().getNetwork()).domain();
                ExpressionScore score = ExpressionScore.of(t, String.valueOf(p.getCanonicalText()), domain);
                exact += score.exact() ? 1 : 0;
                accurate += score.accurate() ? 1 : 0;
                if (java.util.Objects.equals(method, asked.get(0)) && shown++ < show) {
                    out.printf(
                            Locale.ROOT,
                            "%-24s %-30s %-30s %s%n",
                            e.getKey(),
                            t.toText(),
                            p.getCanonicalText(),
                            score.exact() ? "exact" : String.format(Locale.ROOT, "R² %.4f", score.rSquared()));
                }
            }
            out.printf(
                    Locale.ROOT,
                    "validation slice%s: %d of %d predicted; exact symbolic match %.1f %%, R² ≥ %s against the truth"
                            + " %.1f %%%n",
                    method == null ? "" : " [" + method + "]",
                    predicted,
                    truth.size(),
                    100.0 * exact / Math.max(1, predicted),
                    ExpressionScore.R_SQUARED_GOAL,
                    100.0 * accurate / Math.max(1, predicted));
        }
        return predictions.size() == expected ? 0 : 1;
    }

    /** The equation id alone for the service's default method; with a method, {@code <id>#<method>}. */
    private static String requestId(String equationId, String method) {
        return method == null ? equationId : equationId + "#" + method;
    }

    private Map<String, Prediction> requestAndCollect(Map<String, Network> networks, List<String> asked) {
        Map<String, String> requests = new HashMap<>(); // request id -> equation id
        for (String id : networks.keySet()) {
            for (String method : asked) {
                requests.put(requestId(id, method), id);
            }
        }
        Map<String, Object> config = TopicScan.consumerConfig(kafka.bootstrap, "w2e-cli-decode-validation");
        Map<String, Prediction> predictions = new HashMap<>();
        AvroCodec<Prediction> predictionCodec = AvroCodec.of(Prediction.class);
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = TopicScan.partitions(consumer, Topics.PREDICTIONS.topicName());
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fix the start before the requests leave
            send(networks, asked);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (predictions.size() < requests.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    try {
                        Prediction p = predictionCodec.decode(r.value());
                        if (requests.containsKey(p.getRequestId())) {
                            predictions.put(p.getRequestId(), p);
                        }
                    } catch (RecordDecodingException e) {
                        err.println("decode-validation: undecodable prediction at offset " + r.offset());
                    }
                }
            }
        }
        if (predictions.size() < requests.size()) {
            err.printf(
                    "decode-validation: %d of %d predictions arrived within %s%n",
                    predictions.size(), requests.size(), timeout);
        }
        return predictions;
    }

    private void send(Map<String, Network> networks, List<String> asked) {
        Map<String, Object> config = new HashMap<>(KafkaClientSettings.fromEnvironment());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        AvroCodec<DecodeRequest> codec = AvroCodec.of(DecodeRequest.class);
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Map.Entry<String, Network> e : networks.entrySet()) {
                for (String method : asked) {
                    String id = requestId(e.getKey(), method);
                    DecodeRequest request = DecodeRequest.newBuilder()
                            .setRequestId(id)
                            .setNetwork(e.getValue().getNetwork())
                            .setMethod(method)
                            .build();
                    producer.send(new ProducerRecord<>(
                            Topics.DECODE_REQUESTS.topicName(),
                            id.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            codec.encode(request)));
                }
            }
            producer.flush();
        }
        err.printf("decode-validation: sent %d decode requests%n", networks.size() * asked.size());
    }

    private void readAll(String topic, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        long rejected = TopicScan.readAll(kafka.bootstrap, "w2e-cli-decode-validation", topic, handler);
        if (rejected > 0) {
            err.printf("decode-validation: skipped %d undecodable records in %s%n", rejected, topic);
        }
    }
}
