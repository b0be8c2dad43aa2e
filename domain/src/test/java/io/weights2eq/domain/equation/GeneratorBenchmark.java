package io.weights2eq.domain.equation;

/**
 * Single-thread throughput of {@link EquationGenerator} for the default family and 5,000 samples per equation.
 * Not a test: run it by hand, e.g.
 * <pre>
 * ./mvnw -q -pl domain test-compile
 * java -cp domain/target/classes:domain/target/test-classes io.weights2eq.domain.equation.GeneratorBenchmark [seconds]
 * </pre>
 * Target: at least 2,500 equations/s (12.5 M samples/s) on one core.
 */
public final class GeneratorBenchmark {

    private GeneratorBenchmark() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        SampleSpec samples = SampleSpec.defaults();
        for (EquationFamily family : new EquationFamily[] {EquationFamily.defaults(), EquationFamily.servant()}) {
            EquationGenerator generator = new EquationGenerator(family, samples);
            run(generator, 2, 1); // warm-up: let the JIT compile the hot path
            long[] result = run(generator, seconds, 1_000_000);
            double elapsed = result[1] / 1e9;
            double equationsPerSecond = result[0] / elapsed;
            System.out.printf(
                    "%-15s %,10.0f equations/s  %,14.0f samples/s  (%d equations in %.1f s, checksum %d)%n",
                    family.mode().label(),
                    equationsPerSecond,
                    equationsPerSecond * samples.count(),
                    result[0],
                    elapsed,
                    result[2]);
        }
    }

    /** Returns {equations, nanoseconds, checksum}; the checksum keeps the JIT from discarding the work. */
    private static long[] run(EquationGenerator generator, double seconds, long firstIndex) {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long count = 0;
        long checksum = 0;
        long now;
        do {
            GeneratedEquation e = generator.generate(2024, firstIndex + count);
            checksum += Float.floatToIntBits(e.y()[e.y().length - 1]);
            count++;
            now = System.nanoTime();
        } while (now < deadline);
        return new long[] {count, now - start, checksum};
    }
}
