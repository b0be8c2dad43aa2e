package io.weights2eq.evaluation;

import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.DecodingMethod;
import io.weights2eq.domain.decoding.DecodingMethods;
import io.weights2eq.domain.decoding.EquationDecoder;
import io.weights2eq.domain.decoding.LearnedDecoder;
import io.weights2eq.domain.decoding.hybrid.HybridDecoder;
import io.weights2eq.domain.equation.EquationFamily;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every network through every method, one method after the other (so that each method's timings are of a warm
 * decoder on its own), one network at a time (timed); a method that does not apply or fails on a network is
 * recorded as such, and progress goes to stderr every few seconds.
 */
public final class MethodRunner {
    static final long PROGRESS_NANOS = 3_000_000_000L;

    private final List<String> methods;
    private final Map<String, EquationDecoder> decoders;
    private final PrintStream err;

    /** @param learned the learned decoder, or null when no method needs it (hybrid then decodes without one) */
    public MethodRunner(List<String> methods, LearnedDecoder learned, EquationFamily family, PrintStream err) {
        this.methods = List.copyOf(methods);
        this.decoders = decoders(methods, learned, family);
        this.err = err;
    }

    private static Map<String, EquationDecoder> decoders(
            List<String> methods, LearnedDecoder learned, EquationFamily family) {
        DecodingMethods registry = new DecodingMethods(family, -1, 1, HybridDecoder.DEFAULT_TOLERANCE);
        Map<String, EquationDecoder> decoders = new LinkedHashMap<>();
        for (String method : methods) {
            decoders.put(method, registry.decoder(DecodingMethod.of(method), learned, HybridDecoder.DEFAULT_BEAM));
        }
        return decoders;
    }

    /** The outcomes per method, in the order of the examples. */
    public Map<String, List<MethodOutcome>> decodeAll(List<EvalExample> examples) {
        Map<String, List<MethodOutcome>> outcomes = new HashMap<>();
        for (String method : methods) {
            EquationDecoder decoder = decoders.get(method);
            List<MethodOutcome> list = new ArrayList<>(examples.size());
            long start = System.nanoTime();
            long lastReport = start;
            for (int i = 0; i < examples.size(); i++) {
                list.add(decodeOne(method, decoder, examples.get(i)));
                long now = System.nanoTime();
                if (now - lastReport >= PROGRESS_NANOS) {
                    err.printf(
                            Locale.ROOT,
                            "eval: decoding %s: %d/%d networks (%.0f s)%n",
                            method,
                            i + 1,
                            examples.size(),
                            (now - start) / 1e9);
                    lastReport = now;
                }
            }
            err.printf(
                    Locale.ROOT,
                    "eval: decoded %d networks with %s in %.1f s%n",
                    examples.size(),
                    method,
                    (System.nanoTime() - start) / 1e9);
            outcomes.put(method, list);
        }
        return outcomes;
    }

    static MethodOutcome decodeOne(String method, EquationDecoder decoder, EvalExample example) {
        if (!DecodingMethods.applies(DecodingMethod.of(method), example.network())) {
            return MethodOutcome.notApplicable();
        }
        long start = System.nanoTime();
        try {
            DecodedEquation decoded = decoder.decode(example.network());
            return MethodOutcome.decoded(decoded, (System.nanoTime() - start) / 1e6);
        } catch (RuntimeException e) { // one failing network must not stop the evaluation
            return MethodOutcome.failed(e.toString(), (System.nanoTime() - start) / 1e6);
        }
    }
}
