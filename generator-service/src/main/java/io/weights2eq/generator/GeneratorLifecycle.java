package io.weights2eq.generator;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.weights2eq.generator.engine.JobManager;
import io.weights2eq.generator.outbound.kafka.KafkaEquationSink;
import io.weights2eq.generator.outbound.kafka.KafkaJobStore;
import io.weights2eq.generator.outbound.metrics.GeneratorMetrics;
import io.weights2eq.schema.TopicProvisioner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Wires the engine to its Kafka adapters and restores jobs in the background, retrying until the
 * broker answers, so the service starts (and reports not-ready) while Kafka is still coming up.
 */
@ApplicationScoped
public class GeneratorLifecycle {
    private static final Logger LOG = Logger.getLogger(GeneratorLifecycle.class);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    GeneratorMetrics metrics;

    @ConfigProperty(name = "w2e.generator.workers-per-job")
    int workersPerJob;

    @ConfigProperty(name = "w2e.topics.create")
    boolean createTopics;

    @ConfigProperty(name = "w2e.topics.partitions")
    int partitions;

    @ConfigProperty(name = "w2e.topics.replication-factor")
    short replicationFactor;

    private KafkaJobStore store;
    private JobManager manager;
    private volatile Thread restorer;

    @Produces
    @Singleton
    JobManager jobManager() {
        store = new KafkaJobStore(kafkaConfig);
        manager = new JobManager(new KafkaEquationSink(kafkaConfig), store, workersPerJob, metrics::acknowledged);
        return manager;
    }

    void onStart(@Observes StartupEvent event, JobManager jobs) {
        restorer = new Thread(() -> restoreWithRetry(jobs), "generator-restore");
        restorer.setDaemon(true);
        restorer.start();
    }

    private void restoreWithRetry(JobManager jobs) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (createTopics) {
                    try (Admin admin = Admin.create(kafkaConfig)) {
                        TopicProvisioner.ensureTopics(admin, partitions, replicationFactor);
                    }
                }
                jobs.restore();
                LOG.info("generator jobs restored");
                return;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("cannot restore jobs yet (%s); retrying in 2 s", e.toString());
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (restorer != null) {
            restorer.interrupt();
        }
        if (manager != null) {
            manager.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
