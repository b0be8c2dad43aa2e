package io.weights2eq.decoder.inbound.rest;

import io.weights2eq.decoder.DecoderSettings;
import io.weights2eq.decoder.engine.DecodeEngine;
import io.weights2eq.decoder.engine.DecodeListener;
import io.weights2eq.decoder.engine.ServingModel;
import io.weights2eq.domain.decoding.DecodedEquation;
import io.weights2eq.domain.decoding.InvalidRequestException;
import io.weights2eq.domain.decoding.NoModelLoadedException;
import io.weights2eq.domain.network.InputDomain;
import io.weights2eq.domain.network.NetworkFile;
import io.weights2eq.domain.network.NetworkFormatException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /decode}: one network in the network file format (one JSON line, {@link NetworkFile}) → the decoded
 * equation. Bad input is answered 400 with the field and what is wrong: {@code {"field":"weights[1][3]","error":…}};
 * a body declared as anything but JSON or text → 415 naming {@code Content-Type}; no model loaded → 503. {@code GET /decode/model}: what is being served.
 */
@Path("/decode")
public class DecodeResource {

    /**
     * The 200 answer. Coefficients are exact decimals by ascending power, as strings (like on the topics);
     * {@code largestRoot} is the decoded cubic's largest real root (family cubic), null otherwise.
     */
    public record Decoded(
            String id,
            String equation,
            List<String> coefficients,
            int[] tokenIds,
            String method,
            String modelVersion,
            double latencyMillis,
            Fit fit,
            RunnerUp runnerUp,
            Double largestRoot) {}

    /**
     * How well the equation matches the network's own function on [xMin, xMax], or for two inputs on {@code domain}
     * (one [lo, hi] per input; null for one input).
     */
    public record Fit(double rSquared, double maxAbsError, double xMin, double xMax, List<double[]> domain) {}

    /** The hybrid decoder's second-best candidate. */
    public record RunnerUp(String equation, String method, Fit fit) {}

    /** Every 4xx/5xx answer: which field, and what is wrong with it. */
    public record Problem(String field, String error) {}

    @Inject
    DecodeEngine engine;

    @Inject
    ServingModel serving;

    @Inject
    DecoderSettings settings;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response decode(
            String body,
            @QueryParam("beam") String beam,
            @QueryParam("method") String method,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        if (!acceptedType(contentType)) {
            engine.rejected(DecodeListener.Source.REST);
            return problem(
                    Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    new Problem(
                            HttpHeaders.CONTENT_TYPE,
                            "Content-Type must be " + String.join(", ", ACCEPTED_TYPES)
                                    + " or absent (the body is one JSON line), was '" + contentType + "'"));
        }
        int limit = settings.rest().maxBodyBytes();
        int bytes = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limit) {
            engine.rejected(DecodeListener.Source.REST);
            return problem(Response.Status.BAD_REQUEST, BodyLimitFilter.tooLarge(limit, bytes));
        }
        Integer width = null;
        if (beam != null && !beam.isBlank()) {
            try {
                width = Integer.valueOf(beam.trim());
            } catch (NumberFormatException e) {
                engine.rejected(DecodeListener.Source.REST);
                return problem(
                        Response.Status.BAD_REQUEST,
                        new Problem(
                                "beam",
                                "beam must be a whole number between 1 and " + engine.maxBeam() + ", was '" + beam
                                        + "'"));
            }
        }
        NetworkFile.Entry entry;
        try {
            entry = NetworkFile.parse(body == null ? "" : body);
        } catch (NetworkFormatException e) {
            engine.rejected(DecodeListener.Source.REST);
            return problem(Response.Status.BAD_REQUEST, new Problem(e.field(), e.getMessage()));
        }
        DecodeEngine.Result result;
        try {
            result = engine.decode(
                    entry.network(),
                    width,
                    method == null || method.isBlank() ? null : method.trim(),
                    DecodeListener.Source.REST);
        } catch (NoModelLoadedException e) {
            return problem(Response.Status.SERVICE_UNAVAILABLE, new Problem(null, e.getMessage()));
        } catch (InvalidRequestException e) {
            return problem(Response.Status.BAD_REQUEST, new Problem(e.field(), e.getMessage()));
        }
        DecodedEquation d = result.equation();
        return Response.ok(new Decoded(
                        entry.id(),
                        d.canonicalText(),
                        d.coefficients().stream().map(BigDecimal::toPlainString).toList(),
                        d.tokenIds(),
                        d.method(),
                        d.modelVersion(),
                        result.latencyMillis(),
                        fit(result.fit(), result.fitDomain()),
                        runnerUp(result),
                        result.largestRoot()))
                .build();
    }

    /** The body is one JSON line whatever it is declared as, but only as one of these (or undeclared). */
    static final List<String> ACCEPTED_TYPES =
            List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, "application/x-ndjson");

    private static boolean acceptedType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return ACCEPTED_TYPES.contains(type);
    }

    /** The hybrid's runner-up: a polynomial, or for expressions a symbolic candidate; null for other methods. */
    private static RunnerUp runnerUp(DecodeEngine.Result result) {
        var polynomial = result.runnerUp();
        if (polynomial != null) {
            return new RunnerUp(
                    polynomial.polynomial().toCanonicalText(),
                    polynomial.method(),
                    fit(polynomial.fit(), result.fitDomain()));
        }
        var expression = result.outcome().expressionRunnerUp();
        return expression == null
                ? null
                : new RunnerUp(expression.text(), expression.source(), fit(expression.fit(), result.fitDomain()));
    }

    private static Fit fit(io.weights2eq.domain.decoding.analytic.FunctionFit f, InputDomain domain) {
        return f == null
                ? null
                : new Fit(
                        f.rSquared(),
                        f.maxAbsError(),
                        domain.input(0).lo(),
                        domain.input(0).hi(),
                        domain.inputs() == 1
                                ? null
                                : domain.intervals().stream()
                                        .map(i -> new double[] {i.lo(), i.hi()})
                                        .toList());
    }

    @GET
    @Path("/model")
    @Produces(MediaType.APPLICATION_JSON)
    public Response model() {
        return serving.current()
                .map(m -> Response.ok(Map.of(
                                "version",
                                m.version(),
                                "step",
                                m.checkpoint().step(),
                                "source",
                                m.source(),
                                "config",
                                m.checkpoint().config().toString(),
                                "metrics",
                                m.checkpoint().metrics(),
                                "loadedAtMillis",
                                m.loadedAtMillis()))
                        .build())
                .orElseGet(() -> problem(
                        Response.Status.SERVICE_UNAVAILABLE,
                        new Problem(null, new NoModelLoadedException().getMessage())));
    }

    static Response problem(Response.Status status, Problem problem) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(problem)
                .build();
    }
}
