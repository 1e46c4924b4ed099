package br.com.ponte.consent.authorisation;

import br.com.ponte.fapi.AuthorizationResponses;
import br.com.ponte.fapi.BankConnection;
import br.com.ponte.fapi.FapiException;
import br.com.ponte.fapi.Tokens;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.crypto.EnvelopeCipher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * Authorisations of consents of every kind: kept when a request is pushed, completed on the user's
 * return (the one callback), the user's tokens handed out (refreshed under the row lock, so one
 * refresh token is never spent twice) and forgotten when the consent ends. The methods that write
 * run inside the caller's transaction, beside the consent's own change and event.
 */
@ApplicationScoped
public class Authorisations {

    private static final Logger LOG = Logger.getLogger(Authorisations.class);
    /** A token expiring sooner than this is refreshed before it is handed out. */
    private static final Duration MARGIN = Duration.ofSeconds(60);

    /** A valid access token of the user for a consent, and the consent as its kind describes it. */
    public record Grant(Authorisation authorisation, String accessToken, ConsentHandler.Usable consent) {

        @Override
        public String toString() {
            return "Grant[" + authorisation.consentId + ", token redacted]";
        }
    }

    private final BankAuthorisations bank;
    private final EnvelopeCipher cipher;
    private final Map<ConsentKind, ConsentHandler> handlers = new EnumMap<>(ConsentKind.class);

    public Authorisations(BankAuthorisations bank, EnvelopeCipher cipher, Instance<ConsentHandler> handlers) {
        this.bank = bank;
        this.cipher = cipher;
        handlers.forEach(handler -> this.handlers.put(handler.kind(), handler));
    }

    /**
     * A new authorisation of a consent at the bank (or a fresh redirect for one whose user has not come
     * back yet: the previous state no longer completes). The PKCE verifier is sealed. Runs inside the
     * caller's transaction.
     */
    public Uni<Authorisation> pushed(ConsentKind kind, UUID consentId, String partnerId, String transmitter,
                                     String transmitterConsentId, BankAuthorisations.Pushed pushed) {
        Instant now = Instant.now();
        return Authorisation.<Authorisation>findById(consentId, LockModeType.PESSIMISTIC_WRITE).chain(existing -> {
            Authorisation authorisation = existing != null ? existing : new Authorisation();
            if (existing == null) {
                authorisation.consentId = consentId;
                authorisation.kind = kind;
                authorisation.partnerId = partnerId;
                authorisation.transmitter = transmitter;
                authorisation.createdAt = now;
            }
            authorisation.transmitterConsentId = transmitterConsentId;
            authorisation.redirectUri = pushed.redirectUri();
            authorisation.state = pushed.state();
            authorisation.nonce = pushed.nonce();
            authorisation.responseMode = pushed.responseMode();
            authorisation.updatedAt = now;
            SealedGrant.verifier(pushed.codeVerifier()).sealInto(authorisation, cipher, null);
            return authorisation.<Authorisation>persist();
        });
    }

    /** The user's tokens after the return: sealed, and the redirect's state spent. Runs inside the caller's transaction. */
    public Uni<Void> keepTokens(UUID consentId, Tokens tokens) {
        return Authorisation.<Authorisation>findById(consentId, LockModeType.PESSIMISTIC_WRITE).chain(authorisation -> {
            authorisation.state = null;
            authorisation.updatedAt = Instant.now();
            SealedGrant.tokens(tokens.accessToken(), tokens.refreshToken())
                    .sealInto(authorisation, cipher, Instant.now().plusSeconds(Math.max(0, tokens.expiresIn())));
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * The consent ended (rejected, revoked, consumed, expired): its redirect and tokens are destroyed.
     * Nothing to forget is no error. Runs inside the caller's transaction.
     */
    public Uni<Void> forget(UUID consentId) {
        return Authorisation.<Authorisation>findById(consentId, LockModeType.PESSIMISTIC_WRITE).chain(authorisation -> {
            if (authorisation != null && authorisation.grantCiphertext != null) {
                authorisation.forget(Instant.now());
            }
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * The user is back from the bank with its redirect's {@code code} and {@code id_token}, or
     * {@code error} (the hybrid flow), or with one signed {@code response} holding them (JARM):
     * completes the authorisation of whichever consent its state belongs to and says where to send
     * the user. An unknown or used state is a 400 {@code ESTADO_INVALIDO}; a return in another form
     * than the one asked of the bank, or a JARM response that fails its checks, 400 {@code AUTORIZACAO_INVALIDA}.
     */
    public Uni<URI> callback(BankReturn back) {
        String state = back.response() != null ? AuthorizationResponses.unverifiedState(back.response()) : back.state();
        if (state == null || state.isBlank()) {
            return Uni.createFrom().failure(ApiException.badRequest("PARAMETRO_NAO_INFORMADO",
                    "The bank's redirect carries no state"));
        }
        return Panache.withSession(() -> Authorisation.findByState(state)).chain(authorisation -> {
            if (authorisation == null) {
                return Uni.createFrom().failure(ApiException.badRequest("ESTADO_INVALIDO",
                        "No authorisation is waiting for this state: it was completed already or never existed"));
            }
            boolean jarm = authorisation.responseMode != null;
            if (jarm != (back.response() != null)) {
                LOG.warnf("Authorisation of consent %s: the bank's return is not in the form asked for (%s)",
                        authorisation.consentId, jarm ? "JARM" : "fragment");
                return Uni.createFrom().failure(invalidAnswer(jarm ? "a JARM response was expected"
                        : "a JARM response was not asked for"));
            }
            if (!jarm) {
                // opened only when there is a code to exchange
                return completed(authorisation, bank.open(authorisation), back.code(), back.idToken(), back.error(),
                        back.errorDescription());
            }
            return bank.open(authorisation).chain(connection -> {
                Map<String, String> response;
                try {
                    response = bank.verified(connection, back.response());
                } catch (FapiException e) {
                    return Uni.createFrom().failure(failed(authorisation, e));
                }
                return completed(authorisation, Uni.createFrom().item(connection), response.get("code"), null,
                        response.get("error"), response.get("error_description"));
            });
        });
    }

    /** What the bank's redirect brought back, as the callback page posts it. */
    public record BankReturn(String state, String code, String idToken, String error, String errorDescription,
                             String response) {

        @Override
        public String toString() {
            return "BankReturn[state=" + state + ", error=" + error + "]";
        }
    }

    private Uni<URI> completed(Authorisation authorisation, Uni<BankConnection> connection, String code, String idToken,
                               String error, String errorDescription) {
        ConsentHandler handler = handler(authorisation.kind);
        if (error != null) {
            return handler.refused(authorisation, error, errorDescription);
        }
        boolean jarm = authorisation.responseMode != null;
        if (code == null || (!jarm && idToken == null)) {
            return Uni.createFrom().failure(ApiException.badRequest("PARAMETRO_NAO_INFORMADO", jarm
                    ? "The bank's response carries neither code nor error"
                    : "The bank's redirect carries neither code and id_token nor error"));
        }
        SealedGrant verifier = SealedGrant.of(authorisation, cipher);
        return bank.complete(connection, authorisation, code, idToken, verifier.codeVerifier())
                .onFailure(FapiException.class).transform(e -> failed(authorisation, (FapiException) e))
                .chain(tokens -> handler.approved(authorisation, tokens));
    }

    private static ApiException failed(Authorisation authorisation, FapiException e) {
        LOG.warnf("Authorisation of consent %s not completed: %s", authorisation.consentId, e.getMessage());
        return invalidAnswer(e.error());
    }

    private static ApiException invalidAnswer(String why) {
        return ApiException.badRequest("AUTORIZACAO_INVALIDA", "The bank's answer could not be verified (" + why + ")");
    }

    /**
     * A valid access token of the user for a consent that can be used now (its kind decides), refreshed
     * first when it expires within a minute. 404 for an unknown consent, 409 {@code CONSENTIMENTO_INVALIDO}
     * when the consent cannot be used.
     */
    public Uni<Grant> grant(UUID consentId) {
        return Panache.withSession(() -> Authorisation.<Authorisation>findById(consentId)).chain(authorisation -> {
            if (authorisation == null) {
                return Uni.createFrom().failure(ApiException.notFound("No consent " + consentId));
            }
            ConsentHandler handler = handler(authorisation.kind);
            return handler.usable(consentId).chain(usable -> {
                if (!authorisation.holdsTokens()) {
                    throw ApiException.conflict("CONSENTIMENTO_INVALIDO", "The consent holds no authorisation of the user");
                }
                if (fresh(authorisation)) {
                    return Uni.createFrom().item(new Grant(authorisation, SealedGrant.of(authorisation, cipher).accessToken(), usable));
                }
                return refreshed(consentId).map(token -> new Grant(authorisation, token, usable));
            });
        });
    }

    /** Refreshes under the row lock; a caller that waited for the lock finds the fresh token and uses it. */
    private Uni<String> refreshed(UUID consentId) {
        return Panache.withTransaction(() -> Authorisation.<Authorisation>findById(consentId, LockModeType.PESSIMISTIC_WRITE)
                .chain(authorisation -> {
                    if (!authorisation.holdsTokens()) {
                        throw ApiException.conflict("CONSENTIMENTO_INVALIDO", "The consent holds no authorisation of the user");
                    }
                    SealedGrant grant = SealedGrant.of(authorisation, cipher);
                    if (fresh(authorisation)) {
                        return Uni.createFrom().item(grant.accessToken());
                    }
                    return bank.refresh(authorisation, grant.refreshToken()).map(tokens -> {
                        String refreshToken = tokens.refreshToken() == null ? grant.refreshToken() : tokens.refreshToken();
                        SealedGrant.tokens(tokens.accessToken(), refreshToken)
                                .sealInto(authorisation, cipher, Instant.now().plusSeconds(tokens.expiresIn()));
                        authorisation.updatedAt = Instant.now();
                        return tokens.accessToken();
                    });
                }));
    }

    private static boolean fresh(Authorisation authorisation) {
        return authorisation.accessTokenExpiresAt != null && authorisation.accessTokenExpiresAt.isAfter(Instant.now().plus(MARGIN));
    }

    private ConsentHandler handler(ConsentKind kind) {
        ConsentHandler handler = handlers.get(kind);
        if (handler == null) {
            throw new IllegalStateException("No handler for " + kind + " consents");
        }
        return handler;
    }
}
