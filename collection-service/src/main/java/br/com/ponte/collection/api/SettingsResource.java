package br.com.ponte.collection.api;

import br.com.ponte.collection.domain.PartnerSettings;
import br.com.ponte.collection.domain.Retention;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.security.CurrentPartner;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/** The partner's collection settings: what happens to a consent's data when it ends. */
@Path("/v1/collection-settings")
@Tag(name = "Collection settings")
@SecurityRequirement(name = "partnerToken")
@RolesAllowed(CurrentPartner.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    /** {@code retention}: DELETE_AT_END (default) or KEEP. */
    public record Settings(String retention) {
    }

    private final CurrentPartner partner;
    private final PartnerSettings settings;

    public SettingsResource(CurrentPartner partner, PartnerSettings settings) {
        this.partner = partner;
        this.settings = settings;
    }

    @GET
    @Operation(summary = "The partner's collection settings")
    public Uni<Settings> get() {
        return settings.retention(partner.id()).map(r -> new Settings(r.name()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the retention policy",
            description = "{\"retention\": \"DELETE_AT_END\" | \"KEEP\"}. DELETE_AT_END (the default): when a consent is revoked "
                    + "or expires, every row collected under it is deleted at once (collection:data:deleted). KEEP: the data stays "
                    + "readable. Applies to consents that end after the change. 400 PARAMETRO_INVALIDO for another value.")
    public Uni<Settings> put(Settings request) {
        Retention retention;
        try {
            retention = Retention.valueOf(request == null || request.retention() == null ? "" : request.retention());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("PARAMETRO_INVALIDO", "retention must be DELETE_AT_END or KEEP");
        }
        return settings.setRetention(partner.id(), retention).map(r -> new Settings(r.name()));
    }
}
