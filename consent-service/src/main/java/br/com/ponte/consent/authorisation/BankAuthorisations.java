package br.com.ponte.consent.authorisation;

import br.com.ponte.consent.config.ConsentConfig;
import br.com.ponte.fapi.AuthorizationRequest;
import br.com.ponte.fapi.AuthorizationResponses;
import br.com.ponte.fapi.BankConnection;
import br.com.ponte.fapi.FapiException;
import br.com.ponte.fapi.IdTokens;
import br.com.ponte.fapi.Tokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * The user's authorisation at the bank, the same for every kind of consent: the request pushed
 * (PAR, signed request object, PKCE, {@code state}, {@code nonce}) with the scope the kind needs,
 * the id_token of the return checked and the code exchanged, the tokens refreshed.
 */
@ApplicationScoped
public class BankAuthorisations {

    static final List<String> ACR = List.of("urn:brasil:openbanking:loa2");

    /** A pushed request: where to send the user, and what its return is checked against. */
    public record Pushed(String authorisationUrl, String state, String nonce, String codeVerifier, String redirectUri,
                         String responseMode) {

        @Override
        public String toString() {
            return "Pushed[" + authorisationUrl + "]";
        }
    }

    private final Transmitters transmitters;
    private final ConsentConfig config;

    public BankAuthorisations(Transmitters transmitters, ConsentConfig config) {
        this.transmitters = transmitters;
        this.config = config;
    }

    /**
     * Pushes the authorisation of the bank's consent {@code transmitterConsentId} with {@code scope}
     * (without {@code openid} and {@code consent:<id>}, which are added). The user comes back to
     * Ponte's callback, at the URI the partner's client has registered at that bank.
     */
    public Uni<Pushed> push(BankConnection bank, String scope, String transmitterConsentId) {
        String redirectUri = bank.redirectUri(config.callbackUrls());
        AuthorizationRequest request = AuthorizationRequest.preferred(bank.transmitter().discovery(),
                "openid " + scope + " consent:" + transmitterConsentId, redirectUri, ACR);
        return bank.fapi().pushAuthorization(bank.transmitter(), bank.signer(), request)
                .map(pushed -> new Pushed(pushed.authorizationUrl(), pushed.state(), pushed.nonce(), pushed.codeVerifier(),
                        redirectUri, request.responseMode()));
    }

    /** The partner's connection to the bank the authorisation was pushed to (not opened until subscribed). */
    public Uni<BankConnection> open(Authorisation authorisation) {
        return transmitters.open(authorisation.partnerId, authorisation.transmitter);
    }

    /** The parameters of a JARM response, once it is checked against the bank's keys (signature, iss, aud, exp). */
    public Map<String, String> verified(BankConnection bank, String response) {
        return AuthorizationResponses.validate(response, bank.transmitter(), bank.bankKeys());
    }

    /**
     * Exchanges the code of the user's return for the user's tokens, checking the id_token that proves
     * who the bank authenticated (signature, {@code iss}, {@code aud}, {@code nonce}, {@code acr}): the
     * hybrid flow's from the redirect before the exchange (with its {@code c_hash} and {@code s_hash}), or,
     * under JARM ({@code idToken} null), the token endpoint's. Fails with a {@link FapiException} when the
     * bank's answer cannot be trusted or used.
     */
    public Uni<Tokens> complete(Uni<BankConnection> connection, Authorisation authorisation, String code, String idToken,
                                String codeVerifier) {
        return connection.chain(bank -> {
            if (idToken != null) {
                IdTokens.validate(idToken, bank.transmitter(), bank.bankKeys(), authorisation.nonce, code,
                        authorisation.state, ACR);
            }
            return bank.fapi().exchangeCode(bank.transmitter(), bank.signer(), code, redirectUri(authorisation), codeVerifier)
                    .invoke(tokens -> {
                        if (idToken == null) {
                            if (tokens.idToken() == null) {
                                throw new FapiException(0, "invalid_id_token", "the token response has no id_token");
                            }
                            IdTokens.validate(tokens.idToken(), bank.transmitter(), bank.bankKeys(), authorisation.nonce,
                                    null, null, ACR);
                        }
                    });
        });
    }

    /** New tokens for the user's refresh token (the bank may rotate it: keep the one returned). */
    public Uni<Tokens> refresh(Authorisation authorisation, String refreshToken) {
        return transmitters.open(authorisation.partnerId, authorisation.transmitter)
                .chain(bank -> bank.fapi().refresh(bank.transmitter(), bank.signer(), refreshToken));
    }

    private String redirectUri(Authorisation authorisation) {
        return authorisation.redirectUri != null ? authorisation.redirectUri : config.legacyCallbackUrl();
    }
}
