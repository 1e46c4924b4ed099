package br.com.ponte.consent.api;

import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.consent.sharing.SharingExtension;
import br.com.ponte.consent.sharing.SharingJourney;
import br.com.ponte.consent.sharing.SharingResource;
import br.com.ponte.consent.sharing.SharingStatus;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.IdempotencyKeys;
import br.com.ponte.kit.security.CurrentPartner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

@Path("/v1/sharing-consents")
@Tag(name = "Data sharing: consents")
@SecurityRequirement(name = "partnerToken")
@RolesAllowed(CurrentPartner.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SharingConsentResource {

    private final SharingJourney journey;
    private final CurrentPartner partner;

    public SharingConsentResource(SharingJourney journey, CurrentPartner partner) {
        this.journey = journey;
        this.partner = partner;
    }

    /** A page of consents, Open Finance style: {@code data} and {@code meta}. */
    public record ConsentPage(List<SharingConsentResponse> data, Meta meta) {
    }

    public record Meta(long totalRecords, int totalPages, int page, int pageSize) {
    }

    @GET
    @Operation(summary = "The partner's sharing consents, newest first",
            description = "Filters: status (AWAITING_AUTHORISATION, AUTHORISED, REJECTED), sessionId, document (the user's "
                    + "CPF). Pages: page (from 1), page-size (1 to 1000, default 25). Resources and renewals are in each "
                    + "consent's own read.")
    public Uni<ConsentPage> list(@QueryParam("status") String status, @QueryParam("sessionId") String sessionId,
                           @QueryParam("document") String document,
                           @QueryParam("page") @DefaultValue("1") int page,
                           @QueryParam("page-size") @DefaultValue("25") int pageSize) {
        FieldErrors errors = new FieldErrors();
        SharingStatus wanted = null;
        if (status != null) {
            try {
                wanted = SharingStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                errors.invalid("status", "must be AWAITING_AUTHORISATION, AUTHORISED or REJECTED");
            }
        }
        UUID session = null;
        if (sessionId != null) {
            try {
                session = UUID.fromString(sessionId);
            } catch (IllegalArgumentException e) {
                errors.invalid("sessionId", "must be a session id (UUID)");
            }
        }
        if (document != null && !document.matches("\\d{11}")) {
            errors.invalid("document", "must be a CPF, 11 digits");
        }
        if (page < 1) {
            errors.invalid("page", "must be 1 or more");
        }
        if (pageSize < 1 || pageSize > 1000) {
            errors.invalid("page-size", "must be from 1 to 1000");
        }
        errors.throwIfAny();
        StringBuilder query = new StringBuilder("partnerId = :partner");
        Parameters parameters = Parameters.with("partner", partner.id());
        if (wanted != null) {
            query.append(" and status = :status");
            parameters.and("status", wanted);
        }
        if (session != null) {
            query.append(" and sessionId = :session");
            parameters.and("session", session);
        }
        if (document != null) {
            query.append(" and loggedUserDocument = :document");
            parameters.and("document", document);
        }
        return Panache.withSession(() -> {
            var found = SharingConsent.<SharingConsent>find(query.toString(), Sort.descending("createdAt"), parameters);
            return found.count().chain(total -> found.page(Page.of(page - 1, pageSize)).list().map(consents -> new ConsentPage(
                    consents.stream().map(c -> SharingConsentResponse.of(c, null, null)).toList(),
                    new Meta(total, (int) Math.max(1, (total + pageSize - 1) / pageSize), page, pageSize))));
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a sharing consent",
            description = "Its status (kept in step with the institution without being told: revocations and expiries "
                    + "there, resources moving), groups and permissions granted, term (or indefinite), every resource with "
                    + "its status, how it ended, and its renewals.")
    public Uni<SharingConsentResponse> get(@PathParam("id") String id) {
        UUID consentId = ApiException.uuidOrNotFound(id, "sharing consent");
        return owned(consentId).chain(SharingConsentResource::full);
    }

    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Revoke a sharing consent",
            description = "The partner ends the sharing: revoked at the institution (DELETE /consents/{id}), then here, "
                    + "with revokedBy PARTNER and channel PARTNER_API; sharing:consent:revoked. A consent still awaiting the "
                    + "user is cancelled (sharing:consent:rejected). 204. 422 CONSENTIMENTO_EM_STATUS_REJEITADO for a "
                    + "consent that ended already; 502/504 when the institution cannot be reached (nothing changed: retry).")
    public Uni<Response> revoke(@PathParam("id") String id) {
        UUID consentId = ApiException.uuidOrNotFound(id, "sharing consent");
        return owned(consentId).chain(consent -> journey.revoke(consent.id, "PARTNER", "PARTNER_API"))
                .map(revoked -> Response.noContent().build());
    }

    /**
     * @param durationMonths    the new term, counted from now, 1 to 12 months; or {@code indefinite} true
     * @param customerIpAddress the user's IP address, which the institution requires for a renewal
     * @param customerUserAgent the user's browser or app, which the institution requires too
     */
    public record ExtendRequest(Integer durationMonths, Boolean indefinite, String customerIpAddress,
                                String customerUserAgent) {
    }

    @POST
    @Path("/{id}/extends")
    @Operation(summary = "Renew a sharing consent without a new journey",
            description = "Consents API v3 extends, with the user's authorisation Ponte holds: the new term is durationMonths "
                    + "(1 to 12) from now, or indefinite. The user's customerIpAddress and customerUserAgent are required, as "
                    + "the institution requires them. 200 with the consent; sharing:consent:extended. The institution's "
                    + "refusal is a 422 with its code: DEPENDE_MULTIPLA_ALCADA (consents of several approvers cannot be "
                    + "renewed so: send the user to the dashboard for a new journey), ESTADO_CONSENTIMENTO_INVALIDO, "
                    + "DATA_EXPIRACAO_INVALIDA. With x-idempotency-key a repeated request is answered without renewing again.")
    public Uni<SharingConsentResponse> extend(@PathParam("id") String id,
                                              @HeaderParam("x-idempotency-key")
                                              @Parameter(description = "Makes retries safe") String idempotencyKey,
                                              ExtendRequest request) {
        UUID consentId = ApiException.uuidOrNotFound(id, "sharing consent");
        IdempotencyKeys.check(idempotencyKey);
        Instant expiration = validate(request);
        String hash = IdempotencyKeys.requestHash(request);
        String partnerId = partner.id();
        Uni<SharingExtension> replay = idempotencyKey == null ? Uni.createFrom().nullItem()
                : Panache.withSession(() -> SharingExtension.findByIdempotencyKey(partnerId, idempotencyKey));
        return owned(consentId).chain(consent -> replay.chain(earlier -> {
            if (earlier != null) {
                if (!earlier.requestHash.equals(hash) || !earlier.consentId.equals(consentId)) {
                    throw IdempotencyKeys.reusedWithAnotherRequest(idempotencyKey);
                }
                return Uni.createFrom().item(consent);
            }
            return journey.extend(consentId, expiration, "PARTNER", request.customerIpAddress().strip(),
                    request.customerUserAgent().strip(), idempotencyKey, hash);
        })).chain(SharingConsentResource::full);
    }

    private static Instant validate(ExtendRequest r) {
        if (r == null) {
            throw ApiException.badRequest("PARAMETRO_NAO_INFORMADO", "The request body is required");
        }
        FieldErrors errors = new FieldErrors();
        if (r.durationMonths() != null && Boolean.TRUE.equals(r.indefinite())) {
            errors.invalid("durationMonths", "and indefinite cannot both be sent");
        } else if (r.durationMonths() == null && !Boolean.TRUE.equals(r.indefinite())) {
            errors.missing("durationMonths (1 to 12) or indefinite");
        } else if (r.durationMonths() != null && (r.durationMonths() < 1 || r.durationMonths() > 12)) {
            errors.invalid("durationMonths", "must be from 1 to 12");
        }
        if (FieldErrors.blank(r.customerIpAddress())) {
            errors.missing("customerIpAddress");
        } else if (r.customerIpAddress().length() > 100) {
            errors.invalid("customerIpAddress", "has more than 100 characters");
        }
        if (FieldErrors.blank(r.customerUserAgent())) {
            errors.missing("customerUserAgent");
        } else if (r.customerUserAgent().length() > 255) {
            errors.invalid("customerUserAgent", "has more than 255 characters");
        }
        errors.throwIfAny();
        return r.durationMonths() == null ? null : Instant.now().atOffset(ZoneOffset.UTC).plusMonths(r.durationMonths())
                .toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private Uni<SharingConsent> owned(UUID consentId) {
        String partnerId = partner.id();
        return Panache.withSession(() -> SharingConsent.findForPartner(consentId, partnerId)).map(consent -> {
            if (consent == null) {
                throw ApiException.notFound("No sharing consent " + consentId);
            }
            return consent;
        });
    }

    static Uni<SharingConsentResponse> full(SharingConsent consent) {
        return Panache.withSession(() -> SharingConsent.<SharingConsent>findById(consent.id)
                .chain(fresh -> SharingResource.ofConsent(fresh.id)
                        .chain(resources -> SharingExtension.ofConsent(fresh.id)
                                .map(extensions -> SharingConsentResponse.of(fresh, resources, extensions)))));
    }
}
