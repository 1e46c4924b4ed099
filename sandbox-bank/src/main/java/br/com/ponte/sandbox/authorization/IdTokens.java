package br.com.ponte.sandbox.authorization;

import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.oauth.DiscoveryResource;
import br.com.ponte.sandbox.oauth.Secrets;
import br.com.ponte.sandbox.pki.SandboxPki;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * id_tokens, signed PS256 with the brand's key ({@code /jwks}), its issuer as {@code iss}. Always with {@code acr}
 * (fapi-id3 5.2.2-14); single-factor login, so LoA2. In the authorisation response they carry
 * {@code c_hash} and {@code s_hash} (FAPI 1.0 Advanced 5.2.2.1: the id_token as detached signature
 * of code and state); from the token endpoint, {@code at_hash}.
 */
@ApplicationScoped
public class IdTokens {

    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final SandboxPki pki;
    private final BrandContext bank;

    public IdTokens(SandboxPki pki, BrandContext bank) {
        this.pki = pki;
        this.bank = bank;
    }

    /** For the front channel ({@code code id_token}): binds the code and the state. */
    public String forAuthorizationResponse(AuthorizationCode grant, String code) {
        JwtClaims claims = base(grant.request().clientId(), grant.subject(), grant.authTime(), grant.request().nonce());
        claims.setClaim("c_hash", Secrets.leftHalfHash(code));
        claims.setClaim("s_hash", Secrets.leftHalfHash(grant.request().state()));
        return pki.signingKey(bank.brand()).sign(claims);
    }

    /**
     * For the token endpoint: binds the access token, with the identity claims the request asked for
     * ({@code cpf}, {@code cnpj}). {@code nonce} is null after a refresh.
     */
    public String forTokenResponse(String clientId, String subject, Instant authTime, String nonce, String accessToken,
                                   Map<String, Object> identity) {
        JwtClaims claims = base(clientId, subject, authTime, nonce);
        claims.setClaim("at_hash", Secrets.leftHalfHash(accessToken));
        identity.forEach(claims::setClaim);
        return pki.signingKey(bank.brand()).sign(claims);
    }

    private JwtClaims base(String clientId, String subject, Instant authTime, String nonce) {
        Instant now = Instant.now();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(bank.issuer());
        claims.setSubject(subject);
        claims.setAudience(clientId);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(LIFETIME).getEpochSecond()));
        claims.setClaim("auth_time", authTime.getEpochSecond());
        claims.setClaim("acr", DiscoveryResource.LOA2);
        if (nonce != null) {
            claims.setClaim("nonce", nonce);
        }
        return claims;
    }
}
