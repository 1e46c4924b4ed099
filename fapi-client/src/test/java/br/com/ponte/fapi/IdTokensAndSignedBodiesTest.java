package br.com.ponte.fapi;

import br.com.ponte.pki.CertificateAuthority;
import br.com.ponte.pki.IssueRequest;
import br.com.ponte.pki.IssuedCertificate;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdTokensAndSignedBodiesTest {

    static final CertificateAuthority CA = CertificateAuthority.root("Test CA");
    static final IssuedCertificate BANK = CA.issue(IssueRequest.signing("bank-org", "12345678000195", "Bank"));
    static final IssuedCertificate OTHER = CA.issue(IssueRequest.signing("other-org", "12345678000195", "Other"));
    static final LocalJwsSigner BANK_SIGNER = new LocalJwsSigner(BANK.privateKey(), (RSAPublicKey) BANK.certificate().getPublicKey());
    static final LocalJwsSigner OTHER_SIGNER = new LocalJwsSigner(OTHER.privateKey(), (RSAPublicKey) OTHER.certificate().getPublicKey());
    static final Transmitter TRANSMITTER = new Transmitter(new Discovery("https://bank.example", "https://bank.example/authorize",
            "https://bank.example/token", "https://bank.example/par", "https://bank.example/register", "https://bank.example/jwks",
            List.of("fragment", "jwt")),
            "client-1");

    static JsonWebKeySet bankKeys() {
        RsaJsonWebKey key = new RsaJsonWebKey((RSAPublicKey) BANK.certificate().getPublicKey());
        key.setKeyId(BANK_SIGNER.kid());
        return new JsonWebKeySet(key);
    }

    Map<String, Object> idToken(String nonce, String code, String state) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", "https://bank.example");
        claims.put("aud", "client-1");
        claims.put("sub", "user-1");
        claims.put("nonce", nonce);
        claims.put("c_hash", Pkce.halfOrFullSha256(code, true));
        claims.put("s_hash", Pkce.halfOrFullSha256(state, true));
        claims.put("acr", "urn:brasil:openbanking:loa2");
        claims.put("iat", now);
        claims.put("exp", now + 300);
        return claims;
    }

    @Test
    void aGoodIdTokenIsAccepted() throws Exception {
        String token = BANK_SIGNER.signNow(idToken("n-1", "code-1", "state-1"), "JWT");
        JwtClaims claims = IdTokens.validate(token, TRANSMITTER, bankKeys(), "n-1", "code-1", "state-1",
                List.of("urn:brasil:openbanking:loa2"));
        assertThat(claims.getSubject()).isEqualTo("user-1");
    }

    @Test
    void eachIdTokenDefectIsRefused() {
        JsonWebKeySet keys = bankKeys();
        List<String> acr = List.of("urn:brasil:openbanking:loa2");
        String good = BANK_SIGNER.signNow(idToken("n-1", "code-1", "state-1"), "JWT");

        assertThatThrownBy(() -> IdTokens.validate(good, TRANSMITTER, keys, "n-2", "code-1", "state-1", acr)).hasMessageContaining("nonce");
        assertThatThrownBy(() -> IdTokens.validate(good, TRANSMITTER, keys, "n-1", "code-2", "state-1", acr)).hasMessageContaining("c_hash");
        assertThatThrownBy(() -> IdTokens.validate(good, TRANSMITTER, keys, "n-1", "code-1", "state-2", acr)).hasMessageContaining("s_hash");
        assertThatThrownBy(() -> IdTokens.validate(good, TRANSMITTER, keys, "n-1", "code-1", "state-1",
                List.of("urn:brasil:openbanking:loa3"))).hasMessageContaining("acr");
        assertThatThrownBy(() -> IdTokens.validate(good, new Transmitter(TRANSMITTER.discovery(), "client-2"), keys,
                "n-1", "code-1", "state-1", acr)).isInstanceOf(FapiException.class);
        // signed by someone else, under the bank's kid
        Map<String, Object> claims = idToken("n-1", "code-1", "state-1");
        String forged = new LocalJwsSigner(OTHER.privateKey(), (RSAPublicKey) BANK.certificate().getPublicKey()).signNow(claims, "JWT");
        assertThatThrownBy(() -> IdTokens.validate(forged, TRANSMITTER, keys, "n-1", "code-1", "state-1", acr))
                .isInstanceOf(FapiException.class).hasMessageContaining("signature invalid")
                .hasMessageNotContaining(forged.split("\\.")[1]);
        // expired
        claims.put("exp", Instant.now().getEpochSecond() - 600);
        String expired = BANK_SIGNER.signNow(claims, "JWT");
        assertThatThrownBy(() -> IdTokens.validate(expired, TRANSMITTER, keys, "n-1", "code-1", "state-1", acr))
                .isInstanceOf(FapiException.class);
    }

    @Test
    void signedResponsesAreCheckedForIssuerAudienceJtiAndFreshness() throws Exception {
        JsonWebKeySet keys = bankKeys();
        Map<String, Object> body = new HashMap<>(Map.of("data", Map.of("paymentId", "p-1"), "iss", "bank-org",
                "aud", "ponte-org", "jti", "j-1", "iat", Instant.now().getEpochSecond()));
        String good = BANK_SIGNER.signNow(body, "JWT");
        assertThat(SignedBodies.verify(good, keys, "bank-org", "ponte-org", Instant.now()).getClaimValue("data")).isNotNull();

        assertThatThrownBy(() -> SignedBodies.verify(good, keys, "bank-org", "another-org", Instant.now())).isInstanceOf(FapiException.class);
        assertThatThrownBy(() -> SignedBodies.verify(good, keys, "some-bank", "ponte-org", Instant.now())).isInstanceOf(FapiException.class);
        assertThatThrownBy(() -> SignedBodies.verify(good, keys, "bank-org", "ponte-org", Instant.now().plusSeconds(120)))
                .hasMessageContaining("iat");
        body.remove("jti");
        String noJti = BANK_SIGNER.signNow(body, "JWT");
        assertThatThrownBy(() -> SignedBodies.verify(noJti, keys, "bank-org", "ponte-org", Instant.now()))
                .isInstanceOf(FapiException.class).hasMessageContaining("no jti").hasMessageNotContaining(noJti.split("\\.")[1]);
        // the same body signed by another key under the bank's kid: refused, the body never quoted (it reaches logs)
        body.put("jti", "j-2");
        String impostor = new LocalJwsSigner(OTHER.privateKey(), (RSAPublicKey) BANK.certificate().getPublicKey())
                .signNow(body, "JWT");
        assertThatThrownBy(() -> SignedBodies.verify(impostor, keys, "bank-org", "ponte-org", Instant.now()))
                .isInstanceOf(FapiException.class).hasMessageContaining("signature invalid")
                .hasMessageNotContaining(impostor.split("\\.")[1]);
        String foreign = OTHER_SIGNER.signNow(Map.of("iss", "bank-org", "aud", "ponte-org", "jti", "j", "iat",
                Instant.now().getEpochSecond()), "JWT");
        assertThatThrownBy(() -> SignedBodies.verify(foreign, keys, "bank-org", "ponte-org", Instant.now()))
                .hasMessageContaining("kid");
    }

    @Test
    void requestBodiesAreSignedForTheTransmitter() throws Exception {
        // the bank's key plays the initiator's here: what matters is what the transmitter would check
        String jwt = SignedBodies.sign(BANK_SIGNER, Map.of("data", Map.of("x", 1)), "ponte-org", "bank-org").await().indefinitely();
        JwtClaims claims = SignedBodies.verify(jwt, bankKeys(), "ponte-org", "bank-org", Instant.now());
        assertThat(claims.getJwtId()).isNotBlank();
        assertThat(claims.getClaimValue("data")).isEqualTo(Map.of("x", 1L));
    }

    @Test
    void discoveryPrefersTheMtlsAliases() throws Exception {
        var document = Json.read("""
                {"issuer":"https://as","authorization_endpoint":"https://as/authorize","token_endpoint":"https://as/token",
                 "pushed_authorization_request_endpoint":"https://as/par","registration_endpoint":"https://as/register",
                 "jwks_uri":"https://as/jwks","mtls_endpoint_aliases":{"token_endpoint":"https://matls-as/token"}}""");
        Discovery discovery = Discovery.of(document);
        assertThat(discovery.tokenEndpoint()).isEqualTo("https://matls-as/token");
        assertThat(discovery.parEndpoint()).isEqualTo("https://as/par");
        assertThat(discovery.jarm()).isFalse();
        assertThat(AuthorizationRequest.preferred(discovery, "openid payments", "https://cb", List.of()).responseType())
                .isEqualTo("code id_token");
        assertThatThrownBy(() -> Discovery.of(Json.read("{\"issuer\":\"x\"}"))).hasMessageContaining("authorization_endpoint");
    }

    @Test
    void pkceChallengeIsTheS256OfTheVerifier() {
        Pkce pkce = Pkce.create();
        assertThat(pkce.verifier()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(pkce.challenge()).isEqualTo(Pkce.halfOrFullSha256(pkce.verifier(), false)).isNotEqualTo(pkce.verifier());
    }
}
