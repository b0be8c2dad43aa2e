package io.weights2eq.domain.decoding.symbolic;

import io.weights2eq.domain.equation.DeterministicRandom;
import io.weights2eq.domain.equation.EquationFamily;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.Interval;
import io.weights2eq.domain.network.Network;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.TrainedNetwork;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.domain.training.TrainingConfig;
import io.weights2eq.domain.training.TrainingTask;
import io.weights2eq.domain.training.kernel.CpuBackends;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recovery of the symbolic decoders, for docs/results.md. Not a test: run it by hand, e.g.
 * <pre>
 * ./mvnw -q -B -pl domain -am test-compile
 * java --add-modules jdk.incubator.vector -cp domain/target/classes:domain/target/test-classes \
 *     io.weights2eq.domain.decoding.symbolic.SymbolicRecoveryBenchmark [--trained-random 24] [--steps 3000] [--floor 1e-4]
 * </pre>
 * Noise-free: each expression evaluated exactly in place of a network (the Nguyen benchmark's expressions on their
 * domains, and {@link RandomExpressions} of one and two inputs on [-1, 1]); trained: 1-8-7-8-1 tanh networks of
 * the project's trainer (Adam 1e-2, minibatch 500, 4,000/1,000 samples, quality gate 1e-3, 2 retries) on the
 * one-input expressions, a domain other than [-1, 1] folded into the first layer. "Exact": the decoded expression
 * is the truth up to rewriting — 1 − R² against the truth below 1e-9 on the verification grid — the proxy until
 * the shared normal form compares texts. R² against the network (or the function) on its domain. CPU time of the
 * decoding thread.
 */
public final class SymbolicRecoveryBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private record Case(String truth, InputDomain domain) {}

    private SymbolicRecoveryBenchmark() {}

    public static void main(String[] args) {
        int trainedRandom = 24;
        int steps = 3000;
        double floor = Acceptance.NETWORK.floor();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--trained-random" -> trainedRandom = Integer.parseInt(args[i + 1]);
                case "--steps" -> steps = Integer.parseInt(args[i + 1]);
                case "--floor" -> floor = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        InputDomain u1 = InputDomain.unit(1);
        InputDomain u2 = InputDomain.unit(2);
        List<Case> nguyen1 = List.of(
                new Case("x^3+x^2+x", u1),
                new Case("x^4+x^3+x^2+x", u1),
                new Case("x^5+x^4+x^3+x^2+x", u1),
                new Case("x^6+x^5+x^4+x^3+x^2+x", u1),
                new Case("sin(x^2)*cos(x)-1", u1),
                new Case("sin(x)+sin(x+x^2)", u1),
                new Case("log(x+1)+log(x^2+1)", InputDomain.of(0, 2)),
                new Case("sqrt(x)", InputDomain.of(0, 4)));
        List<Case> nguyen2 = List.of(
                new Case("sin(x1)+sin(x2^2)", u2),
                new Case("2*sin(x1)*cos(x2)", u2),
                new Case("x1^4-x1^3+0.5*x2^2-x2", u2));
        List<Case> random1 = cases(RandomExpressions.draw(1, 40, u1, 4), u1);
        List<Case> random2 = cases(RandomExpressions.draw(2, 20, u2, 4), u2);
        EquationFamily family = EquationFamily.elementary();
        SparseTermDecoder analytic = new SparseTermDecoder(family, Acceptance.EXACT);
        SymbolicHybridDecoder hybrid =
                new SymbolicHybridDecoder(family, Acceptance.EXACT, SymbolicHybridDecoder.CandidateSupplier.NONE);
        warmUp(analytic, hybrid, u1, u2);
        System.out.println("# noise-free (the expression itself in place of a network)");
        report(
                "nguyen (11 of 12; x1^x2 is outside the language)",
                concat(nguyen1, nguyen2),
                null,
                analytic,
                hybrid,
                true);
        report("random, 1 input, 1-4 operators", random1, null, analytic, hybrid, false);
        report("random, 2 inputs, 1-4 operators", random2, null, analytic, hybrid, false);

        System.out.println("# trained networks (project trainer, tanh 1-8-7-8-1, " + steps + " steps)");
        SparseTermDecoder netAnalytic = new SparseTermDecoder(family, Acceptance.withFloor(floor));
        SymbolicHybridDecoder netHybrid = new SymbolicHybridDecoder(
                family, Acceptance.withFloor(floor), SymbolicHybridDecoder.CandidateSupplier.NONE);
        System.out.println("# acceptance floor " + floor);
        report("nguyen, 1 input", nguyen1, train(nguyen1, steps), netAnalytic, netHybrid, true);
        List<Case> randomTrained = random1.subList(0, Math.min(trainedRandom, random1.size()));
        report("random, 1 input", randomTrained, train(randomTrained, steps), netAnalytic, netHybrid, true);
    }

    private static List<Case> cases(List<String> texts, InputDomain domain) {
        return texts.stream().map(t -> new Case(t, domain)).toList();
    }

    private static List<Case> concat(List<Case> a, List<Case> b) {
        List<Case> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static void warmUp(
            SparseTermDecoder analytic, SymbolicHybridDecoder hybrid, InputDomain u1, InputDomain u2) {
        for (int i = 0; i < 3; i++) {
            analytic.decide(TargetFunction.of("sin(x)+x^2", u1));
            hybrid.decide(TargetFunction.of("exp(x1)*x2", u2));
        }
    }

    private static void report(
            String title,
            List<Case> cases,
            List<Network> networks,
            SparseTermDecoder analytic,
            SymbolicHybridDecoder hybrid,
            boolean lines) {
        int[] exact = new int[2];
        int[] fits = new int[2];
        double[][] millis = new double[2][cases.size()];
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            TargetFunction truth = TargetFunction.of(c.truth(), c.domain());
            TargetFunction f = networks == null ? truth : TargetFunction.of(networks.get(i));
            StringBuilder row = new StringBuilder(String.format("  %-26s", c.truth()));
            for (int m = 0; m < 2; m++) {
                long t0 = CPU.getCurrentThreadCpuTime();
                SymbolicDecision d = m == 0 ? analytic.decide(f) : hybrid.decide(f);
                millis[m][i] = (CPU.getCurrentThreadCpuTime() - t0) / 1e6;
                Grid grid = Grid.verification(c.domain());
                Scoring.Score againstTruth = Scoring.of(
                        grid.values(truth),
                        grid.values(ExprOf.text(d.chosen().text(), c.domain().inputs())));
                boolean isExact = againstTruth.unexplained() < 1e-9;
                boolean fitsWell = d.chosen().fit().rSquared() >= 0.999;
                exact[m] += isExact ? 1 : 0;
                fits[m] += fitsWell ? 1 : 0;
                row.append(String.format(
                        " | %s %-34s R²=%.6f",
                        isExact ? "=" : "≠", d.chosen().text(), d.chosen().fit().rSquared()));
            }
            rows.add(row.toString());
        }
        System.out.printf(
                "%s: %d expressions | analytic exact %d (%.0f %%), R² ≥ 0.999 %d, median %.0f ms, max %.0f ms"
                        + " | hybrid exact %d (%.0f %%), R² ≥ 0.999 %d, median %.0f ms, max %.0f ms%n",
                title,
                cases.size(),
                exact[0],
                100.0 * exact[0] / cases.size(),
                fits[0],
                median(millis[0]),
                Arrays.stream(millis[0]).max().orElse(0),
                exact[1],
                100.0 * exact[1] / cases.size(),
                fits[1],
                median(millis[1]),
                Arrays.stream(millis[1]).max().orElse(0));
        if (lines) {
            rows.forEach(System.out::println);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }

    /** Trains on [-1, 1] and folds the map to the case's domain into the first layer (exact). */
    private static List<Network> train(List<Case> cases, int steps) {
        List<TrainingTask> tasks = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Interval iv = c.domain().input(0);
            TargetFunction f = TargetFunction.of(c.truth(), c.domain());
            DeterministicRandom random = DeterministicRandom.ofSeed(1000 + i);
            float[] x = new float[5000];
            float[] y = new float[5000];
            for (int n = 0; n < x.length; n++) {
                x[n] = (float) (2 * random.nextDouble() - 1);
                y[n] = (float) f.value(new double[] {iv.lo() + (x[n] + 1) / 2 * iv.width()});
            }
            tasks.add(new TrainingTask("case-" + i, x, y, 7));
        }
        TrainingConfig config =
                TrainingConfig.defaults().withActivation(Activation.TANH).withSteps(steps);
        List<Network> out = new ArrayList<>();
        try (TrainingBackend backend = CpuBackends.best(1)) {
            List<TrainedNetwork> trained = new NetworkTrainer(backend, config).train(tasks);
            for (int i = 0; i < trained.size(); i++) {
                out.add(onDomain(trained.get(i).network(), cases.get(i).domain().input(0)));
                System.out.printf(
                        "  trained %-26s relative validation MSE %.2e%s%n",
                        cases.get(i).truth(),
                        trained.get(i).relativeValidationMse(),
                        trained.get(i).converged() ? "" : " (not converged)");
            }
        }
        return out;
    }

    /** The network of t ∈ [-1, 1] as a network of x ∈ [lo, hi], t = (2x − lo − hi)/(hi − lo). */
    private static Network onDomain(Network net, Interval iv) {
        if (iv.equals(Interval.UNIT)) {
            return net;
        }
        NetworkLayout layout = net.layout();
        float[] p = net.parameters().clone();
        for (int o = 0; o < layout.size(1); o++) {
            double w = p[layout.weightIndex(0, o, 0)];
            p[layout.weightIndex(0, o, 0)] = (float) (2 * w / iv.width());
            p[layout.biasIndex(0, o)] = (float) (p[layout.biasIndex(0, o)] - w * (iv.lo() + iv.hi()) / iv.width());
        }
        return new Network(layout, net.activation(), p, InputDomain.of(iv.lo(), iv.hi()));
    }
}
