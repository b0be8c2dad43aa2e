package io.weights2eq.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weights2eq.cli.W2eCli.UsageException;
import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.DecodingMethod;
import io.weights2eq.domain.decoding.DecodingMethods;
import io.weights2eq.domain.decoding.InvalidRequestException;
import io.weights2eq.domain.decoding.LearnedDecoder;
import io.weights2eq.domain.decoding.NoModelLoadedException;
import io.weights2eq.domain.decoding.ShippedModels;
import io.weights2eq.domain.decoding.analytic.FunctionFit;
import io.weights2eq.domain.decoding.hybrid.HybridDecoder;
import io.weights2eq.domain.decoding.symbolic.SymbolicCandidate;
import io.weights2eq.domain.equation.EquationFamilies;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.network.NetworkFile;
import io.weights2eq.domain.network.NetworkFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code decode --input FILE.jsonl [--method learned] [--model PATH] [--beam N]}: decodes a network file
 * ({@link NetworkFile}, one network per line; {@code -} reads stdin) without a broker, one JSON line per network on
 * stdout. A bad line is reported on stderr with its line number and the other lines are still decoded; the exit
 * status is then 1. {@code --model} is a checkpoint file or a directory (its latest {@code *.w2ed}); default
 * {@code $W2E_HOME/models}.
 */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Decode a network file (no broker needed): one JSON line per network on stdout (id, equation, largestRoot with --family cubic, method, modelVersion, coefficients, tokenIds, latencyMillis, the fit to the network); exit 1 if a line failed.")
final class DecodeCommand extends CliCommand {
    static final double X_MIN = -1;
    static final double X_MAX = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE.jsonl|-",
            description = "networks, one JSON line each (the network file format); - reads stdin")
    String input;

    @Option(
            names = "--method",
            defaultValue = "hybrid",
            paramLabel = "hybrid|learned|analytic|taylor",
            description =
                    "hybrid: every candidate verified against the network; learned: the model of --model; analytic: least-squares projection rounded to the family; taylor: the Taylor expansion (tanh, sigmoid, softplus) (default ${DEFAULT-VALUE})")
    String methodName;

    @Option(
            names = "--model",
            paramLabel = "PATH",
            description = "a checkpoint, or the latest *.w2ed of a directory; a directory holding the family's shipped"
                    + " model: that one (default $W2E_HOME/models)")
    Path modelOption;

    @Mixin
    BeamOption beamOption;

    private int beam;

    @Option(
            names = "--family",
            defaultValue = "servant",
            paramLabel = "servant|uniform-length|cubic|elementary",
            description = "the family the analytic decoders round to; elementary: expressions of one or two inputs"
                    + " on each network's domain, by analytic (sparse regression) or hybrid (default ${DEFAULT-VALUE})")
    String familyName;

    private DecodingMethod method;
    private EquationFamily family;
    private Path model;

    private void checkOptions() {
        try {
            method = DecodingMethod.of(methodName);
            family = EquationFamilies.named(familyName);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        // only learned and hybrid read a model: the default is resolved for them alone
        model = modelOption != null ? modelOption : DecodingMethods.readsModel(method, family) ? defaultModel() : null;
        model = model == null ? null : ShippedModels.forFamily(model, familyName);
        beam = beamOption.width();
    }

    private static Path defaultModel() {
        String home = System.getenv("W2E_HOME");
        if (home == null || home.isBlank()) {
            throw new UsageException("--model is required when W2E_HOME is not set (bin/w2e sets it)");
        }
        return Path.of(home, "models");
    }

    @Override
    int run() {
        checkOptions();
        boolean needsModel = DecodingMethods.readsModel(method, family);
        LearnedDecoder learned = null;
        if (needsModel && !Files.exists(model)) {
            err.println("error: no decoder model at " + model + " (pass --model with a *.w2ed checkpoint or a directory"
                    + " of them)");
            return 2;
        }
        if (needsModel) {
            try {
                learned = LearnedDecoder.load(model, beam);
            } catch (IOException | RuntimeException e) {
                err.println("error: cannot load a decoder model from " + model + ": " + e.getMessage());
                return 2;
            }
        }
        DecodingMethods methods = new DecodingMethods(family, X_MIN, X_MAX, HybridDecoder.DEFAULT_TOLERANCE);
        if (family.elementaryExpressions()) { // a method the family has no decoder for fails before any line
            try {
                methods.decoder(method, null, beam);
            } catch (NoModelLoadedException e) {
                err.println("error: --method learned: no learned model knows the family " + familyName
                        + " yet; use analytic or hybrid");
                return 2;
            } catch (InvalidRequestException e) {
                err.println("error: --method " + methodName + ": " + e.getMessage());
                return 2;
            }
        }
        int failed = 0;
        int lineNumber = 0;
        try (BufferedReader lines = reader()) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (!decodeLine(methods, learned, line, lineNumber)) {
                    failed++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            err.println("error: cannot read " + input + " (after line " + lineNumber + "): " + e.getMessage());
            return 2;
        }
        if (failed > 0) {
            err.println("error: " + failed + " line(s) of " + input + " could not be decoded");
            return 1;
        }
        return 0;
    }

    private BufferedReader reader() throws IOException {
        InputStream source = input.equals("-") ? in : Files.newInputStream(Path.of(input));
        return new BufferedReader(new InputStreamReader(source, StandardCharsets.UTF_8));
    }

    /** Decodes one line and prints its result; false (and a message on stderr) when the line failed. */
    private boolean decodeLine(DecodingMethods methods, LearnedDecoder learned, String line, int lineNumber) {
        NetworkFile.Entry entry;
        try {
            entry = NetworkFile.parse(line);
        } catch (NetworkFormatException e) {
            err.println("error: line " + lineNumber + ": " + e.getMessage());
            return false;
        }
        long start = System.nanoTime();
        DecodingMethods.Outcome outcome;
        try {
            outcome = methods.decode(method, entry.network(), learned, beam);
        } catch (InvalidRequestException e) { // the method does not apply to this network
            err.println("error: line " + lineNumber + " (id " + entry.id() + "): " + e.getMessage());
            return false;
        } catch (RuntimeException e) { // one failing network must not stop the others
            err.println("error: line " + lineNumber + " (id " + entry.id() + "): decoding failed: " + e);
            return false;
        }
        double latencyMillis = Math.round((System.nanoTime() - start) / 1e3) / 1e3;
        DecodedEquation decoded = outcome.equation();
        HybridDecoder.Scored runnerUp = outcome.runnerUp();
        FunctionFit fit = outcome.fit();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", entry.id());
        result.put("equation", decoded.canonicalText());
        if (family.monic()) { // seed 001's question: the cubic's largest real root (null when it has none)
            result.put("largestRoot", outcome.largestRoot());
        }
        result.put("method", decoded.method());
        result.put("modelVersion", decoded.modelVersion());
        result.put(
                "coefficients",
                decoded.coefficients().stream().map(BigDecimal::toPlainString).toList());
        result.put("tokenIds", decoded.tokenIds());
        if (fit != null) {
            result.put("fit", Map.of("rSquared", fit.rSquared(), "maxAbsError", fit.maxAbsError()));
        }
        SymbolicCandidate expressionRunnerUp = outcome.expressionRunnerUp();
        if (expressionRunnerUp != null) {
            result.put(
                    "runnerUp",
                    Map.of(
                            "equation",
                            expressionRunnerUp.text(),
                            "method",
                            expressionRunnerUp.source(),
                            "rSquared",
                            expressionRunnerUp.fit().rSquared()));
        }
        if (runnerUp != null) {
            result.put(
                    "runnerUp",
                    Map.of(
                            "equation",
                            runnerUp.polynomial().toCanonicalText(),
                            "method",
                            runnerUp.method(),
                            "rSquared",
                            runnerUp.fit().rSquared()));
        }
        result.put("latencyMillis", latencyMillis);
        try {
            out.println(JSON.writeValueAsString(result));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a result as JSON", e); // plain values: cannot happen
        }
        return true;
    }
}
