package io.weights2eq.generator.inbound.health;

import io.weights2eq.generator.engine.JobManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the jobs of an earlier run are restored (the Kafka check covers the broker itself). */
@Readiness
@ApplicationScoped
public class JobsRestoredCheck implements HealthCheck {
    @Inject
    JobManager jobs;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("generator-jobs-restored")
                .status(jobs.restored())
                .withData("running", jobs.runningJobIds().size())
                .build();
    }
}
