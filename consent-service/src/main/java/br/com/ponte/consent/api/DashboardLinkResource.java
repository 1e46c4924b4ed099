package br.com.ponte.consent.api;

import br.com.ponte.consent.dashboard.DashboardLinks;
import br.com.ponte.events.EventTime;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.IdempotencyKeys;
import br.com.ponte.kit.security.CurrentPartner;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

@Path("/v1/sharing-dashboard-links")
@Tag(name = "Data sharing: dashboard")
@SecurityRequirement(name = "partnerToken")
@RolesAllowed(CurrentPartner.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DashboardLinkResource {

    /** The link to send the user to, and until when it can be followed. */
    public record DashboardLinkResponse(String url, Instant expirationDateTime) {
    }

    private final DashboardLinks links;
    private final CurrentPartner partner;

    public DashboardLinkResource(DashboardLinks links, CurrentPartner partner) {
        this.links = links;
        this.partner = partner;
    }

    @POST
    @Operation(summary = "Make a link to the user's \"Meus compartilhamentos\"",
            description = "For the user (loggedUser.document: CPF) and, for a company's consents, businessEntity.document "
                    + "(CNPJ). 201 with url and expirationDateTime: send the user there now; the link can be followed once, "
                    + "within ponte.sharing.dashboard-link-lifetime (15 minutes), and opens the user's dashboard (every "
                    + "sharing consent of this user with this partner: active, pending and inactive, with details, "
                    + "revocation, renewal) in the partner's whitelabel for ponte.sharing.dashboard-session-lifetime. Make a "
                    + "new link each time the user opens the dashboard from the partner's app or site. 422 lists every "
                    + "problem (PARAMETRO_NAO_INFORMADO, PARAMETRO_INVALIDO) and writes nothing. With x-idempotency-key, a "
                    + "repeated request gets the same link; the same key with another body is 422 ERRO_IDEMPOTENCIA.")
    public Uni<Response> make(@HeaderParam("x-idempotency-key")
                              @Parameter(description = "Makes retries safe: same key, same link") String idempotencyKey,
                              DashboardLinkRequest request) {
        Instant now = EventTime.now();
        IdempotencyKeys.check(idempotencyKey);
        validate(request);
        String cnpj = request.businessEntity() == null ? null : request.businessEntity().document().identification();
        return links.make(partner.id(), request.loggedUser().document().identification(), cnpj, idempotencyKey,
                        IdempotencyKeys.requestHash(request), now)
                .map(made -> Response.status(201).entity(new DashboardLinkResponse(made.url(), made.link().expiresAt)).build());
    }

    private static void validate(DashboardLinkRequest r) {
        if (r == null) {
            throw ApiException.badRequest("PARAMETRO_NAO_INFORMADO", "The request body is required");
        }
        FieldErrors errors = new FieldErrors();
        UserDocuments.check(errors, r.loggedUser(), r.businessEntity());
        errors.throwIfAny();
    }
}
