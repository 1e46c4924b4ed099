package br.com.ponte.consent.bank;

import br.com.ponte.consent.authorisation.Authorisation;
import br.com.ponte.consent.authorisation.ConsentHandler;
import br.com.ponte.consent.authorisation.ConsentKind;
import br.com.ponte.consent.config.ConsentConfig;
import br.com.ponte.consent.domain.ConsentStatus;
import br.com.ponte.consent.domain.PaymentConsent;
import br.com.ponte.consent.domain.PaymentConsents;
import br.com.ponte.fapi.Tokens;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.ErrorResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The journey of a payment consent between the partner, the user and the bank: created at the bank
 * with the redirect pushed (PAR), completed on the user's return (the authorisation callback hands
 * the payment consents' returns here), followed while more approvers are needed. Each step calls
 * the bank outside any transaction, then commits the change and its event; a step interrupted by a
 * crash is resumed by a retry (the bank call is idempotent).
 */
@ApplicationScoped
public class ConsentJourney implements ConsentHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BankConsents bank;
    private final PaymentConsents consents;
    private final ConsentConfig config;

    public ConsentJourney(BankConsents bank, PaymentConsents consents, ConsentConfig config) {
        this.bank = bank;
        this.consents = consents;
        this.config = config;
    }

    @Override
    public ConsentKind kind() {
        return ConsentKind.PAYMENT;
    }

    /**
     * Creates the stored consent at the bank and pushes its authorisation request. A consent already
     * there (a replay) is returned as it is. A 422 of the bank rejects the consent and is the
     * partner's answer too, with the bank's codes.
     */
    public Uni<PaymentConsent> createAtBank(PaymentConsent consent) {
        if (consent.transmitterConsentId != null || consent.status.isFinal()) {
            return Uni.createFrom().item(consent);
        }
        return bank.create(consent).chain(outcome -> {
            if (outcome.refused() != null) {
                return consents.refusedByBank(consent.id, outcome.refused().code(), outcome.refused().detail())
                        .invoke(rejected -> {
                            throw new ApiException(422, List.of(new ErrorResponse.Error(outcome.refused().code(),
                                    "Recusado pela transmissora", outcome.refused().detail())));
                        });
            }
            return consents.createdAtBank(consent.id, outcome.transmitterConsentId(), outcome.pushed());
        });
    }

    /**
     * A fresh redirect for a consent still awaiting the user: a new pushed request (the bank keeps one
     * only a minute or so), with new state, nonce and PKCE verifier; the previous redirect no longer
     * completes. Nothing changes at the bank and no event is written.
     */
    public Uni<PaymentConsent> renewAuthorisation(PaymentConsent consent) {
        if (consent.status != ConsentStatus.AWAITING_AUTHORISATION || consent.transmitterConsentId == null) {
            return Uni.createFrom().failure(ApiException.unprocessable("CONSENTIMENTO_NAO_AGUARDA_AUTORIZACAO",
                    "The consent is " + consent.status + (consent.transmitterConsentId == null ? " and not at the bank yet" : "")
                            + "; only a consent awaiting authorisation gets a new authorisation URL"));
        }
        return bank.pushAgain(consent).chain(pushed -> consents.pushedAgain(consent.id, pushed));
    }

    /**
     * The user approved at the bank: the consent is read there and mirrored: AUTHORISED or
     * PARTIALLY_ACCEPTED (the user's tokens kept) with {@code consent:approved}, or REJECTED with the
     * bank's reason. The user goes on to the partner's {@code redirectUri} with {@code consentId} and
     * {@code status}.
     */
    @Override
    public Uni<URI> approved(Authorisation authorisation, Tokens tokens) {
        return consent(authorisation.consentId).chain(consent -> bank.read(consent)
                .chain(data -> switch (data.path("status").asText()) {
                    case "AUTHORISED", "PARTIALLY_ACCEPTED" -> consents.approved(consent.id,
                            "PARTIALLY_ACCEPTED".equals(data.path("status").asText()), config.consumptionWindow(), tokens);
                    case "REJECTED" -> rejectedAs(consent, data);
                    default -> Uni.createFrom().failure(ApiException.badRequest("AUTORIZACAO_INVALIDA",
                            "The bank reports the consent " + data.path("status").asText() + " after the user's return"));
                })
                .map(ConsentJourney::partnerReturn));
    }

    @Override
    public Uni<URI> refused(Authorisation authorisation, String error, String description) {
        // the bank has the reason; when it cannot be read, the user's refusal is what the redirect says
        return consent(authorisation.consentId).chain(consent -> bank.read(consent)
                .chain(data -> rejectedAs(consent, data))
                .onFailure().recoverWithUni(e -> consents.rejected(consent.id, "USER", "REJEITADO_USUARIO",
                        description == null ? error : description))
                .map(ConsentJourney::partnerReturn));
    }

    @Override
    public Uni<Usable> usable(UUID consentId) {
        return consent(consentId).map(consent -> {
            if (consent.status != ConsentStatus.AUTHORISED) {
                throw ApiException.conflict("CONSENTIMENTO_INVALIDO", "The consent is " + consent.status + ", not AUTHORISED");
            }
            try {
                return new Usable(consent.status.wireValue(), consent.expirationDateTime, BankConsents.bankData(consent),
                        consent.automaticPayment == null ? null : JSON.readTree(consent.automaticPayment));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Uni<PaymentConsent> consent(UUID id) {
        return Panache.withSession(() -> PaymentConsent.<PaymentConsent>findById(id)).map(consent -> {
            if (consent == null) {
                throw ApiException.notFound("No payment consent " + id);
            }
            return consent;
        });
    }

    private static URI partnerReturn(PaymentConsent consent) {
        return UriBuilder.fromUri(consent.redirectUri)
                .queryParam("consentId", consent.id)
                .queryParam("status", consent.status.wireValue())
                .build();
    }

    private Uni<PaymentConsent> rejectedAs(PaymentConsent consent, JsonNode data) {
        JsonNode reason = data.path("rejectionReason");
        String code = reason.path("code").asText("REJEITADO_USUARIO");
        return consents.rejected(consent.id, "REJEITADO_USUARIO".equals(code) ? "USER" : "ASPSP", code,
                reason.path("detail").asText(null));
    }

    /**
     * A consent waiting for more approvers is read at the bank: AUTHORISED or REJECTED there is
     * mirrored (with its event); still PARTIALLY_ACCEPTED changes nothing.
     */
    public Uni<PaymentConsent> followMultipleApproval(UUID id) {
        return Panache.withSession(() -> PaymentConsent.<PaymentConsent>findById(id)).chain(consent -> {
            if (consent == null || consent.status != ConsentStatus.PARTIALLY_ACCEPTED) {
                return Uni.createFrom().item(consent);
            }
            return bank.read(consent).chain(data -> switch (data.path("status").asText()) {
                case "AUTHORISED" -> consents.approved(id, false, config.consumptionWindow(), null);
                case "REJECTED" -> rejectedAs(consent, data);
                default -> Uni.createFrom().item(consent);
            });
        });
    }
}
