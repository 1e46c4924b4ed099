package br.com.ponte.consent.bank;

import br.com.ponte.consent.authorisation.BankAuthorisations;
import br.com.ponte.consent.authorisation.Transmitters;
import br.com.ponte.consent.domain.PaymentConsent;
import br.com.ponte.fapi.BankConnection;
import br.com.ponte.fapi.FapiException;
import br.com.ponte.fapi.PaymentsApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Payment consents at the transmitter (payments API v4), for one partner's consent: create it
 * (client-credentials token, signed body, signed answer verified) and push its authorisation
 * (scope {@code payments}), read it, cancel its scheduled payments.
 */
@ApplicationScoped
public class BankConsents {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SCOPE = "payments";

    /** The bank refused to create the consent (422): its code and detail. */
    public record Refused(String code, String detail) {
    }

    /** The consent at the bank and its pushed authorisation, or the bank's refusal. */
    public record Outcome(String transmitterConsentId, BankAuthorisations.Pushed pushed, Refused refused) {
    }

    private final Transmitters transmitters;
    private final BankAuthorisations authorisations;

    public BankConsents(Transmitters transmitters, BankAuthorisations authorisations) {
        this.transmitters = transmitters;
        this.authorisations = authorisations;
    }

    /**
     * Creates the consent at the bank with the consent's id as {@code x-idempotency-key} (a retry gets
     * the same consent back) and pushes its authorisation request.
     */
    public Uni<Outcome> create(PaymentConsent consent) {
        return transmitters.open(consent.partnerId, consent.transmitter).chain(bank -> bank.withClientToken(SCOPE,
                        token -> bank.post(bank.server().endpoint(PaymentsApi.CONSENTS), token, consent.id.toString(), bankData(consent)))
                .chain(answer -> switch (answer.status()) {
                    case 201 -> {
                        String transmitterConsentId = answer.data().path("consentId").asText();
                        yield authorisations.push(bank, SCOPE, transmitterConsentId)
                                .map(pushed -> new Outcome(transmitterConsentId, pushed, null));
                    }
                    case 422 -> Uni.createFrom().item(new Outcome(null, null, new Refused(answer.errorCode(), answer.errorDetail())));
                    default -> Uni.createFrom().failure(Transmitters.unavailable(consent.transmitter, consent.id,
                            answer.status(), answer.errorCode()));
                }))
                .onFailure(FapiException.class).transform(e -> Transmitters.unavailable(consent.transmitter, consent.id,
                        (FapiException) e));
    }

    /** A new authorisation request for a consent already at the bank (the last one expired unused). */
    public Uni<BankAuthorisations.Pushed> pushAgain(PaymentConsent consent) {
        return transmitters.open(consent.partnerId, consent.transmitter)
                .chain(bank -> authorisations.push(bank, SCOPE, consent.transmitterConsentId))
                .onFailure(FapiException.class).transform(e -> Transmitters.unavailable(consent.transmitter, consent.id,
                        (FapiException) e));
    }

    /** The consent as the bank has it: the {@code data} of {@code ResponsePaymentConsent}. */
    public Uni<JsonNode> read(PaymentConsent consent) {
        return transmitters.open(consent.partnerId, consent.transmitter).chain(bank -> read(bank, consent));
    }

    private Uni<JsonNode> read(BankConnection bank, PaymentConsent consent) {
        return bank.withClientToken(SCOPE,
                        token -> bank.get(bank.server().endpoint(PaymentsApi.CONSENTS) + "/" + consent.transmitterConsentId, token))
                .map(answer -> {
                    if (answer.status() != 200) {
                        throw Transmitters.unavailable(consent.transmitter, consent.id, answer.status(), answer.errorCode());
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
        return transmitters.open(consent.partnerId, consent.transmitter).chain(bank -> bank.withClientToken(SCOPE,
                        token -> bank.patch(bank.server().endpoint(PaymentsApi.PIX) + "/consents/" + consent.transmitterConsentId,
                                token, revocationKey(consent), PaymentsApi.cancellation(consent.loggedUserDocument))))
                .map(answer -> {
                    if (answer.status() != 200 && answer.status() != 404 && answer.status() != 422) {
                        throw Transmitters.unavailable(consent.transmitter, consent.id, answer.status(), answer.errorCode());
                    }
                    return null;
                })
                .onFailure(FapiException.class).transform(e -> Transmitters.unavailable(consent.transmitter, consent.id,
                        (FapiException) e))
                .replaceWithVoid();
    }

    /** A stable idempotency key for the revocation's cancellation, a UUID as the spec's 40-character limit allows. */
    static String revocationKey(PaymentConsent consent) {
        return UUID.nameUUIDFromBytes(("revoke:" + consent.id).getBytes(StandardCharsets.UTF_8)).toString();
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
}
