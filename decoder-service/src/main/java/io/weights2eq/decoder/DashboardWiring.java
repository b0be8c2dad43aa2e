package io.weights2eq.decoder;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.weights2eq.decoder.engine.dashboard.DashboardCollector;
import io.weights2eq.decoder.engine.dashboard.StageOffsets;
import io.weights2eq.decoder.outbound.kafka.KafkaStageOffsets;
import io.weights2eq.schema.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Wires the live dashboard: the {@link DashboardCollector} (fed by the training and serving loops, see
 * {@link DecoderLifecycle}) and a sampler thread that reads the broker's offsets into it every
 * {@code w2e.decoder.dashboard.sample-interval}, whether or not a page is open, so that rates and their history are
 * there when one opens.
 */
@ApplicationScoped
public class DashboardWiring {
    private static final Logger LOG = Logger.getLogger(DashboardWiring.class);

    /** The stages the dashboard shows, in pipeline order, then every dead-letter topic. */
    static final List<String> STAGES = stages();

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    DecoderSettings settings;

    private DashboardCollector collector;
    private ScheduledExecutorService sampler;
    private StageOffsets offsets;

    private static List<String> stages() {
        List<String> topics = new ArrayList<>();
        for (Topics t : List.of(Topics.EQUATIONS, Topics.NETWORKS, Topics.EXAMPLES, Topics.PREDICTIONS)) {
            topics.add(t.topicName());
        }
        for (Topics t : Topics.values()) {
            topics.add(t.deadLetterTopicName());
        }
        return List.copyOf(topics);
    }

    @Produces
    @Singleton
    synchronized DashboardCollector dashboardCollector() {
        if (collector == null) {
            DecoderSettings.Dashboard d = settings.dashboard();
            collector = new DashboardCollector(
                    new DashboardCollector.Settings(
                            STAGES,
                            d.rateWindow(),
                            d.rateHistory(),
                            d.lossPoints(),
                            d.lossEvery().toMillis(),
                            d.validationPoints(),
                            d.predictions(),
                            d.knownEquations(),
                            d.curvePoints(),
                            settings.xMin(),
                            settings.xMax(),
                            settings.validationFraction()),
                    System::currentTimeMillis);
        }
        return collector;
    }

    void onStart(@Observes StartupEvent event, DashboardCollector collector) {
        DecoderSettings.Dashboard d = settings.dashboard();
        Duration interval = d.sampleInterval();
        offsets = new KafkaStageOffsets(
                kafkaConfig,
                "decoder-dashboard",
                STAGES,
                List.of(
                        new KafkaStageOffsets.Followed(d.trainerGroup(), Topics.EQUATIONS.topicName()),
                        new KafkaStageOffsets.Followed(settings.training().groupId(), Topics.EXAMPLES.topicName())),
                // an answer later than the next sample is not worth waiting for
                interval.multipliedBy(3),
                System::currentTimeMillis);
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "decoder-dashboard-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleWithFixedDelay(
                () -> {
                    try {
                        collector.sample(offsets.read());
                    } catch (RuntimeException e) {
                        LOG.debug("dashboard sample failed", e);
                    }
                },
                0,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (sampler != null) {
            sampler.shutdownNow();
            try {
                sampler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (offsets != null) {
            offsets.close();
        }
    }
}
