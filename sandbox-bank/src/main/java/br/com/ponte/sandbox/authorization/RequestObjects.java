package br.com.ponte.sandbox.authorization;

import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.client.AuthenticatedClient;
import br.com.ponte.sandbox.client.RegisteredClient;
import br.com.ponte.sandbox.directory.SoftwareStatements;
import br.com.ponte.sandbox.oauth.DiscoveryResource;
import br.com.ponte.sandbox.oauth.JwtChecks;
import br.com.ponte.sandbox.oauth.OAuthError;
import br.com.ponte.sandbox.oauth.ReplayCache;
import br.com.ponte.sandbox.oauth.Scopes;
import br.com.ponte.sandbox.pki.Jwks;
import br.com.ponte.sandbox.resource.ConsentKind;
import br.com.ponte.sandbox.resource.ConsentLookup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a request object pushed to the PAR endpoint (FAPI 1.0 Advanced 5.2.2, JAR, fapi-id3):
 * signed PS256 with one of the client's signing keys, every authorisation parameter inside it,
 * audience the issuer, {@code exp} in the future and at most 60 minutes after {@code nbf}, a response
 * mode the profile allows with the response type ({@link ResponseMode}: {@code code} only with JARM), PKCE
 * S256 (missing or other: 400 {@code invalid_request}, RFC 7636 4.4.1), no {@code id_token_hint}
 * (Brazil FAPI 5.2.2-21), {@code openid} and a nonce; a {@code consent:<id>} scope names one of the client's consents
 * awaiting authorisation, of any kind, and the other scopes are that kind's: {@code payments} with a
 * payment consent, the data-sharing scopes ({@code accounts}, {@code resources}, ...) with a data one. A failing signature or claim is 400
 * {@code invalid_request_object}; a redirect URI the client did not register is 400
 * {@code invalid_request}.
 */
@ApplicationScoped
public class RequestObjects {

    /** FAPI 1.0 Advanced 5.2.2-13: {@code exp} at most 60 minutes after {@code nbf}. */
    static final long MAX_LIFETIME_SECONDS = 3600;
    private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SoftwareStatements statements;
    private final ReplayCache replays;
    private final BrandContext bank;
    private final ConsentLookup consents;

    public RequestObjects(SoftwareStatements statements, ReplayCache replays, BrandContext bank,
                          ConsentLookup consents) {
        this.statements = statements;
        this.replays = replays;
        this.bank = bank;
        this.consents = consents;
    }

    public AuthorizationRequest verify(String requestObject, AuthenticatedClient authenticated) {
        if (requestObject == null || requestObject.isBlank()) {
            throw OAuthError.invalidRequest("request (a signed request object) is required");
        }
        RegisteredClient client = authenticated.client();
        JwtClaims claims = verifiedClaims(requestObject, client);
        try {
            if (!client.clientId().equals(claims.getStringClaimValue("client_id"))) {
                throw OAuthError.invalidRequestObject("client_id must be " + client.clientId());
            }
            long lifetime = claims.getExpirationTime().getValue() - claims.getNotBefore().getValue();
            if (lifetime > MAX_LIFETIME_SECONDS) {
                throw OAuthError.invalidRequestObject("exp may be at most 60 minutes after nbf");
            }
            String responseType = claims.getStringClaimValue("response_type");
            if (responseType == null || !client.responseTypes().contains(responseType)) {
                throw OAuthError.invalidRequestObject("response_type must be one the client registered: "
                        + client.responseTypes());
            }
            ResponseMode responseMode = ResponseMode.resolve(responseType, claims.getStringClaimValue("response_mode"),
                    bank.brand().jarm());
            String redirectUri = claims.getStringClaimValue("redirect_uri");
            if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
                throw OAuthError.invalidRequest("redirect_uri is not one the client registered: " + redirectUri);
            }
            Set<String> scopes = Scopes.parse(claims.getStringClaimValue("scope"));
            if (!scopes.contains("openid")) {
                throw OAuthError.invalidRequestObject("scope must contain openid");
            }
            Set<String> unregistered = scopes.stream()
                    .filter(scope -> !client.scopes().contains(scope) && !Scopes.isConsent(scope))
                    .collect(Collectors.toSet());
            if (!unregistered.isEmpty()) {
                throw OAuthError.invalidRequestObject("scope holds scopes the client did not register: " + unregistered);
            }
            List<String> named = scopes.stream().filter(Scopes::isConsent).map(Scopes::consentId).toList();
            if (named.size() > 1) {
                throw OAuthError.invalidRequestObject("scope may name one consent only");
            }
            for (String consentId : named) {
                ConsentKind kind = consents.awaitingAuthorisation(consentId, client.clientId())
                        .orElseThrow(() -> OAuthError.invalidRequestObject("consent " + consentId
                                + " is not a consent of this client awaiting authorisation"));
                Set<String> foreign = scopes.stream().filter(scope -> !Scopes.isConsent(scope)
                        && !Scopes.forKind(kind).contains(scope)).collect(Collectors.toSet());
                if (!foreign.isEmpty()) {
                    throw OAuthError.invalidRequestObject("scope holds scopes of another kind of consent than "
                            + consentId + "'s: " + foreign);
                }
            }
            String state = required(claims, "state");
            String nonce = required(claims, "nonce");
            // RFC 7636 4.4.1: a missing or unsupported challenge is invalid_request
            if (!"S256".equals(claims.getStringClaimValue("code_challenge_method"))) {
                throw OAuthError.invalidRequest("code_challenge_method must be S256 (PKCE is required)");
            }
            String codeChallenge = claims.getStringClaimValue("code_challenge");
            if (codeChallenge == null || !CODE_CHALLENGE.matcher(codeChallenge).matches()) {
                throw OAuthError.invalidRequest("code_challenge must be a base64url SHA-256 (43 characters)");
            }
            // Brazil FAPI 5.2.2-21: the id_token a client holds may carry personal data
            if (claims.hasClaim("id_token_hint")) {
                throw OAuthError.invalidRequestObject("id_token_hint is not accepted (Brazil FAPI 5.2.2-21)");
            }
            if (!replays.firstUse("request_object", client.clientId(), claims.getJwtId(),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()))) {
                throw OAuthError.invalidRequestObject("The request object's jti was used before");
            }
            return new AuthorizationRequest(client.clientId(), responseType, responseMode, redirectUri, scopes, state, nonce,
                    codeChallenge, ClaimsRequest.parse(claims.getClaimValue("claims")));
        } catch (MalformedClaimException e) {
            throw OAuthError.invalidRequestObject("The request object has a malformed claim: " + e.getMessage());
        }
    }

    private JwtClaims verifiedClaims(String requestObject, RegisteredClient client) {
        try {
            return new JwtConsumerBuilder()
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, DiscoveryResource.PS256)
                    .setVerificationKeyResolver(Jwks.resolver(
                            statements.signingKeys(client.organisationId(), client.softwareId())))
                    .setExpectedIssuer(client.clientId())
                    .setExpectedAudience(bank.issuer())
                    .setRequireExpirationTime()
                    .setRequireNotBefore()
                    .setRequireJwtId()
                    .setAllowedClockSkewInSeconds(JwtChecks.CLOCK_SKEW_SECONDS)
                    .build()
                    .processToClaims(requestObject);
        } catch (InvalidJwtException e) {
            throw OAuthError.invalidRequestObject("The request object was refused: " + JwtChecks.reason(e));
        }
    }

    private static String required(JwtClaims claims, String name) throws MalformedClaimException {
        String value = claims.getStringClaimValue(name);
        if (value == null || value.isBlank()) {
            throw OAuthError.invalidRequestObject(name + " is required");
        }
        return value;
    }
}
