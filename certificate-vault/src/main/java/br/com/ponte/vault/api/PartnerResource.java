package br.com.ponte.vault.api;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.vault.domain.PartnerService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

@Path("/v1/partners")
@Tag(name = "Partners")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll // authorised by the operator's admin token, checked in PartnerService
public class PartnerResource {

    private final PartnerService partners;

    public PartnerResource(PartnerService partners) {
        this.partners = partners;
    }

    public record CreatePartnerRequest(String name) {
    }

    /** The only time the client secret is ever shown. */
    public record CreatePartnerResponse(String id, String name, String clientId, String clientSecret) {
    }

    @POST
    @Operation(summary = "Onboard a partner",
            description = "Operator only (admin bearer token). Returns the partner's API credentials; "
                    + "the client secret is shown once and stored only as an Argon2id hash.")
    public Uni<Response> create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                CreatePartnerRequest request) {
        partners.requireAdmin(authorization);
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw ApiException.unprocessable("PARAMETRO_NAO_INFORMADO", "'name' is required");
        }
        String name = request.name().strip();
        if (name.length() > 200) {
            throw ApiException.unprocessable("PARAMETRO_INVALIDO", "'name' has more than 200 characters");
        }
        return partners.register(name).map(created -> Response
                .created(URI.create("/v1/partners/" + created.partner().id))
                .entity(new CreatePartnerResponse(created.partner().id.toString(), created.partner().name,
                        created.partner().clientId, created.clientSecret()))
                .build());
    }
}
