package br.com.ponte.consent.internal;

import br.com.ponte.consent.bank.BankConsents;
import br.com.ponte.consent.domain.ConsentGrant;
import br.com.ponte.consent.domain.ConsentStatus;
import br.com.ponte.consent.domain.PaymentConsent;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.crypto.EnvelopeCipher;
import br.com.ponte.kit.security.InternalCallers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.persistence.LockModeType;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What payment-service needs to initiate a Pix payment on an authorised consent: the consent as sent
 * to the bank and a valid access token of the user (refreshed here when it is about to expire, under
 * the consent's row lock so two callers never spend one refresh token twice). Only platform services
 * reach it ({@link InternalCallers}).
 */
@Path("/internal/v1/payment-consents/{id}/payment-grant")
@Tag(name = "Internal (platform services only)")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll // service credentials are checked by InternalCallers
public class PaymentGrantResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A token expiring sooner than this is refreshed before it is handed out. */
    private static final Duration MARGIN = Duration.ofSeconds(60);

    /**
     * @param consent          the payments API's {@code CreatePaymentConsent.data} as sent to the bank
     * @param automaticPayment the partner's details when the payment is to be initiated on authorisation
     */
    public record PaymentGrant(String consentId, String partnerId, String transmitter, String transmitterConsentId,
                               String status, Instant expirationDateTime, String accessToken, JsonNode consent,
                               JsonNode automaticPayment) {

        @Override
        public String toString() {
            return "PaymentGrant[" + consentId + ", " + status + ", token redacted]";
        }
    }

    private final InternalCallers callers;
    private final BankConsents bank;
    private final EnvelopeCipher cipher;

    public PaymentGrantResource(InternalCallers callers, BankConsents bank, EnvelopeCipher cipher) {
        this.callers = callers;
        this.bank = bank;
        this.cipher = cipher;
    }

    @POST
    @Operation(summary = "The consent and a valid user access token, to initiate its payment",
            description = "409 CONSENTIMENTO_INVALIDO when the consent is not AUTHORISED (the answer names its status).")
    public Uni<PaymentGrant> grant(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        callers.authenticate(authorization);
        UUID consentId = ApiException.uuidOrNotFound(id, "payment consent");
        return Panache.withSession(() -> PaymentConsent.<PaymentConsent>findById(consentId)).chain(consent -> {
            if (consent == null) {
                throw ApiException.notFound("No payment consent " + id);
            }
            requireAuthorised(consent);
            ConsentGrant grant = ConsentGrant.of(consent, cipher);
            if (consent.accessTokenExpiresAt != null && consent.accessTokenExpiresAt.isAfter(Instant.now().plus(MARGIN))) {
                return Uni.createFrom().item(answer(consent, grant.accessToken()));
            }
            return refreshed(consentId);
        });
    }

    /** Refreshes under the row lock; a caller that waited for the lock finds the fresh token and uses it. */
    private Uni<PaymentGrant> refreshed(UUID consentId) {
        return Panache.withTransaction(() -> PaymentConsent.<PaymentConsent>findById(consentId, LockModeType.PESSIMISTIC_WRITE)
                .chain(consent -> {
                    requireAuthorised(consent);
                    ConsentGrant grant = ConsentGrant.of(consent, cipher);
                    if (consent.accessTokenExpiresAt != null && consent.accessTokenExpiresAt.isAfter(Instant.now().plus(MARGIN))) {
                        return Uni.createFrom().item(answer(consent, grant.accessToken()));
                    }
                    return bank.refresh(consent, grant.refreshToken()).map(tokens -> {
                        String refreshToken = tokens.refreshToken() == null ? grant.refreshToken() : tokens.refreshToken();
                        ConsentGrant.tokens(tokens.accessToken(), refreshToken)
                                .sealInto(consent, cipher, Instant.now().plusSeconds(tokens.expiresIn()));
                        return answer(consent, tokens.accessToken());
                    });
                }));
    }

    private static void requireAuthorised(PaymentConsent consent) {
        if (consent.status != ConsentStatus.AUTHORISED || consent.grantCiphertext == null) {
            throw ApiException.conflict("CONSENTIMENTO_INVALIDO", "The consent is " + consent.status + ", not AUTHORISED");
        }
    }

    private static PaymentGrant answer(PaymentConsent consent, String accessToken) {
        try {
            return new PaymentGrant(consent.id.toString(), consent.partnerId, consent.transmitter,
                    consent.transmitterConsentId, consent.status.wireValue(), consent.expirationDateTime, accessToken,
                    BankConsents.bankData(consent),
                    consent.automaticPayment == null ? null : JSON.readTree(consent.automaticPayment));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
