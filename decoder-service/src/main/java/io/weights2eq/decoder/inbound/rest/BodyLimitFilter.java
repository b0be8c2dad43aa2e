package io.weights2eq.decoder.inbound.rest;

import io.weights2eq.decoder.DecoderSettings;
import io.weights2eq.service.rest.ContentLength;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.OptionalLong;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers a {@code POST /decode} whose declared length is over {@code w2e.decoder.rest.max-body-bytes} with 400
 * naming the field {@code body}, before the body is read. (Bodies without a length are checked after reading;
 * beyond {@code quarkus.http.limits.max-body-size}, the HTTP layer itself answers 413.)
 */
public class BodyLimitFilter {

    // filters are created at static init, before runtime configuration: look the settings up per request
    @Inject
    Instance<DecoderSettings> settings;

    static DecodeResource.Problem tooLarge(int limit, long bytes) {
        return new DecodeResource.Problem(
                "body", "body must be at most " + limit + " bytes (one network), was " + bytes);
    }

    @ServerRequestFilter(preMatching = true)
    public Response checkLength(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod())
                || !request.getUriInfo().getPath().startsWith("/decode")) {
            return null;
        }
        OptionalLong declared = ContentLength.parse(request.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        if (declared.isEmpty()) {
            return null;
        }
        long bytes = declared.getAsLong();
        int limit = settings.get().rest().maxBodyBytes();
        return bytes > limit ? DecodeResource.problem(Response.Status.BAD_REQUEST, tooLarge(limit, bytes)) : null;
    }
}
