package io.weights2eq.decoder.inbound.health;

import io.weights2eq.decoder.DecoderSettings;
import io.weights2eq.decoder.engine.ServingModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready to decode only with a model loaded (with {@code w2e.decoder.health.require-model=false} it reports the
 * model but stays UP without one). The broker side of readiness is service-support's {@code KafkaBrokerCheck}.
 */
@Readiness
@ApplicationScoped
public class ModelLoadedCheck implements HealthCheck {

    @Inject
    ServingModel serving;

    @Inject
    DecoderSettings settings;

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("decoder-model");
        var loaded = serving.current();
        if (loaded.isPresent()) {
            return builder.up()
                    .withData("version", loaded.get().version())
                    .withData("step", loaded.get().checkpoint().step())
                    .withData("source", loaded.get().source())
                    .build();
        }
        return builder.status(!settings.health().requireModel())
                .withData("reason", "no decoder model loaded yet")
                .build();
    }
}
