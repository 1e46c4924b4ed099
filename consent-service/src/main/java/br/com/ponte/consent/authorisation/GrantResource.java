package br.com.ponte.consent.authorisation;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.security.InternalCallers;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

/**
 * What a platform service needs to act at the bank on a consent of any kind: the consent as its kind
 * describes it and a valid access token of the user (refreshed here when it is about to expire, under
 * the authorisation's row lock, so two callers never spend one refresh token twice). payment-service
 * initiates payments with it; collection-service reads shared data. Only platform services reach it
 * ({@link InternalCallers}).
 */
@Path("/internal/v1/consents/{id}/grant")
@Tag(name = "Internal (platform services only)")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll // service credentials are checked by InternalCallers
public class GrantResource {

    /**
     * @param kind             PAYMENT or SHARING
     * @param consent          the kind's view: for a payment consent the payments API's
     *                         {@code CreatePaymentConsent.data} as sent to the bank; for a sharing consent its
     *                         permissions and resources
     * @param automaticPayment the partner's details when a payment is to be initiated on authorisation
     */
    public record ConsentGrant(String consentId, String kind, String partnerId, String transmitter,
                               String transmitterConsentId, String status, Instant expirationDateTime,
                               String accessToken, JsonNode consent, JsonNode automaticPayment) {

        @Override
        public String toString() {
            return "ConsentGrant[" + consentId + ", " + status + ", token redacted]";
        }
    }

    private final InternalCallers callers;
    private final Authorisations authorisations;

    public GrantResource(InternalCallers callers, Authorisations authorisations) {
        this.callers = callers;
        this.authorisations = authorisations;
    }

    @POST
    @Operation(summary = "The consent and a valid access token of the user, to act at the bank",
            description = "404 for an unknown consent; 409 CONSENTIMENTO_INVALIDO when it cannot be used now (the "
                    + "answer names its status): a payment consent must be AUTHORISED, a sharing consent AUTHORISED.")
    public Uni<ConsentGrant> grant(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        callers.authenticate(authorization);
        UUID consentId = ApiException.uuidOrNotFound(id, "consent");
        return authorisations.grant(consentId).map(grant -> {
            Authorisation a = grant.authorisation();
            return new ConsentGrant(a.consentId.toString(), a.kind.name(), a.partnerId, a.transmitter,
                    a.transmitterConsentId, grant.consent().status(), grant.consent().expirationDateTime(),
                    grant.accessToken(), grant.consent().consent(), grant.consent().automaticPayment());
        });
    }

    /** The path payment-service called before the grant served every kind of consent: the same answer. */
    @Path("/internal/v1/payment-consents/{id}/payment-grant")
    @Tag(name = "Internal (platform services only)")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    public static class PaymentGrantAlias extends GrantResource {

        public PaymentGrantAlias(InternalCallers callers, Authorisations authorisations) {
            super(callers, authorisations);
        }
    }
}
