package io.weights2eq.evaluation.expressions;

import io.weights2eq.domain.decoding.DecodingMethod;
import io.weights2eq.domain.decoding.DecodingMethods;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Every network of an expression evaluation through every method of the registry ({@link DecodingMethods}, the one
 * place methods are built), networks decoded in parallel on {@code threads} threads, each decode timed; a method
 * that fails on a network is recorded with the error, not dropped.
 */
public final class ExpressionRun {
    static final long PROGRESS_NANOS = 3_000_000_000L;

    /** What one method made of one network. */
    public record MethodResult(
            String method,
            String decoded,
            ExpressionScore score,
            double fitToNetwork,
            String runnerUp,
            double millis,
            String error) {}

    /** One network: its example, the truth's shape, the network's own R² against the truth, and each method's result. */
    public record Row(
            ExpressionExample example, ExpressionShape shape, double networkRSquared, List<MethodResult> results) {}

    private final List<String> methods;
    private final DecodingMethods registry;
    private final int threads;
    private final PrintStream err;

    public ExpressionRun(List<String> methods, DecodingMethods registry, int threads, PrintStream err) {
        this.methods = List.copyOf(methods);
        this.registry = registry;
        this.threads = threads;
        this.err = err;
    }

    public List<Row> run(List<ExpressionExample> examples) {
        Row[] rows = new Row[examples.size()];
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        long[] lastReport = {start};
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, rows.length).parallel().forEach(i -> {
                        rows[i] = row(examples.get(i));
                        int n = done.incrementAndGet();
                        report(n, rows.length, start, lastReport);
                    }))
                    .join();
        } finally {
            pool.shutdown();
        }
        err.printf(
                Locale.ROOT,
                "eval: decoded %d networks with %s in %.1f s%n",
                rows.length,
                methods,
                (System.nanoTime() - start) / 1e9);
        return List.of(rows);
    }

    private synchronized void report(int n, int total, long start, long[] lastReport) {
        long now = System.nanoTime();
        if (now - lastReport[0] >= PROGRESS_NANOS) {
            err.printf(Locale.ROOT, "eval: decoded %d/%d networks (%.0f s)%n", n, total, (now - start) / 1e9);
            lastReport[0] = now;
        }
    }

    private Row row(ExpressionExample example) {
        var network = example.network();
        double networkR2 = ExpressionScore.rSquared(example.truth(), network.domain(), network::evaluate);
        List<MethodResult> results = new ArrayList<>(methods.size());
        for (String method : methods) {
            results.add(decodeOne(method, example));
        }
        return new Row(example, ExpressionShape.of(example.truth()), networkR2, results);
    }

    private MethodResult decodeOne(String method, ExpressionExample example) {
        long t0 = System.nanoTime();
        try {
            DecodingMethods.Outcome outcome = registry.decode(DecodingMethod.of(method), example.network(), null, 1);
            double millis = (System.nanoTime() - t0) / 1e6;
            String text = outcome.equation().canonicalText();
            var runnerUp = outcome.expressionRunnerUp();
            return new MethodResult(
                    method,
                    text,
                    ExpressionScore.of(example.truth(), text, example.network().domain()),
                    outcome.fit() == null ? Double.NaN : outcome.fit().rSquared(),
                    runnerUp == null ? null : runnerUp.text(),
                    millis,
                    null);
        } catch (RuntimeException e) { // one failing network must not stop the evaluation
            return new MethodResult(
                    method,
                    null,
                    new ExpressionScore(false, false, Double.NEGATIVE_INFINITY),
                    Double.NaN,
                    null,
                    (System.nanoTime() - t0) / 1e6,
                    e.toString());
        }
    }
}
