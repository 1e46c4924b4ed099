package br.com.ponte.vault.api;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.ErrorResponse;
import br.com.ponte.kit.audit.Actor;
import br.com.ponte.kit.audit.Audit;
import br.com.ponte.vault.domain.OfbOrganization;
import br.com.ponte.vault.domain.TokenSigner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

@Path("/v1/ofb-credentials")
@Tag(name = "Open Finance credentials")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll // the partner's access token is verified in process by TokenSigner
@SecurityRequirement(name = "partnerToken")
public class OfbCredentialsResource {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final TokenSigner tokens;
    private final Audit audit;

    public OfbCredentialsResource(TokenSigner tokens, Audit audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    /** The partner's identity in Open Finance Brasil's directory. */
    public record OfbCredentials(String organizationId, String softwareStatementId, Instant updatedAt) {
    }

    @PUT
    @Operation(summary = "Set the partner's organizationId and softwareStatementId",
            description = "The participant code and software statement from Open Finance Brasil's directory. "
                    + "Certificates are checked against them on upload; those already uploaded are not re-checked.")
    public Uni<OfbCredentials> put(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, OfbCredentials request) {
        UUID partnerId = tokens.verify(authorization);
        List<ErrorResponse.Error> errors = new ArrayList<>();
        check(errors, "organizationId", request == null ? null : request.organizationId());
        check(errors, "softwareStatementId", request == null ? null : request.softwareStatementId());
        if (!errors.isEmpty()) {
            throw new ApiException(422, errors);
        }
        return Panache.withTransaction(() -> OfbOrganization.<OfbOrganization>findById(partnerId).chain(existing -> {
            OfbOrganization organization = existing != null ? existing : new OfbOrganization();
            Map<String, String> details = new LinkedHashMap<>();
            if (existing != null) {
                details.put("previousOrganizationId", existing.organizationId);
                details.put("previousSoftwareStatementId", existing.softwareStatementId);
            }
            organization.partnerId = partnerId;
            organization.organizationId = request.organizationId().strip();
            organization.softwareStatementId = request.softwareStatementId().strip();
            organization.updatedAt = Instant.now();
            details.put("organizationId", organization.organizationId);
            details.put("softwareStatementId", organization.softwareStatementId);
            return organization.persist()
                    .call(() -> audit.record(Actor.partner(partnerId.toString()),
                            existing != null ? "ofb-credentials.changed" : "ofb-credentials.set", "ofb-credentials",
                            partnerId.toString(), partnerId.toString(), details, organization.updatedAt))
                    .replaceWith(view(organization));
        }));
    }

    @GET
    @Operation(summary = "The partner's organizationId and softwareStatementId")
    public Uni<OfbCredentials> get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        UUID partnerId = tokens.verify(authorization);
        return Panache.withSession(() -> OfbOrganization.<OfbOrganization>findById(partnerId)).map(organization -> {
            if (organization == null) {
                throw ApiException.notFound("No Open Finance credentials registered yet");
            }
            return view(organization);
        });
    }

    private static OfbCredentials view(OfbOrganization organization) {
        return new OfbCredentials(organization.organizationId, organization.softwareStatementId, organization.updatedAt);
    }

    private static void check(List<ErrorResponse.Error> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new ErrorResponse.Error("PARAMETRO_NAO_INFORMADO", "Missing parameter", "'" + field + "' is required"));
        } else if (!IDENTIFIER.matcher(value.strip()).matches()) {
            errors.add(new ErrorResponse.Error("PARAMETRO_INVALIDO", "Invalid parameter",
                    "'" + field + "' must be 1 to 64 letters, digits, '.', '_' or '-', as in the directory"));
        }
    }
}
