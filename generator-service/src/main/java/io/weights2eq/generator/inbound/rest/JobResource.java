package io.weights2eq.generator.inbound.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.weights2eq.domain.equation.Violation;
import io.weights2eq.generator.engine.JobManager;
import io.weights2eq.generator.engine.JobSpec;
import io.weights2eq.generator.engine.JobStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Control API of the generator: start, watch and cancel generation jobs. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JobResource {

    /** The JSON body of every 4xx answer: each bad field and why. */
    public record Problems(List<Violation> violations) {}

    @Inject
    JobManager jobs;

    @POST
    public Response submit(JobRequest request) {
        JobRequestValidator.Outcome outcome = JobRequestValidator.validate(request);
        if (outcome instanceof JobRequestValidator.Invalid invalid) {
            return badRequest(invalid.violations());
        }
        JobSpec spec = ((JobRequestValidator.Valid) outcome).spec();
        JobStatus status = jobs.submit(spec.count(), spec.seed(), spec.family(), spec.samples(), spec.ratePerSecond());
        return Response.accepted(status)
                .location(URI.create("/jobs/" + status.id()))
                .build();
    }

    @GET
    public List<JobStatus> list() {
        return jobs.all();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        if (!JobManager.ID.matcher(id).matches()) {
            return malformedId(id);
        }
        return jobs.status(id).map(s -> Response.ok(s).build()).orElseGet(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    public Response cancel(@PathParam("id") String id) {
        if (!JobManager.ID.matcher(id).matches()) {
            return malformedId(id);
        }
        return jobs.cancel(id).map(s -> Response.ok(s).build()).orElseGet(() -> notFound(id));
    }

    private static Response notFound(String id) {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(new Problems(List.of(new Violation("id", "no job '" + id + "'"))))
                .build();
    }

    private static Response malformedId(String id) {
        String shown = id.length() > 80 ? id.substring(0, 80) + "…" : id;
        return badRequest(
                List.of(new Violation("id", "must be a job id: 'job-' and 8 hex digits, was '" + shown + "'")));
    }

    static Response badRequest(List<Violation> violations) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON)
                .entity(new Problems(violations))
                .build();
    }

    /** Quarkus wraps JSON syntax errors into a bare 400: answer it with the same body as any 400. */
    @ServerExceptionMapper
    public Response wrapped(WebApplicationException e) {
        return e.getCause() instanceof JsonProcessingException json ? malformed(json) : e.getResponse();
    }

    /** A body that is not JSON, or a field of the wrong type or name: 400 naming the field. */
    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        String field = "body";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
        } else if (e instanceof InputCoercionException
                && e.getProcessor() instanceof JsonParser parser
                && parser.getParsingContext().getCurrentName() != null) {
            // a number out of its type's range (e.g. count beyond a long): the parser knows which field it was reading
            field = parser.getParsingContext()
                    .pathAsPointer()
                    .toString()
                    .substring(1)
                    .replace('/', '.');
        }
        String message = e.getOriginalMessage();
        int cut = message.indexOf('\n');
        return badRequest(List.of(new Violation(field, cut > 0 ? message.substring(0, cut) : message)));
    }
}
