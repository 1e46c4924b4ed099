package br.com.ponte.sandbox.client;

import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.directory.SoftwareStatements;
import br.com.ponte.sandbox.oauth.DiscoveryResource;
import br.com.ponte.sandbox.oauth.JwtChecks;
import br.com.ponte.sandbox.oauth.Endpoints;
import br.com.ponte.sandbox.oauth.OAuthError;
import br.com.ponte.sandbox.oauth.ReplayCache;
import br.com.ponte.sandbox.pki.ClientCertificate;
import br.com.ponte.sandbox.pki.Jwks;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;

/**
 * Client authentication at the token and PAR endpoints, as the Brazil profile has it: the request
 * comes over mutual TLS with the client's own transport certificate, and carries a
 * {@code private_key_jwt} client assertion (RFC 7523) signed PS256 with one of the client's signing
 * keys. Any failure is 401 {@code invalid_client}.
 *
 * <p>The keys are those the directory publishes at the client's {@code jwks_uri}. Registration made
 * sure that URI is the directory's own, so they are read where the directory keeps them instead of
 * over HTTP: the same keys, without a network round trip or a cache to go stale.
 */
@ApplicationScoped
public class ClientAuthentication {

    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** An assertion may be valid for five minutes at most. */
    static final int MAX_LIFETIME_MINUTES = 5;

    private final ClientRegistrations registrations;
    private final SoftwareStatements statements;
    private final ReplayCache replays;
    private final BrandContext bank;

    public ClientAuthentication(ClientRegistrations registrations, SoftwareStatements statements, ReplayCache replays,
                                BrandContext bank) {
        this.registrations = registrations;
        this.statements = statements;
        this.replays = replays;
        this.bank = bank;
    }

    /** The client of a request to the endpoint at {@code endpointPath}, or 401 {@code invalid_client}. */
    public AuthenticatedClient authenticate(HttpServerRequest request, MultivaluedMap<String, String> form,
                                            String endpointPath) {
        ClientCertificate certificate = ClientCertificate.of(request)
                .orElseThrow(() -> OAuthError.invalidClient("A client certificate is required (mutual TLS)"));
        if (!JWT_BEARER.equals(form.getFirst("client_assertion_type"))) {
            throw OAuthError.invalidClient("client_assertion_type must be " + JWT_BEARER + " (private_key_jwt)");
        }
        String assertion = form.getFirst("client_assertion");
        String clientId = JwtChecks.unverifiedClaims(assertion == null ? "" : assertion)
                .map(ClientAuthentication::issuer)
                .orElseThrow(() -> OAuthError.invalidClient("client_assertion is missing, not a JWT, or without iss"));
        String namedClient = form.getFirst("client_id");
        if (namedClient != null && !namedClient.equals(clientId)) {
            throw OAuthError.invalidClient("client_id and the client assertion's iss differ");
        }
        RegisteredClient client = registrations.find(clientId)
                .orElseThrow(() -> OAuthError.invalidClient("Unknown client " + clientId));
        if (!certificate.identifies(client.organisationId(), client.softwareId())) {
            throw OAuthError.invalidClient("The client certificate is not one of client " + clientId
                    + "'s software statement " + client.softwareId());
        }
        JwtClaims claims = verify(assertion, client, endpointPath);
        try {
            if (!replays.firstUse("client_assertion", clientId, claims.getJwtId(),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()))) {
                throw OAuthError.invalidClient("The client assertion's jti was used before");
            }
        } catch (MalformedClaimException e) {
            throw OAuthError.invalidClient("The client assertion has a malformed claim: " + e.getMessage());
        }
        return new AuthenticatedClient(client, certificate);
    }

    private JwtClaims verify(String assertion, RegisteredClient client, String endpointPath) {
        Map<String, PublicKey> keys = statements.signingKeys(client.organisationId(), client.softwareId());
        try {
            return new JwtConsumerBuilder()
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, DiscoveryResource.PS256)
                    .setVerificationKeyResolver(Jwks.resolver(keys))
                    .setExpectedIssuer(client.clientId())
                    .setExpectedSubject(client.clientId())
                    // RFC 9126 2: at the PAR endpoint the issuer, the token endpoint's URL and its own
                    .setExpectedAudience(bank.issuer(), bank.url(endpointPath), bank.url(Endpoints.TOKEN))
                    .setRequireExpirationTime()
                    .setMaxFutureValidityInMinutes(MAX_LIFETIME_MINUTES)
                    .setRequireIssuedAt()
                    .setIssuedAtRestrictions(JwtChecks.CLOCK_SKEW_SECONDS,
                            MAX_LIFETIME_MINUTES * 60 + JwtChecks.CLOCK_SKEW_SECONDS)
                    .setRequireJwtId()
                    .setAllowedClockSkewInSeconds(JwtChecks.CLOCK_SKEW_SECONDS)
                    .build()
                    .processToClaims(assertion);
        } catch (InvalidJwtException e) {
            throw OAuthError.invalidClient("The client assertion was refused: " + JwtChecks.reason(e));
        }
    }

    private static String issuer(JwtClaims claims) {
        try {
            return claims.getIssuer();
        } catch (MalformedClaimException e) {
            return null;
        }
    }
}
