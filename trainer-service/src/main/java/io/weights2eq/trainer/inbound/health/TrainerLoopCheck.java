package io.weights2eq.trainer.inbound.health;

import io.weights2eq.trainer.TrainerLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the consumer loop runs and polls. It keeps polling (paused) while a batch trains, so a
 * long batch does not make the service look dead.
 */
@Liveness
@ApplicationScoped
public class TrainerLoopCheck implements HealthCheck {
    private static final long STALL_SECONDS = 60;

    @Inject
    TrainerLifecycle trainer;

    @Override
    public HealthCheckResponse call() {
        var loop = trainer.loop();
        boolean up = loop != null && loop.isAlive() && loop.sinceLastPoll().toSeconds() < STALL_SECONDS;
        var builder = HealthCheckResponse.named("trainer-consumer-loop").status(up);
        if (loop != null) {
            builder.withData("training", loop.isTraining())
                    .withData("assignedPartitions", loop.assignedPartitions().size())
                    .withData("secondsSinceLastPoll", loop.sinceLastPoll().toSeconds());
        }
        return builder.build();
    }
}
