package br.com.ponte.sandbox.client;

import br.com.ponte.sandbox.oauth.DiscoveryResource;
import br.com.ponte.sandbox.oauth.JwtChecks;
import br.com.ponte.sandbox.oauth.OAuthError;
import br.com.ponte.sandbox.pki.Jwks;
import br.com.ponte.sandbox.pki.SandboxPki;
import br.com.ponte.sandbox.pki.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.util.List;
import java.util.Map;

/**
 * Checks a software statement assertion the way dcr-id3 section 7.1 asks a bank to: signed PS256 by
 * the directory, issued at most five minutes before it is presented.
 */
@ApplicationScoped
public class SoftwareStatementVerifier {

    /** dcr-id3 7.1-3. */
    static final int MAX_AGE_SECONDS = 300;

    private final SigningKey directoryKey;

    public SoftwareStatementVerifier(SandboxPki pki) {
        this.directoryKey = pki.directoryKey();
    }

    /** The software statement, or 400 {@code invalid_software_statement}. */
    public VerifiedSoftwareStatement verify(String assertion) {
        if (assertion == null || assertion.isBlank()) {
            throw OAuthError.invalidSoftwareStatement("software_statement is required");
        }
        JwtClaims claims;
        try {
            claims = new JwtConsumerBuilder()
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, DiscoveryResource.PS256)
                    .setVerificationKeyResolver(Jwks.resolver(Map.of(directoryKey.kid(), directoryKey.publicKey())))
                    .setRequireIssuedAt()
                    .setIssuedAtRestrictions(JwtChecks.CLOCK_SKEW_SECONDS, MAX_AGE_SECONDS)
                    .setSkipDefaultAudienceValidation()
                    .build()
                    .processToClaims(assertion);
        } catch (InvalidJwtException e) {
            throw OAuthError.invalidSoftwareStatement("The software statement was refused: " + JwtChecks.reason(e));
        }
        try {
            VerifiedSoftwareStatement statement = new VerifiedSoftwareStatement(
                    claims.getStringClaimValue("software_id"),
                    claims.getStringClaimValue("org_id"),
                    claims.getStringClaimValue("software_client_name"),
                    claims.getStringListClaimValue("software_redirect_uris"),
                    claims.getStringListClaimValue("software_roles"),
                    claims.getStringClaimValue("software_jwks_uri"));
            if (statement.softwareId() == null || statement.organisationId() == null || statement.redirectUris() == null
                    || statement.roles() == null || statement.jwksUri() == null) {
                throw OAuthError.invalidSoftwareStatement(
                        "The software statement lacks software_id, org_id, software_redirect_uris, software_roles "
                                + "or software_jwks_uri");
            }
            return statement;
        } catch (MalformedClaimException e) {
            throw OAuthError.invalidSoftwareStatement("The software statement has a malformed claim: " + e.getMessage());
        }
    }

    /** What the registration takes from a verified software statement. */
    public record VerifiedSoftwareStatement(String softwareId, String organisationId, String clientName,
                                            List<String> redirectUris, List<String> roles, String jwksUri) {
    }
}
