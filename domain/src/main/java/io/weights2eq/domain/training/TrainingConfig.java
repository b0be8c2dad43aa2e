package io.weights2eq.domain.training;

import io.weights2eq.domain.equation.Violation;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.NetworkLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * How each network is trained: MSE loss, Adam with bias correction (PyTorch's formula), minibatches
 * drawn from a per-network permutation of the training split each epoch.
 *
 * @param trainSamples      the first {@code trainSamples} samples train the network
 * @param validationSamples the next ones measure it (never trained on)
 * @param targetRelativeMse quality gate: validation MSE / Var(y) must be at or below it
 * @param retries           attempts with another initialisation after a miss
 */
public record TrainingConfig(
        NetworkLayout layout,
        Activation activation,
        int steps,
        int minibatch,
        double learningRate,
        LearningRateSchedule schedule,
        double beta1,
        double beta2,
        double epsilon,
        int trainSamples,
        int validationSamples,
        double targetRelativeMse,
        int retries,
        NormConstraint normConstraint) {

    public static TrainingConfig defaults() {
        return new TrainingConfig(
                NetworkLayout.DEFAULT,
                Activation.RELU,
                1000,
                500,
                1e-2,
                LearningRateSchedule.CONSTANT,
                0.9,
                0.999,
                1e-8,
                4000,
                1000,
                1e-3,
                2,
                NormConstraint.NONE);
    }

    public TrainingConfig withSteps(int newSteps) {
        Copy c = new Copy(this);
        c.steps = newSteps;
        return c.build();
    }

    /** The same hidden layers for {@code inputs} inputs: [1, 8, 7, 8, 1] becomes [2, 8, 7, 8, 1]. */
    public TrainingConfig withInputs(int inputs) {
        if (inputs == layout.inputSize()) {
            return this;
        }
        int[] sizes = layout.sizes();
        sizes[0] = inputs;
        Copy c = new Copy(this);
        c.layout = new NetworkLayout(sizes);
        return c.build();
    }

    public TrainingConfig withActivation(Activation newActivation) {
        Copy c = new Copy(this);
        c.activation = newActivation;
        return c.build();
    }

    public TrainingConfig withSamples(int train, int validation, int newMinibatch) {
        Copy c = new Copy(this);
        c.trainSamples = train;
        c.validationSamples = validation;
        c.minibatch = newMinibatch;
        return c.build();
    }

    public TrainingConfig withQualityGate(double target, int newRetries) {
        Copy c = new Copy(this);
        c.targetRelativeMse = target;
        c.retries = newRetries;
        return c.build();
    }

    public TrainingConfig withNormConstraint(NormConstraint constraint) {
        Copy c = new Copy(this);
        c.normConstraint = constraint;
        return c.build();
    }

    /** A configuration's components, to change some and build the new one (Java records have no {@code with}). */
    private static final class Copy {
        private NetworkLayout layout;
        private Activation activation;
        private int steps;
        private int minibatch;
        private final double learningRate;
        private final LearningRateSchedule schedule;
        private final double beta1;
        private final double beta2;
        private final double epsilon;
        private int trainSamples;
        private int validationSamples;
        private double targetRelativeMse;
        private int retries;
        private NormConstraint normConstraint;

        Copy(TrainingConfig c) {
            layout = c.layout;
            activation = c.activation;
            steps = c.steps;
            minibatch = c.minibatch;
            learningRate = c.learningRate;
            schedule = c.schedule;
            beta1 = c.beta1;
            beta2 = c.beta2;
            epsilon = c.epsilon;
            trainSamples = c.trainSamples;
            validationSamples = c.validationSamples;
            targetRelativeMse = c.targetRelativeMse;
            retries = c.retries;
            normConstraint = c.normConstraint;
        }

        TrainingConfig build() {
            return new TrainingConfig(
                    layout,
                    activation,
                    steps,
                    minibatch,
                    learningRate,
                    schedule,
                    beta1,
                    beta2,
                    epsilon,
                    trainSamples,
                    validationSamples,
                    targetRelativeMse,
                    retries,
                    normConstraint);
        }
    }

    /** Samples an equation must carry: the training split plus the validation split. */
    public int requiredSamples() {
        return trainSamples + validationSamples;
    }

    public List<Violation> validate() {
        List<Violation> v = new ArrayList<>();
        if (layout.inputSize() > InputDomain.MAX_INPUTS || layout.outputSize() != 1) {
            v.add(new Violation(
                    "layers",
                    "must start with 1 to " + InputDomain.MAX_INPUTS + " (x, or x1 and x2) and end with 1 (one y"
                            + " out), was " + layout));
        }
        if (steps < 1 || steps > 1_000_000) {
            v.add(new Violation("steps", "must be between 1 and 1000000, was " + steps));
        }
        if (trainSamples < 1 || trainSamples > 50_000) {
            v.add(new Violation("trainSamples", "must be between 1 and 50000, was " + trainSamples));
        }
        if (validationSamples < 1 || validationSamples > 50_000) {
            v.add(new Violation("validationSamples", "must be between 1 and 50000, was " + validationSamples));
        }
        if (minibatch < 1 || minibatch > trainSamples) {
            v.add(new Violation(
                    "minibatch", "must be between 1 and trainSamples (" + trainSamples + "), was " + minibatch));
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            v.add(new Violation("learningRate", "must be in (0, 1], was " + learningRate));
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            v.add(new Violation("beta", "beta1 and beta2 must be in [0, 1), were " + beta1 + ", " + beta2));
        }
        if (!(epsilon > 0 && epsilon < 1)) {
            v.add(new Violation("epsilon", "must be in (0, 1), was " + epsilon));
        }
        if (!(targetRelativeMse > 0)) {
            v.add(new Violation("targetRelativeMse", "must be > 0, was " + targetRelativeMse));
        }
        if (retries < 0 || retries > 10) {
            v.add(new Violation("retries", "must be between 0 and 10, was " + retries));
        }
        return v;
    }
}
