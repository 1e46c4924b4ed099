package br.com.ponte.sandbox.client;

import br.com.ponte.sandbox.oauth.Bearer;
import br.com.ponte.sandbox.oauth.HttpsOnly;
import br.com.ponte.sandbox.oauth.OAuthError;
import br.com.ponte.sandbox.pki.ClientCertificate;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/** The registration endpoint (RFC 7591) and the client configuration endpoint (RFC 7592). Mutual TLS. */
@Path("/register")
@HttpsOnly
@Tag(name = "Authorisation server")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {


    private final ClientRegistrations registrations;
    private final ObjectMapper json;

    public RegistrationResource(ClientRegistrations registrations, ObjectMapper json) {
        this.registrations = registrations;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a client with a software statement assertion (dcr-id3)")
    public Response register(String body, @Context HttpServerRequest request) {
        ClientCertificate certificate = ClientCertificate.of(request).orElseThrow(() -> OAuthError.invalidClient(
                "A client certificate is required (mutual TLS)"));
        RegistrationResponse registered = registrations.register(certificate, RegistrationRequest.parse(body, json));
        return noStore(Response.status(Response.Status.CREATED).entity(registered));
    }

    @GET
    @Path("/{clientId}")
    @Operation(summary = "Read a client's registration (registration access token and the client's certificate)")
    public Response read(@PathParam("clientId") String clientId,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @Context HttpServerRequest request) {
        return noStore(Response.ok(registrations.read(clientId, Bearer.token(authorization), ClientCertificate.of(request))));
    }

    @PUT
    @Path("/{clientId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a client's metadata; the body carries a fresh software statement assertion")
    public Response update(@PathParam("clientId") String clientId,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           String body, @Context HttpServerRequest request) {
        Optional<ClientCertificate> certificate = ClientCertificate.of(request);
        return noStore(Response.ok(registrations.update(clientId, Bearer.token(authorization), certificate,
                RegistrationRequest.parse(body, json))));
    }

    @DELETE
    @Path("/{clientId}")
    @Operation(summary = "Delete a client; its tokens stop working")
    public Response delete(@PathParam("clientId") String clientId,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context HttpServerRequest request) {
        registrations.delete(clientId, Bearer.token(authorization), ClientCertificate.of(request));
        return Response.noContent().build();
    }

    private static Response noStore(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store").build();
    }
}
