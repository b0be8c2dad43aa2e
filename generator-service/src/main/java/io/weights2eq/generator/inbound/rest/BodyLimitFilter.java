package io.weights2eq.generator.inbound.rest;

import io.weights2eq.domain.equation.Violation;
import io.weights2eq.service.rest.ContentLength;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers a request whose declared length is over {@code w2e.generator.rest.max-body-bytes} with 400 naming the
 * field {@code body}, before the body is read (the HTTP layer's own limit, {@code quarkus.http.limits.max-body-size},
 * is set higher: beyond it, it answers a bare 413 that names nothing).
 */
public class BodyLimitFilter {
    static final String SETTING = "w2e.generator.rest.max-body-bytes";

    @ServerRequestFilter(preMatching = true)
    public Response checkLength(ContainerRequestContext request) {
        OptionalLong declared = ContentLength.parse(request.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        if (declared.isEmpty()) {
            return null;
        }
        long bytes = declared.getAsLong();
        // filters are created at static init, before runtime configuration: read the limit per request
        int limit = ConfigProvider.getConfig()
                .getOptionalValue(SETTING, Integer.class)
                .orElse(65_536);
        if (bytes <= limit) {
            return null;
        }
        return JobResource.badRequest(
                List.of(new Violation("body", "must be at most " + limit + " bytes (" + SETTING + "), was " + bytes)));
    }
}
