package br.com.ponte.vault.api;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.vault.certificate.TransmitterRegistrations;
import br.com.ponte.vault.domain.TokenSigner;
import br.com.ponte.vault.domain.TransmitterRegistration;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

@Path("/v1/ofb-credentials/transmitters")
@Tag(name = "Open Finance credentials")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll // the partner's access token is verified in process by TokenSigner
@SecurityRequirement(name = "partnerToken")
public class TransmitterResource {

    private static final Pattern AUTHORISATION_SERVER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final TokenSigner tokens;
    private final TransmitterRegistrations registrations;

    public TransmitterResource(TokenSigner tokens, TransmitterRegistrations registrations) {
        this.tokens = tokens;
        this.registrations = registrations;
    }

    public record ClientIdRequest(String clientId, List<String> redirectUris) {
    }

    public record RegistrationRequest(List<String> redirectUris) {
    }

    /** The registration access token is never shown. */
    public record TransmitterView(String authorisationServerId, String clientId, String source, String issuer,
                                  List<String> redirectUris, Instant createdAt, Instant updatedAt) {
    }

    public record TransmitterList(List<TransmitterView> data) {
    }

    @GET
    @Operation(summary = "The partner's client ids at transmitters")
    public Uni<TransmitterList> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        UUID partnerId = tokens.verify(authorization);
        return Panache.withSession(() -> TransmitterRegistration.listForPartner(partnerId))
                .map(all -> new TransmitterList(all.stream().map(TransmitterResource::view).toList()));
    }

    @PUT
    @Path("/{authorisationServerId}")
    @Operation(summary = "Set the partner's client id at a transmitter by hand")
    public Uni<TransmitterView> set(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                    @PathParam("authorisationServerId") String authorisationServerId, ClientIdRequest request) {
        UUID partnerId = tokens.verify(authorization);
        requireServerId(authorisationServerId);
        if (request == null || request.clientId() == null || request.clientId().isBlank()) {
            throw ApiException.unprocessable("PARAMETRO_NAO_INFORMADO", "'clientId' is required");
        }
        if (request.clientId().length() > 255) {
            throw ApiException.unprocessable("PARAMETRO_INVALIDO", "'clientId' has more than 255 characters");
        }
        List<String> redirectUris = request.redirectUris() == null ? List.of() : request.redirectUris();
        for (String uri : redirectUris) {
            if (uri == null || !uri.matches("https?://\\S+") || uri.length() > 2048) {
                throw ApiException.unprocessable("PARAMETRO_INVALIDO", "'redirectUris' holds '" + uri
                        + "', not an absolute http(s) URI of at most 2048 characters");
            }
        }
        return registrations.setManually(partnerId, authorisationServerId, request.clientId().strip(), redirectUris)
                .map(TransmitterResource::view);
    }

    @POST
    @Path("/{authorisationServerId}/registration")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Register the partner at a transmitter by dynamic client registration",
            description = "Finds the authorisation server in the directory, fetches the partner's software statement "
                    + "assertion and registers over mutual TLS with the partner's transport certificate; updates the "
                    + "registration when one exists. Needs the credentials and active TRANSPORT and SIGNING certificates.")
    public Uni<TransmitterView> register(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                         @PathParam("authorisationServerId") String authorisationServerId) {
        UUID partnerId = tokens.verify(authorization);
        requireServerId(authorisationServerId);
        return registrations.register(partnerId, authorisationServerId, List.of()).map(TransmitterResource::view);
    }

    private static void requireServerId(String authorisationServerId) {
        if (!AUTHORISATION_SERVER_ID.matcher(authorisationServerId).matches()) {
            throw ApiException.notFound("No authorisation server " + authorisationServerId);
        }
    }

    static TransmitterView view(TransmitterRegistration r) {
        return new TransmitterView(r.authorisationServerId, r.clientId, r.source, r.issuer, r.redirectUriList(), r.createdAt,
                r.updatedAt);
    }
}
