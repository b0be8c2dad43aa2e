package io.weights2eq.decoder.inbound.rest;

import io.smallrye.mutiny.Multi;
import io.weights2eq.decoder.engine.dashboard.DashboardCollector;
import io.weights2eq.decoder.engine.dashboard.DashboardSnapshot;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The live dashboard. {@code GET /dashboard}: the page (its script and Chart.js are static resources under
 * {@code /dashboard/} and {@code /webjars/}). {@code GET /dashboard/stream}: server-sent events, one JSON
 * {@link DashboardSnapshot} per tick. {@code GET /dashboard/snapshot}: the snapshot now.
 *
 * <p>Query parameters: {@code interval-ms} (stream only; {@value #MIN_INTERVAL_MS}–{@value #MAX_INTERVAL_MS},
 * default {@value #DEFAULT_INTERVAL_MS}) and {@code predictions} (0 up to the number kept, default all kept). A bad
 * value is answered 400 naming the parameter.
 */
@Path("/dashboard")
public class DashboardResource {
    static final int MIN_INTERVAL_MS = 250;
    static final int MAX_INTERVAL_MS = 60_000;
    static final int DEFAULT_INTERVAL_MS = 1_000;
    private static final String PAGE = "META-INF/resources/dashboard/index.html";

    @Inject
    DashboardCollector collector;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        // served here as well as at /dashboard/ (static), so that the address without the slash works
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(PAGE)) {
            if (in == null) {
                return Response.status(Response.Status.NOT_FOUND).build();
            }
            return Response.ok(in.readAllBytes(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("/snapshot")
    @Produces(MediaType.APPLICATION_JSON)
    public DashboardSnapshot snapshot(@QueryParam("predictions") String predictions) {
        return collector.snapshot(predictionCount(predictions));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<DashboardSnapshot> stream(
            @QueryParam("interval-ms") String intervalMs, @QueryParam("predictions") String predictions) {
        int interval = wholeNumber("interval-ms", intervalMs, MIN_INTERVAL_MS, MAX_INTERVAL_MS, DEFAULT_INTERVAL_MS);
        int count = predictionCount(predictions);
        return Multi.createFrom()
                .ticks()
                .startingAfter(Duration.ofMillis(1)) // the first at once (zero is refused)
                .every(Duration.ofMillis(interval))
                .onOverflow()
                .drop() // a slow reader misses ticks; the next snapshot holds everything anyway
                .map(tick -> collector.snapshot(count));
    }

    private int predictionCount(String value) {
        int kept = collector.settings().predictions();
        return wholeNumber("predictions", value, 0, kept, kept);
    }

    /** The parameter's value, or the fallback when absent; else a 400 naming it with its limits. */
    static int wholeNumber(String name, String value, int min, int max, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw bad(name, name + " must be a whole number between " + min + " and " + max + ", was '" + value + "'");
        }
        if (n < min || n > max) {
            throw bad(name, name + " must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    private static WebApplicationException bad(String field, String error) {
        return new WebApplicationException(
                DecodeResource.problem(Response.Status.BAD_REQUEST, new DecodeResource.Problem(field, error)));
    }
}
