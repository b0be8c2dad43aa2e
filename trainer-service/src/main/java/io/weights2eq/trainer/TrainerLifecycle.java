package io.weights2eq.trainer;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.weights2eq.domain.training.NetworkTrainer;
import io.weights2eq.domain.training.TrainingBackend;
import io.weights2eq.schema.TopicProvisioner;
import io.weights2eq.schema.dlq.DeadLetterPublisher;
import io.weights2eq.service.kafka.GroupMembership;
import io.weights2eq.trainer.engine.TrainingBackends;
import io.weights2eq.trainer.engine.WorkerSettings;
import io.weights2eq.trainer.inbound.kafka.EquationConsumerLoop;
import io.weights2eq.trainer.outbound.kafka.NetworkPublisher;
import io.weights2eq.trainer.outbound.metrics.TrainerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Wires the consumer loop to the training engine and the Kafka producers; starts and stops it. */
@ApplicationScoped
public class TrainerLifecycle {
    private static final Logger LOG = Logger.getLogger(TrainerLifecycle.class);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    TrainerMetrics metrics;

    @Inject
    TrainerSettings settings;

    @ConfigProperty(name = "w2e.topics.create")
    boolean createTopics;

    @ConfigProperty(name = "w2e.topics.partitions")
    int partitions;

    private TrainingBackend backend;
    private NetworkPublisher publisher;
    private DeadLetterPublisher deadLetters;
    private volatile EquationConsumerLoop loop;

    void onStart(@Observes StartupEvent event) {
        String instance = settings.instanceId()
                .orElseGet(() -> "trainer-" + UUID.randomUUID().toString().substring(0, 8));
        if (createTopics) {
            try (Admin admin = Admin.create(kafkaConfig)) {
                TopicProvisioner.ensureTopics(admin, partitions, (short) 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warnf("cannot create topics now (%s); the consumer waits for them", e.toString());
            }
        }
        backend = TrainingBackends.create(
                settings.backend(), settings.threadCount(), settings.djl().device());
        NetworkTrainer trainer = new NetworkTrainer(backend, settings.trainingConfig());
        publisher = new NetworkPublisher(kafkaConfig, instance + "-networks");
        deadLetters = new DeadLetterPublisher(kafkaConfig, instance);
        WorkerSettings worker = new WorkerSettings(
                settings.groupId(),
                instance,
                settings.batchSize(),
                settings.batchMaxWait(),
                Duration.ofMillis(100),
                settings.trainingSeed(),
                settings.maxSamples());
        // a configured instance id makes the consumer a static member: a restarted trainer takes its partitions back at
        // once
        Map<String, Object> consumerConfig =
                GroupMembership.withStaticMembership(kafkaConfig, settings.instanceId(), "equations");
        loop = new EquationConsumerLoop(consumerConfig, worker, trainer, publisher, deadLetters, metrics).start();
        LOG.infof(
                "trainer %s started: backend %s, batches of up to %d equations or %s, %s",
                instance, backend.name(), settings.batchSize(), settings.batchMaxWait(), settings.trainingConfig());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    public EquationConsumerLoop loop() {
        return loop;
    }
}
