package br.com.ponte.sandbox.authorization;

import br.com.ponte.sandbox.client.AuthenticatedClient;
import br.com.ponte.sandbox.client.ClientAuthentication;
import br.com.ponte.sandbox.oauth.Endpoints;
import br.com.ponte.sandbox.oauth.HttpsOnly;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The pushed authorisation request endpoint (RFC 9126): mutual TLS, private_key_jwt, a signed request object. */
@Path(Endpoints.PAR)
@HttpsOnly
@Tag(name = "Authorisation server")
public class PushedAuthorizationResource {

    private final ClientAuthentication authentication;
    private final RequestObjects requestObjects;
    private final PushedRequests pushed;

    public PushedAuthorizationResource(ClientAuthentication authentication, RequestObjects requestObjects,
                                       PushedRequests pushed) {
        this.authentication = authentication;
        this.requestObjects = requestObjects;
        this.pushed = pushed;
    }

    public record Pushed(@JsonProperty("request_uri") String requestUri, @JsonProperty("expires_in") long expiresIn) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Push an authorisation request (a PS256 request object)")
    public Response push(MultivaluedMap<String, String> form, @Context HttpServerRequest request) {
        AuthenticatedClient client = authentication.authenticate(request, form, Endpoints.PAR);
        AuthorizationRequest authorization = requestObjects.verify(form.getFirst("request"), client);
        return Response.status(Response.Status.CREATED)
                .header("Cache-Control", "no-store")
                .entity(new Pushed(pushed.push(authorization), pushed.lifetimeSeconds()))
                .build();
    }
}
