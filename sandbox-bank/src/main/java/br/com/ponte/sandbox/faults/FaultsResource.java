package br.com.ponte.sandbox.faults;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Development controls (plain HTTP, no authentication: development only): make the bank slow or
 * failing on chosen calls ({@link Faults}).
 */
@Path("/sandbox/faults")
@Tag(name = "Development controls")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FaultsResource {

    private final Faults faults;

    public FaultsResource(Faults faults) {
        this.faults = faults;
    }

    public record FaultRequest(String method, String path, String phase, Long delayMs, Integer status, String forge,
                               Integer times) {
    }

    public record FaultView(String id, String method, String path, String phase, long delayMs, Integer status, String forge,
                            int times, int played) {
        static FaultView of(Faults.Fault f) {
            return new FaultView(f.id(), f.method(), f.pathPattern(), f.phase().name(), f.delayMs(), f.status(),
                    f.forgery() == null ? null : f.forgery().name().toLowerCase().replace('_', '-'), f.times(),
                    f.played().get());
        }
    }

    @POST
    @Operation(summary = "Play a fault on the calls matching method and path (a regular expression over the path)",
            description = "phase BEFORE: the call is answered after delayMs, with status instead of being done (no status: "
                    + "done late). AFTER: the call is done, then answered after delayMs, with status instead of its answer. "
                    + "forge (AFTER only): \"signature\" signs the answer's body with a key the bank does not publish, "
                    + "\"interaction-id\" answers another x-fapi-interaction-id. times: how many calls (default 1).")
    public Response add(FaultRequest request) {
        if (request == null || request.method() == null || request.path() == null) {
            throw new WebApplicationException(Response.status(400).entity("method and path are required").build());
        }
        try {
            Faults.Fault fault = faults.add(request.method(), request.path(),
                    request.phase() == null ? Faults.Phase.BEFORE : Faults.Phase.valueOf(request.phase()),
                    request.delayMs() == null ? 0 : request.delayMs(), request.status(),
                    request.forge() == null ? null : Faults.Forgery.valueOf(request.forge().toUpperCase().replace('-', '_')),
                    request.times() == null ? 1 : request.times());
            return Response.status(201).entity(FaultView.of(fault)).build();
        } catch (IllegalArgumentException e) { // a bad phase, forgery or pattern (PatternSyntaxException)
            throw new WebApplicationException(Response.status(400).entity(e.getMessage()).build());
        }
    }

    @GET
    @Operation(summary = "The faults and how many times each was played")
    public List<FaultView> list() {
        return faults.all().stream().map(FaultView::of).toList();
    }

    @DELETE
    @Operation(summary = "No more faults")
    public Response clear() {
        faults.clear();
        return Response.noContent().build();
    }
}
