package io.weights2eq.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weights2eq.domain.equation.Polynomial;
import io.weights2eq.domain.network.NetworkFile;
import io.weights2eq.domain.network.NetworkFormatException;
import io.weights2eq.domain.training.TrainingConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Networks trained elsewhere ({@link NetworkFile} lines) with their truth matched by id from a TRUTH.jsonl
 * ({@code {"id": "...", "equation": "<canonical text>"}} per line); a network counts as converged when it matches
 * its truth to the trainer's quality target ({@link PolynomialFit#networkMatches}).
 */
public final class NetworksWithTruth {
    /** What "converged" means for networks trained elsewhere. */
    public static final String CONVERGED_MEANING = "Converged (no trainer figures in a network file): the network"
            + " matches its truth to a relative MSE ≤ "
            + TrainingConfig.defaults().targetRelativeMse()
            + " on 1,001 evenly spaced x in [−1, 1], the trainer's quality target.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path networksFile;
    private final Path truthFile;

    public NetworksWithTruth(Path networksFile, Path truthFile) {
        this.networksFile = networksFile;
        this.truthFile = truthFile;
    }

    /** The report's description of the networks (the label of the family as given on the command line). */
    public String source(String familyLabel, int networks) {
        return String.format(
                Locale.ROOT,
                "%d networks of `%s` with their truth from `%s`; family `%s` for" + " the decoders that round to it.",
                networks,
                networksFile,
                truthFile,
                familyLabel);
    }

    public List<EvalExample> read() throws EvalInputException {
        List<EvalExample> examples = new ArrayList<>();
        double target = TrainingConfig.defaults().targetRelativeMse();
        read(Polynomial::parse, (entry, truth, where) -> {
            if (entry.network().inputs() != 1) {
                throw new EvalInputException(where + ": network id '" + entry.id() + "' has "
                        + entry.network().inputs() + " inputs; a polynomial truth is a function of"
                        + " one input (x), so layers[0] must be 1");
            }
            examples.add(new EvalExample(
                    entry.id(),
                    truth,
                    entry.network(),
                    PolynomialFit.networkMatches(entry.network(), truth, target),
                    Double.NaN));
        });
        return examples;
    }

    /** What to make of one network line and its truth ({@code where} names the file and line for errors). */
    @FunctionalInterface
    public interface LineSink<T> {
        void accept(NetworkFile.Entry entry, T truth, String where) throws EvalInputException;
    }

    /**
     * Reads every network line with its truth, parsed by {@code parse} (whose {@link IllegalArgumentException} names
     * what is wrong), into {@code sink}; ids must be unique and each must have a truth.
     */
    public <T> void read(Function<String, T> parse, LineSink<T> sink) throws EvalInputException {
        Map<String, String> truths = readTruth();
        Set<String> seen = new LinkedHashSet<>();
        int lineNumber = 0;
        try (BufferedReader lines = Files.newBufferedReader(networksFile, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String where = networksFile + " line " + lineNumber;
                NetworkFile.Entry entry;
                try {
                    entry = NetworkFile.parse(line);
                } catch (NetworkFormatException e) {
                    throw new EvalInputException(where + ": " + e.getMessage());
                }
                String text = truths.get(entry.id());
                if (text == null) {
                    throw new EvalInputException(
                            "no truth for network id '" + entry.id() + "' (" + where + ") in " + truthFile);
                }
                if (!seen.add(entry.id())) {
                    throw new EvalInputException(where + ": network id '" + entry.id() + "' appears twice");
                }
                T truth;
                try {
                    truth = parse.apply(text);
                } catch (IllegalArgumentException e) {
                    throw new EvalInputException(
                            truthFile + " (id '" + entry.id() + "'): equation '" + text + "': " + e.getMessage());
                }
                sink.accept(entry, truth, where);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new EvalInputException("cannot read " + networksFile + ": " + e.getMessage());
        }
        if (seen.isEmpty()) {
            throw new EvalInputException(networksFile + " holds no network");
        }
    }

    /** TRUTH.jsonl: {@code {"id": "...", "equation": "<text>"}} per line (other fields ignored): id → text. */
    private Map<String, String> readTruth() throws EvalInputException {
        Map<String, String> truths = new HashMap<>();
        int lineNumber = 0;
        try (BufferedReader lines = Files.newBufferedReader(truthFile, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String where = truthFile + " line " + lineNumber;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    throw new EvalInputException(where + ": not JSON: " + e.getMessage());
                }
                JsonNode id = node == null ? null : node.get("id");
                JsonNode equation = node == null ? null : node.get("equation");
                if (id == null || !id.isTextual() || equation == null || !equation.isTextual()) {
                    throw new EvalInputException(
                            where + ": wants {\"id\": \"...\", \"equation\": \"<canonical text>\"}");
                }
                if (truths.put(id.asText(), equation.asText()) != null) {
                    throw new EvalInputException(where + ": id '" + id.asText() + "' appears twice");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new EvalInputException("cannot read " + truthFile + ": " + e.getMessage());
        }
        return truths;
    }
}
