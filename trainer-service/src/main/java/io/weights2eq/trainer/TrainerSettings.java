package io.weights2eq.trainer;

import io.weights2eq.domain.network.Activation;
import io.weights2eq.domain.network.NetworkLayout;
import io.weights2eq.domain.training.LearningRateSchedule;
import io.weights2eq.domain.training.NormConstraint;
import io.weights2eq.domain.training.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The trainer's configuration ({@code w2e.trainer.*} in application.properties). */
@ApplicationScoped
public class TrainerSettings {
    @ConfigProperty(name = "w2e.trainer.group-id")
    String groupId;
    @ConfigProperty(name = "w2e.trainer.instance-id")
    Optional<String> instanceId;
    @ConfigProperty(name = "w2e.trainer.batch-size")
    int batchSize;
    @ConfigProperty(name = "w2e.trainer.batch-max-wait")
    Duration batchMaxWait;
    @ConfigProperty(name = "w2e.trainer.backend")
    String backend;
    @ConfigProperty(name = "w2e.trainer.threads")
    Optional<Integer> threads;
    @ConfigProperty(name = "w2e.trainer.djl.device")
    String djlDevice;
    @ConfigProperty(name = "w2e.trainer.training-seed")
    long trainingSeed;
    @ConfigProperty(name = "w2e.trainer.layers")
    List<Integer> layers;
    @ConfigProperty(name = "w2e.trainer.activation")
    String activation;
    @ConfigProperty(name = "w2e.trainer.steps")
    int steps;
    @ConfigProperty(name = "w2e.trainer.minibatch")
    int minibatch;
    @ConfigProperty(name = "w2e.trainer.learning-rate")
    double learningRate;
    @ConfigProperty(name = "w2e.trainer.schedule")
    String schedule;
    @ConfigProperty(name = "w2e.trainer.train-samples")
    int trainSamples;
    @ConfigProperty(name = "w2e.trainer.validation-samples")
    int validationSamples;
    @ConfigProperty(name = "w2e.trainer.target-relative-mse")
    double targetRelativeMse;
    @ConfigProperty(name = "w2e.trainer.retries")
    int retries;
    @ConfigProperty(name = "w2e.trainer.norm-constraint")
    String normConstraint;
    @ConfigProperty(name = "w2e.topics.create")
    boolean createTopics;
    @ConfigProperty(name = "w2e.topics.partitions")
    int partitions;

    public String groupId() {
        return groupId;
    }

    public Optional<String> instanceId() {
        return instanceId;
    }

    public int batchSize() {
        return batchSize;
    }

    public Duration batchMaxWait() {
        return batchMaxWait;
    }

    public String backend() {
        return backend;
    }

    public int threads() {
        return threads.orElse(Runtime.getRuntime().availableProcessors());
    }

    public String djlDevice() {
        return djlDevice;
    }

    public long trainingSeed() {
        return trainingSeed;
    }

    public boolean createTopics() {
        return createTopics;
    }

    public int partitions() {
        return partitions;
    }

    public TrainingConfig trainingConfig() {
        TrainingConfig d = TrainingConfig.defaults();
        return new TrainingConfig(
                new NetworkLayout(layers.stream().mapToInt(Integer::intValue).toArray()),
                Activation.fromLabel(activation),
                steps, minibatch, learningRate,
                LearningRateSchedule.valueOf(schedule.toUpperCase(Locale.ROOT)),
                d.beta1(), d.beta2(), d.epsilon(),
                trainSamples, validationSamples, targetRelativeMse, retries,
                NormConstraint.valueOf(normConstraint.toUpperCase(Locale.ROOT)));
    }
}
