package br.com.ponte.consent.bank;

import br.com.ponte.consent.config.ConsentConfig;
import br.com.ponte.consent.domain.PaymentConsent;
import br.com.ponte.fapi.AuthorizationRequest;
import br.com.ponte.fapi.BankConnection;
import br.com.ponte.fapi.BankConnections;
import br.com.ponte.fapi.FapiException;
import br.com.ponte.fapi.IdTokens;
import br.com.ponte.fapi.PaymentsApi;
import br.com.ponte.fapi.Tokens;
import br.com.ponte.kit.api.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Payment consents at the transmitter (payments API v4), for one partner's consent: create it
 * (client-credentials token, signed body, signed answer verified), push the authorisation request
 * (PAR, scope {@code openid payments consent:<id>}), complete the authorisation on the callback
 * (id_token checked, code exchanged), read it, refresh the user's token.
 */
@ApplicationScoped
public class BankConsents {

    private static final Logger LOG = Logger.getLogger(BankConsents.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> ACR = List.of("urn:brasil:openbanking:loa2");

    /** The consent at the bank and the redirect to send the user to. */
    public record Created(String transmitterConsentId, String status, String authorisationUrl, String state,
                          String nonce, String codeVerifier) {

        @Override
        public String toString() {
            return "Created[" + transmitterConsentId + ", " + status + "]";
        }
    }

    /** The bank refused to create the consent (422): its code and detail. */
    public record Refused(String code, String detail) {
    }

    /** Either a {@link Created} or a {@link Refused}. */
    public record Outcome(Created created, Refused refused) {
    }

    /** The user's tokens after the callback, and the consent's status at the bank then. */
    public record Authorised(Tokens tokens, String status) {

        @Override
        public String toString() {
            return "Authorised[" + status + "]";
        }
    }

    private final BankConnections banks;
    private final ConsentConfig config;

    public BankConsents(BankConnections banks, ConsentConfig config) {
        this.banks = banks;
        this.config = config;
    }

    /**
     * Creates the consent at the bank with the consent's id as {@code x-idempotency-key} (a retry gets
     * the same consent back) and pushes its authorisation request.
     */
    public Uni<Outcome> create(PaymentConsent consent) {
        return connect(consent).chain(bank -> bank.withClientToken("payments",
                        token -> bank.post(bank.server().endpoint(PaymentsApi.CONSENTS), token, consent.id.toString(), bankData(consent)))
                .chain(answer -> switch (answer.status()) {
                    case 201 -> push(bank, answer.data().path("consentId").asText(), answer.data().path("status").asText());
                    case 422 -> Uni.createFrom().item(new Outcome(null, new Refused(answer.errorCode(), answer.errorDetail())));
                    default -> Uni.createFrom().failure(unavailable(consent, answer.status(), answer.errorCode()));
                }))
                .onFailure(FapiException.class).transform(e -> unavailable(consent, (FapiException) e));
    }

    /** A new authorisation request for a consent already at the bank (the last one expired unused). */
    public Uni<Created> pushAgain(PaymentConsent consent) {
        return connect(consent).chain(bank -> push(bank, consent.transmitterConsentId, consent.status.wireValue()))
                .map(Outcome::created)
                .onFailure(FapiException.class).transform(e -> unavailable(consent, (FapiException) e));
    }

    private Uni<Outcome> push(BankConnection bank, String transmitterConsentId, String status) {
        return bank.fapi().pushAuthorization(bank.transmitter(), bank.signer(),
                        new AuthorizationRequest("openid payments consent:" + transmitterConsentId, config.callbackUrl(),
                                "code id_token", ACR))
                .map(pushed -> new Outcome(new Created(transmitterConsentId, status, pushed.authorizationUrl(),
                        pushed.state(), pushed.nonce(), pushed.codeVerifier()), null));
    }

    /** Checks the id_token of the callback, exchanges the code, and reads the consent's status at the bank. */
    public Uni<Authorised> complete(PaymentConsent consent, String code, String idToken, String codeVerifier) {
        return connect(consent).chain(bank -> {
            IdTokens.validate(idToken, bank.transmitter(), bank.bankKeys(), consent.authorisationNonce, code,
                    consent.authorisationState, ACR);
            return bank.fapi().exchangeCode(bank.transmitter(), bank.signer(), code, config.callbackUrl(), codeVerifier)
                    .chain(tokens -> read(bank, consent).map(status -> new Authorised(tokens, status.path("status").asText())));
        });
    }

    /** The consent as the bank has it: the {@code data} of {@code ResponsePaymentConsent}. */
    public Uni<JsonNode> read(PaymentConsent consent) {
        return connect(consent).chain(bank -> read(bank, consent));
    }

    private Uni<JsonNode> read(BankConnection bank, PaymentConsent consent) {
        return bank.withClientToken("payments",
                        token -> bank.get(bank.server().endpoint(PaymentsApi.CONSENTS) + "/" + consent.transmitterConsentId, token))
                .map(answer -> {
                    if (answer.status() != 200) {
                        throw unavailable(consent, answer.status(), answer.errorCode());
                    }
                    return answer.data();
                });
    }

    /**
     * Cancels, at the bank, every payment of the consent still held or scheduled ({@code PATCH
     * /pix/payments/consents/{consentId}}, on behalf of the logged user): what revoking a consent
     * with a recurring schedule must do, or its scheduled payments would still settle. Nothing left
     * to cancel (422, 404) is no failure.
     */
    public Uni<Void> cancelScheduledPayments(PaymentConsent consent) {
        return connect(consent).chain(bank -> bank.withClientToken("payments",
                        token -> bank.patch(bank.server().endpoint(PaymentsApi.PIX) + "/consents/" + consent.transmitterConsentId,
                                token, revocationKey(consent), PaymentsApi.cancellation(consent.loggedUserDocument))))
                .map(answer -> {
                    if (answer.status() != 200 && answer.status() != 404 && answer.status() != 422) {
                        throw unavailable(consent, answer.status(), answer.errorCode());
                    }
                    return null;
                })
                .onFailure(FapiException.class).transform(e -> unavailable(consent, (FapiException) e))
                .replaceWithVoid();
    }

    /** A stable idempotency key for the revocation's cancellation, a UUID as the spec's 40-character limit allows. */
    static String revocationKey(PaymentConsent consent) {
        return java.util.UUID.nameUUIDFromBytes(("revoke:" + consent.id).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** New tokens for the user's refresh token (the bank may rotate it: keep the one returned). */
    public Uni<Tokens> refresh(PaymentConsent consent, String refreshToken) {
        return connect(consent).chain(bank -> bank.fapi().refresh(bank.transmitter(), bank.signer(), refreshToken));
    }

    private Uni<BankConnection> connect(PaymentConsent consent) {
        return banks.open(consent.partnerId, consent.transmitter)
                .onFailure(FapiException.class).transform(e -> {
                    FapiException f = (FapiException) e;
                    if ("unknown_transmitter".equals(f.error())) {
                        return ApiException.unprocessable("PARAMETRO_INVALIDO",
                                "transmitter " + consent.transmitter + " is no authorisation server in the directory");
                    }
                    if (f.error().startsWith("vault_")) {
                        return ApiException.unprocessable("CREDENCIAIS_AUSENTES", "The partner has no client at transmitter "
                                + consent.transmitter + " or no active certificates in the vault (" + f.error() + ")");
                    }
                    return f;
                });
    }

    /** The partner's request as the payments API's {@code CreatePaymentConsent.data}: Ponte's own fields removed. */
    public static ObjectNode bankData(PaymentConsent consent) {
        try {
            ObjectNode data = (ObjectNode) JSON.readTree(consent.request);
            data.remove(List.of("transmitter", "redirectUri", "automaticPayment"));
            removeNulls(data);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void removeNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> nulls = new java.util.ArrayList<>();
            object.fields().forEachRemaining(f -> {
                if (f.getValue().isNull()) {
                    nulls.add(f.getKey());
                } else {
                    removeNulls(f.getValue());
                }
            });
            object.remove(nulls);
        } else if (node.isArray()) {
            node.forEach(BankConsents::removeNulls);
        }
    }

    private static ApiException unavailable(PaymentConsent consent, int status, String code) {
        LOG.warnf("Transmitter %s answered HTTP %d (%s) for consent %s", consent.transmitter, status, code, consent.id);
        return new ApiException(502, "ERRO_TRANSMISSORA", "Transmitter error",
                "The transmitter answered HTTP " + status + " (" + code + "); retry with the same x-idempotency-key");
    }

    private static ApiException unavailable(PaymentConsent consent, FapiException e) {
        LOG.warnf("Calling transmitter %s for consent %s failed: %s %s", consent.transmitter, consent.id, e.error(),
                e.getMessage());
        return new ApiException(e.status() == 0 ? 504 : 502, "TRANSMISSORA_INDISPONIVEL", "Transmitter unavailable",
                "The transmitter could not be reached or answered unexpectedly (" + e.error()
                        + "); retry with the same x-idempotency-key");
    }

    static Instant expiry(Tokens tokens) {
        return Instant.now().plusSeconds(Math.max(0, tokens.expiresIn()));
    }
}
