package br.com.ponte.consent.authorisation;

import br.com.ponte.consent.config.ConsentConfig;
import br.com.ponte.fapi.AuthorizationRequest;
import br.com.ponte.fapi.BankConnection;
import br.com.ponte.fapi.FapiException;
import br.com.ponte.fapi.IdTokens;
import br.com.ponte.fapi.Tokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The user's authorisation at the bank, the same for every kind of consent: the request pushed
 * (PAR, signed request object, PKCE, {@code state}, {@code nonce}) with the scope the kind needs,
 * the id_token of the return checked and the code exchanged, the tokens refreshed.
 */
@ApplicationScoped
public class BankAuthorisations {

    static final List<String> ACR = List.of("urn:brasil:openbanking:loa2");

    /** A pushed request: where to send the user, and what its return is checked against. */
    public record Pushed(String authorisationUrl, String state, String nonce, String codeVerifier, String redirectUri) {

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
        return bank.fapi().pushAuthorization(bank.transmitter(), bank.signer(), new AuthorizationRequest(
                        "openid " + scope + " consent:" + transmitterConsentId, redirectUri, "code id_token", ACR))
                .map(pushed -> new Pushed(pushed.authorizationUrl(), pushed.state(), pushed.nonce(), pushed.codeVerifier(),
                        redirectUri));
    }

    /**
     * Checks the id_token of the user's return (signature, {@code iss}, {@code aud}, {@code nonce},
     * {@code c_hash}, {@code s_hash}, {@code acr}) and exchanges the code for the user's tokens.
     * Fails with a {@link FapiException} when the bank's answer cannot be trusted or used.
     */
    public Uni<Tokens> complete(Authorisation authorisation, String code, String idToken, String codeVerifier) {
        return transmitters.open(authorisation.partnerId, authorisation.transmitter).chain(bank -> {
            IdTokens.validate(idToken, bank.transmitter(), bank.bankKeys(), authorisation.nonce, code, authorisation.state, ACR);
            return bank.fapi().exchangeCode(bank.transmitter(), bank.signer(), code, redirectUri(authorisation), codeVerifier);
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
