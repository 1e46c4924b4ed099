package br.com.ponte.consent.api;

import br.com.ponte.consent.bank.BankConsents;
import br.com.ponte.consent.bank.ConsentJourney;
import br.com.ponte.consent.domain.ConsentStatus;
import br.com.ponte.consent.config.ConsentConfig;
import br.com.ponte.consent.domain.PaymentConsent;
import br.com.ponte.consent.domain.PaymentConsents;
import br.com.ponte.events.EventTime;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.IdempotencyKeys;
import br.com.ponte.kit.security.CurrentPartner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

@Path("/v1/payment-consents")
@Tag(name = "Payment consents")
@SecurityRequirement(name = "partnerToken")
@RolesAllowed(CurrentPartner.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PaymentConsentResource {


    private final PaymentConsents consents;
    private final ConsentJourney journey;
    private final BankConsents bank;
    private final CurrentPartner partner;
    private final ConsentConfig config;

    public PaymentConsentResource(PaymentConsents consents, ConsentJourney journey, BankConsents bank,
                                  CurrentPartner partner, ConsentConfig config) {
        this.consents = consents;
        this.journey = journey;
        this.bank = bank;
        this.partner = partner;
        this.config = config;
    }

    @POST
    @Operation(summary = "Create a payment consent at the transmitter",
            description = "Validates the Open Finance consent request, creates the consent at the transmitter and pushes "
                    + "the authorisation request (PAR): the answer's authorisationUrl is where to send the user, within a "
                    + "minute. Emits before:consent:create and after:consent:create (consent:rejected when the transmitter "
                    + "refuses, with its 422). With x-idempotency-key, a repeated request gets the same answer and creates "
                    + "nothing; the same key with another body is 422 ERRO_IDEMPOTENCIA. After a 502/504 (transmitter "
                    + "unreachable) retry with the same key: the consent is completed, not duplicated.")
    public Uni<Response> create(@HeaderParam("x-idempotency-key")
                                @Parameter(description = "Makes retries safe: same key, same answer") String idempotencyKey,
                                PaymentConsentRequest request) {
        Instant receivedAt = EventTime.now();
        IdempotencyKeys.check(idempotencyKey);
        ConsentRequestValidator.validate(request);
        String partnerId = partner.id();
        String hash = IdempotencyKeys.requestHash(request);
        Uni<PaymentConsent> stored = idempotencyKey == null ? open(partnerId, request, null, null, receivedAt)
                : Panache.withSession(() -> PaymentConsent.findByIdempotencyKey(partnerId, idempotencyKey))
                .chain(existing -> {
                    if (existing == null) {
                        return open(partnerId, request, idempotencyKey, hash, receivedAt);
                    }
                    if (!existing.requestHash.equals(hash)) {
                        throw IdempotencyKeys.reusedWithAnotherRequest(idempotencyKey);
                    }
                    return Uni.createFrom().item(existing);
                });
        return stored.chain(journey::createAtBank).map(consent -> Response
                .created(URI.create("/v1/payment-consents/" + consent.id))
                .entity(PaymentConsentResponse.of(consent))
                .build());
    }

    private Uni<PaymentConsent> open(String partnerId, PaymentConsentRequest request, String idempotencyKey, String hash,
                                     Instant receivedAt) {
        PaymentConsent consent = request.toConsent(partnerId, receivedAt, config.authorisationWindow());
        consent.idempotencyKey = idempotencyKey;
        consent.requestHash = hash;
        return consents.open(consent, receivedAt);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a payment consent",
            description = "Its status (kept in step with the transmitter: the user's return, the approvers, the payment), "
                    + "the transmitter's consent id, the rejection reason if any.")
    public Uni<PaymentConsentResponse> get(@PathParam("id") String id) {
        UUID consentId = ApiException.uuidOrNotFound(id, "payment consent");
        String partnerId = partner.id();
        return Panache.withSession(() -> PaymentConsent.findForPartner(consentId, partnerId))
                .map(consent -> {
                    if (consent == null) {
                        throw ApiException.notFound("No payment consent " + id);
                    }
                    return PaymentConsentResponse.of(consent);
                });
    }

    @POST
    @Path("/{id}/authorisation-url")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A new authorisation URL for a consent still awaiting the user",
            description = "The bank keeps a pushed authorisation request about a minute: when the user gets to it later, "
                    + "this pushes a new one and answers the consent with the new authorisationUrl (the previous one no "
                    + "longer completes). 422 CONSENTIMENTO_NAO_AGUARDA_AUTORIZACAO once the consent left AWAITING_AUTHORISATION.")
    public Uni<PaymentConsentResponse> renewAuthorisation(@PathParam("id") String id) {
        UUID consentId = ApiException.uuidOrNotFound(id, "payment consent");
        String partnerId = partner.id();
        return Panache.withSession(() -> PaymentConsent.findForPartner(consentId, partnerId)).chain(consent -> {
            if (consent == null) {
                throw ApiException.notFound("No payment consent " + id);
            }
            return journey.renewAuthorisation(consent);
        }).map(PaymentConsentResponse::of);
    }

    /** Why a consent is revoked (optional). */
    public record RevokeRequest(String revokedBy, String reason) {
    }

    @POST
    @Path("/{id}/revoke")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Revoke a payment consent",
            description = "The user (revokedBy USER, the default) or the partner (TPP) withdraws a consent not used yet: it "
                    + "is REJECTED and its tokens are destroyed, so no payment can be initiated on it; emits consent:revoke. A "
                    + "consent with a recurring schedule has its held and scheduled payments cancelled at the bank first "
                    + "(502/504 when the bank cannot be reached: nothing changed, retry). "
                    + "A consumed or rejected consent cannot be revoked (422 CONSENTIMENTO_NAO_PERMITE_REVOGACAO).")
    public Uni<PaymentConsentResponse> revoke(@PathParam("id") String id, RevokeRequest request) {
        UUID consentId = ApiException.uuidOrNotFound(id, "payment consent");
        String partnerId = partner.id();
        String by = request == null || request.revokedBy() == null ? "USER" : request.revokedBy();
        if (!by.equals("USER") && !by.equals("TPP")) {
            throw ApiException.unprocessable("PARAMETRO_INVALIDO", "revokedBy must be USER or TPP");
        }
        String reason = request == null || request.reason() == null ? "Revogado pelo usuário" : request.reason();
        return Panache.withSession(() -> PaymentConsent.findForPartner(consentId, partnerId)).chain(found -> {
            if (found == null) {
                throw ApiException.notFound("No payment consent " + id);
            }
            if (found.status.isFinal()) {
                throw ApiException.unprocessable("CONSENTIMENTO_NAO_PERMITE_REVOGACAO",
                        "The consent is " + found.status + " and cannot be revoked");
            }
            // a recurring consent may have payments scheduled at the bank already: they are cancelled first
            boolean scheduledAtBank = found.status == ConsentStatus.AUTHORISED && found.hasRecurringSchedule();
            return (scheduledAtBank ? bank.cancelScheduledPayments(found) : Uni.createFrom().voidItem())
                    .chain(() -> consents.revoke(consentId, by, reason, partnerId));
        }).map(PaymentConsentResponse::of);
    }
}
