package io.weights2eq.decoder;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.weights2eq.decoder.engine.ContinuousTraining;
import io.weights2eq.decoder.engine.DecodeEngine;
import io.weights2eq.decoder.engine.DecoderTrainerFactory;
import io.weights2eq.decoder.engine.Evaluator;
import io.weights2eq.decoder.engine.ServingModel;
import io.weights2eq.decoder.engine.TrainingListener;
import io.weights2eq.decoder.engine.dashboard.DashboardCollector;
import io.weights2eq.decoder.inbound.kafka.ExampleConsumerLoop;
import io.weights2eq.decoder.inbound.kafka.PredictionLoop;
import io.weights2eq.decoder.inbound.kafka.RequestSource;
import io.weights2eq.decoder.outbound.kafka.DecoderModelPublisher;
import io.weights2eq.decoder.outbound.kafka.PredictionPublisher;
import io.weights2eq.decoder.outbound.metrics.DecoderMetrics;
import io.weights2eq.domain.decoding.CheckpointDirectory;
import io.weights2eq.domain.decoding.DecoderCheckpoint;
import io.weights2eq.domain.decoding.DecodingMethods;
import io.weights2eq.domain.decoding.TransformerConfig;
import io.weights2eq.domain.decoding.ValidationSlice;
import io.weights2eq.schema.TopicProvisioner;
import io.weights2eq.schema.dlq.DeadLetterPublisher;
import io.weights2eq.service.kafka.GroupMembership;
import io.weights2eq.training.djl.decoder.DjlDecoderTrainer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Wires the decoder: the serving model (loaded at start), the Kafka loops that serve {@code decode-requests} (and
 * optionally {@code networks}), the training loop on {@code examples}, their producers; starts and stops them. The
 * Kafka Streams topology ({@code ExamplesTopology}) is started by Quarkus once its input topics exist.
 */
@ApplicationScoped
public class DecoderLifecycle {
    private static final Logger LOG = Logger.getLogger(DecoderLifecycle.class);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    DecoderSettings settings;

    @Inject
    DecoderMetrics metrics;

    @Inject
    DashboardCollector dashboard;

    @ConfigProperty(name = "w2e.topics.create")
    boolean createTopics;

    @ConfigProperty(name = "w2e.topics.partitions")
    int partitions;

    @ConfigProperty(name = "w2e.topics.replication-factor", defaultValue = "1")
    short replicationFactor;

    private final ServingModel serving = new ServingModel();
    private DecodeEngine engine;
    private String instance;
    private PredictionPublisher predictions;
    private DeadLetterPublisher deadLetters;
    private DecoderModelPublisher models;
    private final List<PredictionLoop> servingLoops = new ArrayList<>();
    private volatile ExampleConsumerLoop trainingLoop;
    private volatile Thread provisioner;

    @Produces
    @Singleton
    ServingModel servingModel() {
        return serving;
    }

    @Produces
    @Singleton
    DecodeEngine decodeEngine() {
        if (engine == null) {
            engine = new DecodeEngine(
                    serving,
                    settings.beam(),
                    settings.maxBeam(),
                    metrics,
                    new DecodingMethods(
                            settings.equationFamily(), settings.xMin(), settings.xMax(), settings.hybridTolerance()),
                    settings.method());
        }
        return engine;
    }

    /** The service's trainer: DJL with the PyTorch engine (CPU; natives from the Maven Central jar). */
    @Produces
    @Singleton
    DecoderTrainerFactory trainerFactory() {
        return DjlDecoderTrainer::new;
    }

    void onStart(@Observes StartupEvent event, DecodeEngine decodeEngine, DecoderTrainerFactory trainerFactory) {
        instance = settings.instanceId()
                .orElseGet(() -> "decoder-" + UUID.randomUUID().toString().substring(0, 8));
        if (createTopics) {
            // in the background, until the broker answers: the service starts (not ready) while Kafka comes up,
            // and the consumers and Kafka Streams wait for the topics
            provisioner = new Thread(this::provisionTopics, "decoder-topics");
            provisioner.setDaemon(true);
            provisioner.start();
        }
        serving.onSwap(metrics::modelSwapped);
        Path checkpointDir = settings.training().checkpointPath().toAbsolutePath();
        serving.loadInitial(Optional.of(checkpointDir), settings.familyModel());

        predictions = new PredictionPublisher(kafkaConfig, instance + "-predictions");
        deadLetters = new DeadLetterPublisher(kafkaConfig, instance);
        Duration poll = settings.serving().pollTimeout();
        servingLoops.add(servingLoop(
                "requests",
                settings.serving().requestsGroupId(),
                RequestSource.decodeRequests(settings.recordLimits()),
                decodeEngine,
                poll));
        DecoderSettings.ServeNetworks mode = settings.serveNetworksMode();
        if (mode != DecoderSettings.ServeNetworks.NONE) {
            servingLoops.add(servingLoop(
                    "networks",
                    settings.serving().networksGroupId(),
                    RequestSource.networks(
                            new ValidationSlice(settings.validationFraction()),
                            mode == DecoderSettings.ServeNetworks.VALIDATION,
                            settings.recordLimits()),
                    decodeEngine,
                    poll));
        }

        if (settings.training().enabled()) {
            models = new DecoderModelPublisher(kafkaConfig, instance + "-models");
            DecoderSettings.Training t = settings.training();
            CheckpointDirectory checkpoints = new CheckpointDirectory(checkpointDir, t.keepLast());
            Optional<DecoderCheckpoint> own = checkpoints.latest();
            DecoderCheckpoint initial = own.isEmpty() && t.initFromModel()
                    ? serving.current().map(ServingModel.Loaded::checkpoint).orElse(null)
                    : null;
            TransformerConfig config = own.map(DecoderCheckpoint::config)
                    .orElseGet(() ->
                            initial != null ? initial.config() : t.transformer().config());
            ContinuousTraining.Settings engineSettings = settings.trainingSettings();
            trainingLoop = new ExampleConsumerLoop(
                            consumerConfig("training"),
                            new ExampleConsumerLoop.Settings(
                                    t.groupId(),
                                    instance + "-training",
                                    t.rereadOnStart(),
                                    t.trainSlice(),
                                    t.pollTimeout(),
                                    settings.recordLimits()),
                            () -> new ContinuousTraining(
                                            engineSettings,
                                            () -> trainerFactory.create(config, t.options()),
                                            checkpoints,
                                            serving,
                                            Evaluator.greedy(),
                                            models,
                                            TrainingListener.all(metrics, dashboard),
                                            Clock.systemUTC())
                                    .startingFrom(initial),
                            deadLetters)
                    .start();
            LOG.infof(
                    "decoder %s: training on '%s' (%s, batch %d, evaluation every %d steps, checkpoints in %s)",
                    instance, "examples", config, t.batchSize(), t.evalEverySteps(), checkpointDir.toAbsolutePath());
        } else {
            LOG.infof("decoder %s: training off (serving only)", instance);
        }
        LOG.infof(
                "decoder %s started: serving %s; networks served: %s",
                instance,
                serving.current().map(m -> m.version() + " from " + m.source()).orElse("no model yet"),
                mode);
    }

    /** A started loop that answers {@code source}'s records on {@code predictions}, as consumer {@code role}. */
    private PredictionLoop servingLoop(
            String role, String groupId, RequestSource source, DecodeEngine decodeEngine, Duration poll) {
        return new PredictionLoop(
                        consumerConfig(role),
                        groupId,
                        instance + "-" + role,
                        source,
                        decodeEngine,
                        serving,
                        predictions,
                        deadLetters,
                        poll,
                        dashboard)
                .start();
    }

    /** Consumers join as static members when the instance id is configured: a restart takes its partitions back at once. */
    private Map<String, Object> consumerConfig(String role) {
        return GroupMembership.withStaticMembership(kafkaConfig, settings.instanceId(), role);
    }

    private void provisionTopics() {
        while (!Thread.currentThread().isInterrupted()) {
            try (Admin admin = Admin.create(kafkaConfig)) {
                TopicProvisioner.ensureTopics(admin, partitions, replicationFactor);
                return;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("cannot create topics yet (%s); retrying in 2 s", e.toString());
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        Thread p = provisioner;
        if (p != null) {
            p.interrupt();
        }
        ExampleConsumerLoop training = trainingLoop;
        if (training != null) {
            training.close(); // writes a last checkpoint of what was trained since the previous one
        }
        servingLoops.forEach(PredictionLoop::close);
        for (AutoCloseable c : new AutoCloseable[] {predictions, deadLetters, models}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debug("close", e);
                }
            }
        }
    }

    public ServingModel serving() {
        return serving;
    }

    public ExampleConsumerLoop trainingLoop() {
        return trainingLoop;
    }

    public List<PredictionLoop> servingLoops() {
        return List.copyOf(servingLoops);
    }

    public boolean trainingEnabled() {
        return settings.training().enabled();
    }
}
