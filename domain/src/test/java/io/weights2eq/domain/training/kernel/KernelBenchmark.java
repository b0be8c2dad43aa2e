package io.weights2eq.domain.training.kernel;

import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.equation.EquationGenerator;
import io.weights2eq.domain.equation.GeneratedEquation;
import io.weights2eq.domain.equation.SampleSpec;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.BackendTask;
import io.weights2eq.domain.training.Fit;
import io.weights2eq.domain.training.MinibatchOrder;
import io.weights2eq.domain.training.ParameterInitializer;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.domain.training.TrainingSeeds;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Training throughput of the CPU backends on generated equations. Not a test: run it by hand, e.g.
 * <pre>
 * ./mvnw -q -B -pl domain test-compile
 * java --add-modules jdk.incubator.vector -cp domain/target/classes:domain/target/test-classes \
 *     io.weights2eq.domain.training.kernel.KernelBenchmark [--equations 256] [--activation relu|tanh|sigmoid|softplus]
 *     [--steps 1000] [--threads 1,2] [--repeat 3] [--scalar-equations 4] [--warmup 4] [--general] [--no-peak]
 * </pre>
 * Each equation comes from the default {@link EquationFamily} (5,000 samples: the first 4,000 train, the
 * last 1,000 validate) and trains with {@link TrainingConfig#defaults()} (1,000 Adam steps of minibatch
 * 500) unless told otherwise, one attempt (no quality-gate retries: those are {@code NetworkTrainer}'s).
 * Each thread count is timed {@code --repeat} times on fresh tasks; the best wall time is reported with the
 * median and the rate per CPU-second (process CPU time, robust when other programs share the cores).
 * {@code --general} uses the general layer loops instead of the unrolled 1-8-7-8-1 ones.
 *
 * <p>FLOP per sample, forward + backward, counted like {@code peer/README.md} (897 for 1-8-7-8-1) from the
 * layout's sizes n0..nK: matrix products 2·Σ n_k·n_{k+1} forward, the same for the weight gradients, and
 * 2·Σ_{k≥1} n_k·n_{k+1} for the input gradients; 2 per bias (forward add, gradient); 1 per hidden unit for
 * the activation and 3 for its derivative; 5 for the loss. Adam (about 12 FLOP per parameter per step) is
 * left out, as in the peer's count. The same count is used for every activation.
 *
 * <p>Measured 2026-11-22 on the 2-core build machine (Intel Xeon with AVX-512, about 3.6 GHz, other jobs
 * running beside; its own FMA peak measured as below: 451 GFLOP/s with 512-bit vectors, 215 with 256-bit),
 * 256 equations, best of 3: ReLU 160 eq/s on 1 thread and 329 on 2 (147 GFLOP/s); tanh 121 and 238; the
 * general layer loops (--general) 115 and 211; with {@code -XX:UseAVX=2} (AVX2, 16 registers, like the
 * reference machine) ReLU 99 and 204, tanh 75 and 146. The scalar backend: 4.6 eq/s per thread. The
 * PyTorch peer on the same machine ({@code torch_mlp_bench.py --mode batched --equations 64 --threads 1},
 * tanh): 11.8 eq/s.
 *
 * <p>The fraction of peak is given against the 158.7 GFLOP/s measured on the project's 2-core reference
 * machine (peer/README.md, OpenBLAS sgemm) and against this machine's FMA peak with the kernel's own
 * vector species, measured here with independent FMA chains (skip with {@code --no-peak}).
 */
public final class KernelBenchmark {
    static final double REFERENCE_PEAK_GFLOPS = 158.7;
    static final double PEER_EQ_PER_S_PER_CORE = 5.97;

    private KernelBenchmark() {}

    public static void main(String[] args) throws Exception {
        int equations = 256;
        int steps = 1000;
        int scalarEquations = 4;
        Activation activation = Activation.RELU;
        int[] threadCounts = {1, 2};
        boolean peak = true;
        double warmupSeconds = 4;
        int repeat = 3;
        boolean general = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--equations" -> equations = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--scalar-equations" -> scalarEquations = Integer.parseInt(args[++i]);
                case "--activation" -> activation = Activation.fromLabel(args[++i]);
                case "--threads" ->
                    threadCounts = Arrays.stream(args[++i].split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray();
                case "--no-peak" -> peak = false;
                case "--warmup" -> warmupSeconds = Double.parseDouble(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--general" -> general = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        TrainingConfig config =
                TrainingConfig.defaults().withActivation(activation).withSteps(steps);
        EquationGenerator generator = new EquationGenerator(EquationFamily.defaults(), SampleSpec.defaults());
        List<GeneratedEquation> data = new ArrayList<>();
        for (int i = 0; i < equations; i++) {
            data.add(generator.generate(2024, i));
        }
        double flopPerSample = flopPerSample(config.layout());
        double flopPerNetwork = flopPerSample * samplesPerNetwork(config);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                "layout %s, %s, %d steps of minibatch %d, %d train samples; %.0f FLOP/sample, %.1f MFLOP/network;"
                        + " %d lanes (%d-bit), %d processors%n",
                config.layout(),
                activation.label(),
                steps,
                config.minibatch(),
                config.trainSamples(),
                flopPerSample,
                flopPerNetwork / 1e6,
                VectorKernelBackend.lanes(),
                VectorKernelBackend.lanes() * 32,
                cores);

        // Warm-up: let the JIT compile the kernel (C2 needs a few seconds for the generated layer loops).
        try (VectorKernelBackend warm = new VectorKernelBackend(1, !general)) {
            TrainingConfig short_ = config.withSteps(Math.min(steps, 200));
            List<GeneratedEquation> few = data.subList(0, Math.min(equations, VectorKernelBackend.lanes()));
            long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
            do {
                warm.train(short_, tasks(short_, few));
            } while (System.nanoTime() < until);
        }

        double localPeak = peak ? measurePeak(Math.max(2, cores)) : Double.NaN;
        System.out.printf(
                "load average before the runs: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        double oneThread = Double.NaN;
        List<float[]> first = null;
        for (int threads : threadCounts) {
            try (VectorKernelBackend backend = new VectorKernelBackend(threads, !general)) {
                double[] wall = new double[repeat];
                double[] cpu = new double[repeat];
                for (int r = 0; r < repeat; r++) {
                    List<BackendTask> tasks = tasks(config, data);
                    long cpuStart = processCpuNanos();
                    long start = System.nanoTime();
                    List<float[]> result = backend.train(config, tasks);
                    wall[r] = (System.nanoTime() - start) / 1e9;
                    cpu[r] = (processCpuNanos() - cpuStart) / 1e9;
                    if (first == null) {
                        first = result;
                        report(config, data, result);
                    } else {
                        boolean same = true;
                        for (int i = 0; i < equations; i++) {
                            same &= Arrays.equals(first.get(i), result.get(i));
                        }
                        if (!same) {
                            System.out.println(
                                    "  RESULTS DIFFER from the first run (" + threads + " threads, round " + r + ")");
                        }
                    }
                }
                double best = Arrays.stream(wall).min().orElseThrow();
                double median = median(wall);
                double eqPerS = equations / best;
                double gflops = eqPerS * flopPerNetwork / 1e9;
                double eqPerCpuS = equations / median(cpu);
                if (threads == 1) {
                    oneThread = eqPerS;
                }
                System.out.printf(
                        "vector %d thread(s): %d equations, best of %d %.2f s (median %.2f s) = %.1f eq/s (%.1f per thread;"
                                + " %.1f per CPU-second), %.1f GFLOP/s = %.1f %% of the reference 2-core peak (158.7), %s;"
                                + " %.1fx the peer README's %.2f eq/s per core (another machine: for a side-by-side ratio"
                                + " run bin/w2e bench trainer)%n",
                        threads,
                        equations,
                        repeat,
                        best,
                        median,
                        eqPerS,
                        eqPerS / threads,
                        eqPerCpuS,
                        gflops,
                        100 * gflops / REFERENCE_PEAK_GFLOPS,
                        Double.isNaN(localPeak)
                                ? "local peak not measured"
                                : String.format(
                                        "%.1f %% of this machine's %d-thread FMA peak (%.1f)",
                                        100 * gflops / (localPeak * threads / Math.max(2, cores)),
                                        threads,
                                        localPeak * threads / Math.max(2, cores)),
                        eqPerS / threads / (PEER_EQ_PER_S_PER_CORE * 1000.0 / config.steps()),
                        PEER_EQ_PER_S_PER_CORE * 1000.0 / config.steps());
                if (threads != threadCounts[0]) {
                    System.out.println(
                            "  results bit-identical to the first run: checked (a difference is printed above)");
                }
            }
        }
        if (scalarEquations > 0) {
            TrainingBackend scalar = new ScalarBackend();
            List<GeneratedEquation> few = data.subList(0, Math.min(scalarEquations, equations));
            scalar.train(config.withSteps(Math.min(steps, 50)), tasks(config.withSteps(Math.min(steps, 50)), few));
            long start = System.nanoTime();
            List<float[]> result = scalar.train(config, tasks(config, few));
            double seconds = (System.nanoTime() - start) / 1e9;
            double eqPerS = few.size() / seconds;
            boolean same = true;
            for (int i = 0; i < few.size() && first != null; i++) {
                same &= Arrays.equals(first.get(i), result.get(i));
            }
            System.out.printf(
                    "scalar 1 thread: %d equations in %.2f s = %.2f eq/s, %.2f GFLOP/s; vector/scalar (1 thread) = %.1fx;"
                            + " bit-identical to the vector results: %s%n",
                    few.size(), seconds, eqPerS, eqPerS * flopPerNetwork / 1e9, oneThread / eqPerS, same);
        }
        if (!Double.isNaN(localPeak)) {
            System.out.printf(
                    "this machine's FMA peak with %d-bit vectors: %.1f GFLOP/s on %d threads (%.1f per thread)%n",
                    VectorKernelBackend.lanes() * 32, localPeak, Math.max(2, cores), localPeak / Math.max(2, cores));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** CPU time of the whole process (all threads, the JIT and GC included), or -1. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** FLOP per training sample, forward + backward (see the class comment). */
    static double flopPerSample(NetworkLayout layout) {
        int layers = layout.linearLayers();
        double flop = 5;
        for (int k = 0; k < layers; k++) {
            double products = (double) layout.size(k) * layout.size(k + 1);
            flop += 2 * products * (k == 0 ? 2 : 3);
            flop += 2 * layout.size(k + 1);
            if (k < layers - 1) {
                flop += 4 * layout.size(k + 1);
            }
        }
        return flop;
    }

    /** Training samples one network goes through: the minibatches of {@code steps} steps. */
    static long samplesPerNetwork(TrainingConfig config) {
        long total = 0;
        int pos = config.trainSamples();
        for (int t = 0; t < config.steps(); t++) {
            if (pos >= config.trainSamples()) {
                pos = 0;
            }
            int n = Math.min(config.minibatch(), config.trainSamples() - pos);
            total += n;
            pos += n;
        }
        return total;
    }

    static List<BackendTask> tasks(TrainingConfig config, List<GeneratedEquation> data) {
        int train = config.trainSamples();
        List<BackendTask> tasks = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            long seed = TrainingSeeds.networkSeed("bench-" + i, 1);
            GeneratedEquation e = data.get(i);
            tasks.add(new BackendTask(
                    Arrays.copyOf(e.x(), train),
                    Arrays.copyOf(e.y(), train),
                    ParameterInitializer.initialise(config.layout(), seed, 0),
                    new MinibatchOrder(seed, 0, train)));
        }
        return tasks;
    }

    private static void report(TrainingConfig config, List<GeneratedEquation> data, List<float[]> result) {
        double[] relative = new double[data.size()];
        int train = config.trainSamples();
        int end = config.requiredSamples();
        for (int i = 0; i < data.size(); i++) {
            GeneratedEquation e = data.get(i);
            Network network = new Network(config.layout(), config.activation(), result.get(i));
            relative[i] = Fit.relative(Fit.mse(network, e.x(), e.y(), train, end), Fit.variance(e.y(), train, end));
        }
        Arrays.sort(relative);
        long converged = Arrays.stream(relative)
                .filter(r -> r <= config.targetRelativeMse())
                .count();
        System.out.printf(
                "  relative validation MSE: median %.2e, p90 %.2e; %d of %d at or below the target %.0e%n",
                relative[relative.length / 2],
                relative[(int) Math.floor(0.9 * (relative.length - 1))],
                converged,
                relative.length,
                config.targetRelativeMse());
    }

    private static final VectorSpecies<Float> PEAK_SPECIES = VectorKernel.SPECIES;

    /** FMA throughput of {@code threads} threads with 12 independent FMA chains each, GFLOP/s (best of 3). */
    static double measurePeak(int threads) throws InterruptedException {
        long iterations = 50_000_000L;
        fmaChains(1_000_000);
        double best = 0;
        for (int rep = 0; rep < 3; rep++) {
            Thread[] workers = new Thread[threads];
            float[] sink = new float[threads];
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers[t] = new Thread(() -> sink[id] = fmaChains(iterations));
                workers[t].start();
            }
            for (Thread w : workers) {
                w.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, threads * iterations * 12.0 * 2 * PEAK_SPECIES.length() / seconds / 1e9);
        }
        return best;
    }

    private static float fmaChains(long iterations) {
        FloatVector a0 = FloatVector.broadcast(PEAK_SPECIES, 1f);
        FloatVector a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        FloatVector m = FloatVector.broadcast(PEAK_SPECIES, 0.999999f);
        FloatVector c = FloatVector.broadcast(PEAK_SPECIES, 1e-7f);
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        return a0.add(a1)
                .add(a2)
                .add(a3)
                .add(a4)
                .add(a5)
                .add(a6)
                .add(a7)
                .add(a8)
                .add(a9)
                .add(a10)
                .add(a11)
                .reduceLanes(VectorOperators.ADD);
    }
}
