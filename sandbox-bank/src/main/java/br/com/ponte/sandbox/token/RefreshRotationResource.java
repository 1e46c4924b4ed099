package br.com.ponte.sandbox.token;

import br.com.ponte.sandbox.client.ClientRegistrations;
import br.com.ponte.sandbox.directory.DirectoryError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Development control (plain HTTP, no authentication, as the other controls): the bank's operator
 * turning refresh-token rotation off, or on again, for one client (fapi-id3 5.2.2-17), which a real
 * bank agrees with the institution outside the APIs.
 */
@Path("/sandbox/clients/{clientId}/refresh-token-rotation")
@Tag(name = "Development controls")
@Produces(MediaType.APPLICATION_JSON)
public class RefreshRotationResource {

    private final ClientRegistrations registrations;
    private final RefreshTokens refreshTokens;

    public RefreshRotationResource(ClientRegistrations registrations, RefreshTokens refreshTokens) {
        this.registrations = registrations;
        this.refreshTokens = refreshTokens;
    }

    public record Rotation(String clientId, Boolean rotate) {
    }

    @GET
    @Operation(summary = "Whether the client's refresh tokens rotate")
    public Rotation read(@PathParam("clientId") String clientId) {
        known(clientId);
        return new Rotation(clientId, refreshTokens.rotates(clientId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn refresh-token rotation off or on for a client",
            description = "Body {\"rotate\": false}: the client's refresh tokens then serve until they expire and a refresh "
                    + "answers no new one; {\"rotate\": true} (the default) spends each at its use and answers a new one.")
    public Rotation change(@PathParam("clientId") String clientId, Rotation request) {
        known(clientId);
        if (request == null || request.rotate() == null) {
            throw DirectoryError.invalid("rotate (true or false) is required");
        }
        refreshTokens.setRotation(clientId, request.rotate());
        return new Rotation(clientId, request.rotate());
    }

    private void known(String clientId) {
        registrations.findAtAnyBrand(clientId)
                .orElseThrow(() -> DirectoryError.notFound("No client " + clientId + " at any brand"));
    }
}
