package io.weights2eq.trainer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.LearningRateSchedule;
import io.weights2eq.domain.training.NormConstraint;
import io.weights2eq.domain.training.TrainingConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The trainer's configuration: {@code w2e.trainer.*} in application.properties. */
@ConfigMapping(prefix = "w2e.trainer")
public interface TrainerSettings {
    String groupId();

    Optional<String> instanceId();

    int batchSize();

    Duration batchMaxWait();

    /** kernel, scalar or djl. */
    String backend();

    Optional<Integer> threads();

    Djl djl();

    long trainingSeed();

    List<Integer> layers();

    String activation();

    int steps();

    int minibatch();

    double learningRate();

    String schedule();

    int trainSamples();

    int validationSamples();

    /** Most samples an equation may carry; a longer one goes to {@code equations.dlq} naming the field and limit. */
    @WithDefault("" + io.weights2eq.domain.equation.SampleSpec.MAX_COUNT) // the generator's own limit
    int maxSamples();

    double targetRelativeMse();

    int retries();

    String normConstraint();

    interface Djl {
        /** cpu, gpu, gpu(N) or auto. */
        String device();
    }

    default int threadCount() {
        return threads().orElse(Runtime.getRuntime().availableProcessors());
    }

    default TrainingConfig trainingConfig() {
        TrainingConfig d = TrainingConfig.defaults();
        return new TrainingConfig(
                new NetworkLayout(layers().stream().mapToInt(Integer::intValue).toArray()),
                Activation.fromLabel(activation()),
                steps(),
                minibatch(),
                learningRate(),
                LearningRateSchedule.valueOf(schedule().toUpperCase(Locale.ROOT)),
                d.beta1(),
                d.beta2(),
                d.epsilon(),
                trainSamples(),
                validationSamples(),
                targetRelativeMse(),
                retries(),
                NormConstraint.valueOf(normConstraint().toUpperCase(Locale.ROOT)));
    }
}
