package br.com.ponte.consent.bank;

import br.com.ponte.consent.config.ConsentConfig;
import br.com.ponte.consent.domain.ConsentGrant;
import br.com.ponte.consent.domain.ConsentStatus;
import br.com.ponte.consent.domain.PaymentConsent;
import br.com.ponte.consent.domain.PaymentConsents;
import br.com.ponte.fapi.FapiException;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.ErrorResponse;
import br.com.ponte.kit.crypto.EnvelopeCipher;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * The journey of a payment consent between the partner, the user and the bank: created at the bank
 * with the redirect pushed (PAR), completed on the user's return (callback), followed while more
 * approvers are needed. Each step calls the bank outside any transaction, then commits the change
 * and its event; a step interrupted by a crash is resumed by a retry (the bank call is idempotent).
 */
@ApplicationScoped
public class ConsentJourney {

    private static final Logger LOG = Logger.getLogger(ConsentJourney.class);

    /** Where the user's browser goes after the callback: the partner's redirect URI, with the outcome. */
    public record Return(String redirectUri, PaymentConsent consent) {
    }

    private final BankConsents bank;
    private final PaymentConsents consents;
    private final EnvelopeCipher cipher;
    private final ConsentConfig config;

    public ConsentJourney(BankConsents bank, PaymentConsents consents, EnvelopeCipher cipher, ConsentConfig config) {
        this.bank = bank;
        this.consents = consents;
        this.cipher = cipher;
        this.config = config;
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
            BankConsents.Created created = outcome.created();
            return consents.createdAtBank(consent.id, created.transmitterConsentId(), created.authorisationUrl(),
                    created.state(), created.nonce(), c -> {
                        ConsentGrant.verifier(created.codeVerifier()).sealInto(c, cipher, null);
                        return c;
                    });
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
        return bank.pushAgain(consent).chain(created -> consents.change(consent.id, c -> {
            if (c.status != ConsentStatus.AWAITING_AUTHORISATION) {
                return Uni.createFrom().item(c);
            }
            c.authorisationUrl = created.authorisationUrl();
            c.authorisationState = created.state();
            c.authorisationNonce = created.nonce();
            ConsentGrant.verifier(created.codeVerifier()).sealInto(c, cipher, null);
            return Uni.createFrom().item(c);
        }));
    }

    /**
     * The user is back from the bank with the fragment of its redirect: {@code code} and
     * {@code id_token}, or {@code error}. Completes the authorisation and says where to send the
     * user. An unknown or used state is a 400; a consent decided already sends the user on again.
     */
    public Uni<Return> callback(String state, String code, String idToken, String error, String errorDescription) {
        if (state == null || state.isBlank()) {
            return Uni.createFrom().failure(ApiException.badRequest("PARAMETRO_NAO_INFORMADO",
                    "The bank's redirect carries no state"));
        }
        return Panache.withSession(() -> PaymentConsent.findByAuthorisationState(state)).chain(consent -> {
            if (consent == null) {
                return Uni.createFrom().failure(ApiException.badRequest("ESTADO_INVALIDO",
                        "No authorisation is waiting for this state: it was completed already or never existed"));
            }
            if (error != null) {
                return rejectedAtBank(consent, error, errorDescription);
            }
            if (code == null || idToken == null) {
                return Uni.createFrom().failure(ApiException.badRequest("PARAMETRO_NAO_INFORMADO",
                        "The bank's redirect carries neither code and id_token nor error"));
            }
            ConsentGrant verifier = ConsentGrant.of(consent, cipher);
            return bank.complete(consent, code, idToken, verifier.codeVerifier())
                    .onFailure(FapiException.class).transform(e -> {
                        LOG.warnf("Authorisation of consent %s not completed: %s", consent.id, e.getMessage());
                        return ApiException.badRequest("AUTORIZACAO_INVALIDA",
                                "The bank's answer could not be verified (" + ((FapiException) e).error() + ")");
                    })
                    .chain(authorised -> switch (authorised.status()) {
                        case "AUTHORISED", "PARTIALLY_ACCEPTED" -> consents.approved(consent.id,
                                "PARTIALLY_ACCEPTED".equals(authorised.status()), config.consumptionWindow(), c -> {
                                    ConsentGrant.tokens(authorised.tokens().accessToken(), authorised.tokens().refreshToken())
                                            .sealInto(c, cipher, BankConsents.expiry(authorised.tokens()));
                                    return c;
                                });
                        case "REJECTED" -> bank.read(consent).chain(data -> rejectedAs(consent, data));
                        default -> Uni.createFrom().failure(ApiException.badRequest("AUTORIZACAO_INVALIDA",
                                "The bank reports the consent " + authorised.status() + " after the user's return"));
                    })
                    .map(c -> new Return(consent.redirectUri, c));
        });
    }

    private Uni<Return> rejectedAtBank(PaymentConsent consent, String error, String description) {
        // the bank has the reason; when it cannot be read, the user's refusal is what the redirect says
        return bank.read(consent)
                .chain(data -> rejectedAs(consent, data))
                .onFailure().recoverWithUni(e -> consents.rejected(consent.id, "USER", "REJEITADO_USUARIO",
                        description == null ? error : description))
                .map(c -> new Return(consent.redirectUri, c));
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
