package io.weights2eq.decoder.inbound.health;

import io.weights2eq.decoder.DecoderLifecycle;
import io.weights2eq.decoder.inbound.kafka.ExampleConsumerLoop;
import io.weights2eq.decoder.inbound.kafka.PredictionLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while every loop runs: the serving loops poll (at least every {@value #SERVING_STALL_SECONDS} s), the
 * training loop polls between training slices and evaluations (at least every {@value #TRAINING_STALL_SECONDS} s)
 * or finished its training time normally, and Kafka Streams is not in ERROR.
 */
@Liveness
@ApplicationScoped
public class DecoderLoopsCheck implements HealthCheck {
    static final long SERVING_STALL_SECONDS = 60;
    static final long TRAINING_STALL_SECONDS = 600;

    @Inject
    DecoderLifecycle decoder;

    @Inject
    Instance<KafkaStreams> streams;

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("decoder-loops");
        boolean up = true;
        for (PredictionLoop loop : decoder.servingLoops()) {
            boolean alive = loop.isAlive() && loop.sinceLastPoll().toSeconds() < SERVING_STALL_SECONDS;
            builder.withData(
                    "serve:" + loop.topic(),
                    alive
                            ? "polling (" + loop.predicted() + " predicted, " + loop.rejected() + " rejected)"
                            : "stopped");
            up &= alive;
        }
        ExampleConsumerLoop training = decoder.trainingLoop();
        if (training != null) {
            boolean alive = training.finished()
                    || training.isAlive() && training.sinceLastPoll().toSeconds() < TRAINING_STALL_SECONDS;
            builder.withData(
                    "training",
                    training.finished()
                            ? "finished (max training time)"
                            : alive
                                    ? "running"
                                    : "stopped" + (training.failure() == null ? "" : ": " + training.failure()));
            up &= alive;
        } else {
            builder.withData("training", decoder.trainingEnabled() ? "not started" : "off");
        }
        if (streams.isResolvable()) {
            KafkaStreams.State state = streams.get().state();
            builder.withData("examples-streams", state.name());
            up &= state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR;
        }
        return builder.status(up).build();
    }
}
