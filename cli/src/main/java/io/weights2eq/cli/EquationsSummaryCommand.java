package io.weights2eq.cli;

import io.weights2eq.domain.expression.Expression;
import io.weights2eq.records.EquationRecords;
import io.weights2eq.records.InvalidRecordException;
import io.weights2eq.schema.KafkaClientSettings;
import io.weights2eq.schema.Topics;
import io.weights2eq.schema.avro.Equation;
import io.weights2eq.schema.serde.AvroDeserializer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code equations-summary}: reads the whole {@code equations} topic (all partitions, from the start to the
 * end offsets taken when it begins), counts records, distinct keys and undecodable values, prints sample
 * equations and checks every sample: {@code |y − p(x)| ≤ 1e-5·max(1, |y|)} with p the equation's
 * coefficients parsed as doubles; also checks that the canonical text denotes the same coefficients.
 */
@Command(
        name = "equations-summary",
        mixinStandardHelpOptions = true,
        description =
                "Read the whole 'equations' topic: records, distinct keys, undecodable values, sample equations; and check y = p(x) for every sample of every equation.")
final class EquationsSummaryCommand extends CliCommand {
    static final double TOLERANCE = 1e-5;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", description = "the topic to read (default: equations)")
    String topic;

    @Option(
            names = "--samples",
            defaultValue = "3",
            description = "sample equations to print (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--expect", paramLabel = "N", description = "records expected: exit 1 on another count")
    Long expect;

    @Option(names = "--timeout-s", defaultValue = "120", description = "how long to read (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    private Duration timeout;

    @Override
    int run() {
        timeout = Duration.ofSeconds(timeoutSeconds);
        topic = topic == null ? Topics.EQUATIONS.topicName() : topic;
        Properties p = new Properties();
        p.putAll(KafkaClientSettings.fromEnvironment());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "w2e-cli-equations-summary");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        AvroDeserializer<Equation> deserializer = new AvroDeserializer<>(Equation.class);
        Summary s = new Summary(samples);
        long t0 = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            if (infos == null || infos.isEmpty()) {
                err.println("error: topic " + topic + " does not exist on " + kafka.bootstrap);
                return 2;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            long offsets = partitions.stream()
                    .mapToLong(tp -> end.get(tp) - begin.get(tp))
                    .sum();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, partitions, end)) {
                if (System.nanoTime() > deadline) {
                    err.println("error: did not reach the end offsets of " + topic + " within " + timeout.toSeconds()
                            + " s");
                    return 2;
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue; // written after we started: not part of this snapshot
                    }
                    s.add(r, deserializer);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return s.print(out, topic, partitions.size(), offsets, seconds, expect);
        } catch (KafkaException e) {
            err.println(
                    "error: cannot read " + topic + " from " + kafka.bootstrap + ": " + TopicsCommand.rootMessage(e));
            return 2;
        }
    }

    private static boolean reachedEnd(
            KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    /** Everything counted while reading. */
    static final class Summary {
        final int sampleCount;
        long records;
        long tombstones;
        long undecodable;
        final Set<String> keys = new HashSet<>();
        final Map<String, Long> undecodableReasons = new TreeMap<>();
        long decoded;
        long equationsMatching;
        long samplesChecked;
        long samplesMatching;
        long textMismatches;
        final List<String> textMismatchExamples = new ArrayList<>();
        long minSamples = Long.MAX_VALUE;
        long maxSamples;
        final Map<String, Long> families = new TreeMap<>();
        /** The first equations by (job id, index). */
        final TreeMap<String, Equation> firstEquations = new TreeMap<>();

        Summary(int sampleCount) {
            this.sampleCount = sampleCount;
        }

        void add(ConsumerRecord<String, byte[]> r, AvroDeserializer<Equation> deserializer) {
            records++;
            keys.add(r.key());
            if (r.value() == null) {
                tombstones++;
                return;
            }
            Equation e;
            try {
                e = deserializer.deserialize(r.topic(), r.value());
            } catch (RuntimeException ex) {
                undecodable++;
                String reason = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
                undecodableReasons.merge(reason.length() > 120 ? reason.substring(0, 120) : reason, 1L, Long::sum);
                return;
            }
            decoded++;
            families.merge(
                    String.valueOf(e.getFamily() == null ? null : e.getFamily().getMode()), 1L, Long::sum);
            int n = e.getY().size();
            minSamples = Math.min(minSamples, n);
            maxSamples = Math.max(maxSamples, n);
            int matching = matchingSamples(e);
            samplesChecked += n;
            samplesMatching += Math.max(0, matching);
            if (matching == n && n > 0 && e.getX().size() % e.getY().size() == 0) {
                equationsMatching++;
            }
            String textCheck = checkText(e);
            if (textCheck != null) {
                textMismatches++;
                if (textMismatchExamples.size() < 3) {
                    textMismatchExamples.add(e.getId() + ": " + textCheck);
                }
            }
            if (sampleCount > 0) {
                firstEquations.put(String.format(Locale.ROOT, "%s\u0000%019d", e.getJobId(), e.getIndex()), e);
                if (firstEquations.size() > sampleCount) {
                    firstEquations.pollLastEntry();
                }
            }
        }

        int print(PrintStream out, String topic, int partitions, long offsets, double seconds, Long expect) {
            out.printf(
                    Locale.ROOT,
                    "%s: %d records, %d distinct keys, %d undecodable%s (%d partitions, %d offsets, read in %.1f s)%n",
                    topic,
                    records,
                    keys.size(),
                    undecodable,
                    tombstones > 0 ? ", " + tombstones + " tombstones" : "",
                    partitions,
                    offsets,
                    seconds);
            undecodableReasons.forEach((reason, count) -> out.printf("  undecodable x%d: %s%n", count, reason));
            if (decoded > 0) {
                out.printf(
                        Locale.ROOT,
                        "families: %s; samples per equation: %s%n",
                        families,
                        minSamples == maxSamples ? Long.toString(minSamples) : minSamples + ".." + maxSamples);
            }
            int i = 0;
            for (Equation e : firstEquations.values()) {
                i++;
                out.printf(
                        Locale.ROOT,
                        "sample %d: id=%s  %s  coefficients=%s%n",
                        i,
                        e.getId(),
                        e.getCanonicalText(),
                        e.getCoefficients());
                StringBuilder pairs = new StringBuilder("  (x, y):");
                for (int k = 0;
                        k < Math.min(3, Math.min(e.getX().size(), e.getY().size()));
                        k++) {
                    pairs.append(String.format(
                            Locale.ROOT,
                            " (%.6g, %.6g)",
                            e.getX().get(k),
                            e.getY().get(k)));
                }
                out.println(pairs);
                int n = Math.min(e.getX().size(), e.getY().size());
                int m = matchingSamples(e);
                out.printf(
                        "  y = p(x) at %s/%d samples%n",
                        m < 0 ? "unparseable coefficients, 0" : Integer.toString(m), n);
            }
            out.printf(
                    Locale.ROOT,
                    "check: %d/%d equations match their polynomial at every sample "
                            + "(|y - p(x)| <= %.0e * max(1, |y|)); %d/%d samples match%n",
                    equationsMatching,
                    decoded,
                    TOLERANCE,
                    samplesMatching,
                    samplesChecked);
            out.printf(
                    "check: %d/%d canonical texts agree with their coefficients%n", decoded - textMismatches, decoded);
            textMismatchExamples.forEach(x -> out.println("  text mismatch: " + x));

            List<String> problems = new ArrayList<>();
            if (undecodable > 0) {
                problems.add(undecodable + " undecodable records");
            }
            if (equationsMatching != decoded) {
                problems.add((decoded - equationsMatching) + " equations whose samples do not match their polynomial");
            }
            if (textMismatches > 0) {
                problems.add(textMismatches + " canonical texts that disagree with the coefficients");
            }
            if (expect != null && (records != expect || keys.size() != expect)) {
                problems.add("expected " + expect + " records with distinct keys, found " + records + " records, "
                        + keys.size() + " distinct keys");
            }
            if (problems.isEmpty()) {
                out.println("OK");
                return 0;
            }
            out.println("FAILED: " + String.join("; ", problems));
            return 1;
        }
    }

    /**
     * Samples with |y − p(x)| ≤ 1e-5·max(1,|y|), p the coefficients or for the elementary family the expression (x
     * sample-major); −1 if a coefficient or the expression does not parse.
     */
    static int matchingSamples(Equation e) {
        if (elementary(e)) {
            return matchingExpressionSamples(e);
        }
        double[] c = coefficients(e.getCoefficients());
        if (c == null) {
            return -1;
        }
        int n = Math.min(e.getX().size(), e.getY().size());
        int matching = 0;
        for (int k = 0; k < n; k++) {
            double x = e.getX().get(k);
            double y = e.getY().get(k);
            if (Math.abs(y - evaluate(c, x)) <= TOLERANCE * Math.max(1.0, Math.abs(y))) {
                matching++;
            }
        }
        return matching;
    }

    static double[] coefficients(List<? extends CharSequence> text) {
        double[] c = new double[text.size()];
        try {
            for (int i = 0; i < c.length; i++) {
                c[i] = Double.parseDouble(text.get(i).toString().trim());
            }
        } catch (NumberFormatException ex) {
            return null;
        }
        return c;
    }

    /** p(x) = c0 + c1·x + c2·x² + … (Horner). */
    static double evaluate(double[] ascending, double x) {
        double v = 0;
        for (int i = ascending.length - 1; i >= 0; i--) {
            v = v * x + ascending[i];
        }
        return v;
    }

    private static boolean elementary(Equation e) {
        return EquationRecords.elementary(e.getFamily());
    }

    private static int matchingExpressionSamples(Equation e) {
        Expression expression;
        int inputs;
        try {
            inputs = EquationRecords.domain(e).inputs();
            expression = EquationRecords.canonicalExpression(e.getCanonicalText(), inputs);
        } catch (InvalidRecordException ex) {
            return -1;
        }
        int n = Math.min(e.getX().size() / inputs, e.getY().size());
        int matching = 0;
        double[] point = new double[inputs];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < inputs; j++) {
                point[j] = e.getX().get(k * inputs + j);
            }
            double y = e.getY().get(k);
            if (Math.abs(y - expression.evaluate(point)) <= TOLERANCE * Math.max(1.0, Math.abs(y))) {
                matching++;
            }
        }
        return matching;
    }

    /** Null when the canonical text denotes the coefficients (or is an expression's normal form); otherwise why not. */
    static String checkText(Equation e) {
        if (elementary(e)) {
            try {
                EquationRecords.canonicalExpression(
                        e.getCanonicalText(), EquationRecords.domain(e).inputs());
                return null;
            } catch (InvalidRecordException ex) {
                return ex.getMessage();
            }
        }
        double[] c = coefficients(e.getCoefficients());
        if (c == null) {
            return "coefficients do not parse: " + e.getCoefficients();
        }
        Map<Integer, Double> parsed;
        try {
            parsed = parsePolynomial(e.getCanonicalText().toString());
        } catch (IllegalArgumentException ex) {
            return "canonical text does not parse (" + ex.getMessage() + "): " + e.getCanonicalText();
        }
        int degree = Math.max(
                c.length - 1,
                parsed.keySet().stream().mapToInt(Integer::intValue).max().orElse(0));
        for (int power = 0; power <= degree; power++) {
            double want = power < c.length ? c[power] : 0.0;
            double got = parsed.getOrDefault(power, 0.0);
            if (Math.abs(want - got) > 1e-12 * Math.max(1, Math.abs(want))) {
                return "text " + e.getCanonicalText() + " has " + got + " for x^" + power + ", coefficients say "
                        + want;
            }
        }
        return null;
    }

    /**
     * Parses a sum of products of numbers and {@code x} (e.g. {@code -2.5*x*x+3*x-0.75}, {@code x*x}, {@code -x})
     * into power → coefficient.
     */
    static Map<Integer, Double> parsePolynomial(String text) {
        String s = text.replace(" ", "");
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        Map<Integer, Double> terms = new HashMap<>();
        int i = 0;
        while (i < s.length()) {
            double sign = 1;
            if (s.charAt(i) == '+' || s.charAt(i) == '-') {
                sign = s.charAt(i) == '-' ? -1 : 1;
                i++;
            } else if (i > 0) {
                throw new IllegalArgumentException("expected + or - at " + i);
            }
            int j = i;
            while (j < s.length() && s.charAt(j) != '+' && s.charAt(j) != '-') {
                j++;
            }
            String term = s.substring(i, j);
            if (term.isEmpty()) {
                throw new IllegalArgumentException("empty term at " + i);
            }
            double value = sign;
            int power = 0;
            for (String factor : term.split("\\*", -1)) {
                if (factor.equals("x")) {
                    power++;
                } else if (factor.matches("[0-9]+(\\.[0-9]+)?|\\.[0-9]+")) {
                    value *= Double.parseDouble(factor);
                } else {
                    throw new IllegalArgumentException("bad factor '" + factor + "'");
                }
            }
            terms.merge(power, value, Double::sum);
            i = j;
        }
        return terms;
    }
}
