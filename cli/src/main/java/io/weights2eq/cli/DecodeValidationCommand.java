package io.weights2eq.cli;

import io.weights2eq.schema.KafkaClientSettings;
import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.DecodingMetrics;
import io.weights2eq.domain.decoding.ValidationSlice;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.equation.Vocabulary;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.DecodeRequest;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.avro.Network;
import io.weights2eq.schema.avro.Prediction;
import io.weights2eq.schema.serde.AvroCodec;
import io.weights2eq.schema.serde.RecordDecodingException;
import java.io.PrintStream;
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

/**
 * {@code decode-validation}: sends every network of the validation slice (equations never trained on) to
 * {@code decode-requests}, waits for their {@code predictions}, and prints ground truth against prediction for the
 * first {@code --show} of them with the slice's exact match, token accuracy, sign accuracy, coefficient MAE and
 * R², computed by the same {@link DecodingMetrics} as the decoder's own evaluation.
 */
final class DecodeValidationCommand {
    private final String bootstrap;
    private final ValidationSlice slice;
    private final int show;
    /** Empty: one request per network with the service's default method; else one per network and method. */
    private final List<String> methods;
    private final Duration timeout;
    private final PrintStream out;
    private final PrintStream err;

    DecodeValidationCommand(Args args, PrintStream out, PrintStream err) {
        this.bootstrap = args.required("bootstrap");
        this.slice = new ValidationSlice(args.optionalDouble("fraction") == null ? 0.05 : args.optionalDouble("fraction"));
        this.show = (int) args.longValue("show", 10);
        this.timeout = Duration.ofSeconds(args.longValue("timeout-s", 120));
        String m = args.string("methods", "");
        this.methods = m.isBlank() ? List.of() : List.of(m.split(","));
        args.rejectUnknown();
        this.out = out;
        this.err = err;
    }

    int run() {
        Map<String, Network> networks = new TreeMap<>();
        AvroCodec<Network> networkCodec = AvroCodec.of(Network.class);
        readAll(Topics.NETWORKS.topicName(), r -> {
            Network n = networkCodec.decode(r.value());
            if (slice.contains(n.getEquationId())) {
                networks.put(n.getEquationId(), n);
            }
        });
        Map<String, Polynomial> truth = new HashMap<>();
        AvroCodec<Equation> equationCodec = AvroCodec.of(Equation.class);
        readAll(Topics.EQUATIONS.topicName(), r -> {
            Equation e = equationCodec.decode(r.value());
            if (networks.containsKey(e.getId())) {
                truth.put(e.getId(), Polynomial.parse(e.getCanonicalText()));
            }
        });
        networks.keySet().retainAll(truth.keySet());
        if (networks.isEmpty()) {
            err.println("decode-validation: no trained network of the validation slice (" + slice + ") found");
            return 1;
        }
        List<String> asked = methods.isEmpty() ? java.util.Collections.singletonList(null) : methods;
        Map<String, Prediction> predictions = requestAndCollect(networks, asked);
        int expected = networks.size() * asked.size();
        out.printf(Locale.ROOT, "%-24s %-22s %-22s %s%n", "equation", "ground truth", "predicted"
                + (asked.get(0) == null ? "" : " (" + asked.get(0) + ")"), "");
        int shown = 0;
        for (Map.Entry<String, Network> e : networks.entrySet()) {
            Prediction p = predictions.get(requestId(e.getKey(), asked.get(0)));
            if (p != null && shown++ < show) {
                String t = truth.get(e.getKey()).toCanonicalText();
                out.printf(Locale.ROOT, "%-24s %-22s %-22s %s%n", e.getKey(), t, p.getCanonicalText(),
                        p.getCanonicalText().equals(t) ? "exact" : "");
            }
        }
        for (String method : asked) {
            DecodingMetrics metrics = new DecodingMetrics();
            int predicted = 0;
            java.util.Set<String> versions = new java.util.TreeSet<>();
            for (Map.Entry<String, Network> e : networks.entrySet()) {
                Prediction p = predictions.get(requestId(e.getKey(), method));
                if (p != null) {
                    predicted++;
                    metrics.add(truth.get(e.getKey()), decoded(p));
                    versions.add(String.valueOf(p.getModelVersion()));
                }
            }
            Map<String, Double> m = metrics.summary();
            out.printf(Locale.ROOT, "validation slice%s: %d of %d predicted; exact match %.1f %%, token accuracy %.1f %%, "
                            + "sign accuracy %.1f %%, coefficient MAE %.3f, median R² %.4f (model %s)%n",
                    method == null ? "" : " [" + method + "]", predicted, networks.size(),
                    100 * m.get(DecodingMetrics.EXACT_MATCH), 100 * m.get(DecodingMetrics.TOKEN_ACCURACY),
                    100 * m.get(DecodingMetrics.SIGN_ACCURACY), m.get(DecodingMetrics.COEFFICIENT_MAE),
                    m.get(DecodingMetrics.R_SQUARED), versions);
        }
        return predictions.size() == expected ? 0 : 1;
    }

    /** The equation id alone for the service's default method; with a method, {@code <id>#<method>}. */
    private static String requestId(String equationId, String method) {
        return method == null ? equationId : equationId + "#" + method;
    }

    private static DecodedEquation decoded(Prediction p) {
        Polynomial polynomial;
        try {
            polynomial = Polynomial.parse(p.getCanonicalText());
        } catch (IllegalArgumentException e) {
            polynomial = null;
        }
        int[] tokens = p.getTokenIds().stream().mapToInt(Integer::intValue).toArray();
        return new DecodedEquation(p.getCanonicalText(), polynomial, tokens, p.getMethod(), p.getModelVersion());
    }

    private Map<String, Prediction> requestAndCollect(Map<String, Network> networks, List<String> asked) {
        Map<String, String> requests = new HashMap<>(); // request id -> equation id
        for (String id : networks.keySet()) {
            for (String method : asked) {
                requests.put(requestId(id, method), id);
            }
        }
        Map<String, Object> config = TopicScan.consumerConfig(bootstrap, "w2e-cli-decode-validation");
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
            err.printf("decode-validation: %d of %d predictions arrived within %s%n", predictions.size(),
                    requests.size(), timeout);
        }
        return predictions;
    }

    private void send(Map<String, Network> networks, List<String> asked) {
        Map<String, Object> config = new HashMap<>(KafkaClientSettings.fromEnvironment());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        AvroCodec<DecodeRequest> codec = AvroCodec.of(DecodeRequest.class);
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Map.Entry<String, Network> e : networks.entrySet()) {
                for (String method : asked) {
                    String id = requestId(e.getKey(), method);
                    DecodeRequest request = DecodeRequest.newBuilder().setRequestId(id)
                            .setNetwork(e.getValue().getNetwork()).setMethod(method).build();
                    producer.send(new ProducerRecord<>(Topics.DECODE_REQUESTS.topicName(),
                            id.getBytes(java.nio.charset.StandardCharsets.UTF_8), codec.encode(request)));
                }
            }
            producer.flush();
        }
        err.printf("decode-validation: sent %d decode requests%n", networks.size() * asked.size());
    }

    private void readAll(String topic, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        long rejected = TopicScan.readAll(bootstrap, "w2e-cli-decode-validation", topic, handler);
        if (rejected > 0) {
            err.printf("decode-validation: skipped %d undecodable records in %s%n", rejected, topic);
        }
    }
}
