package br.com.ponte.vault;

import br.com.ponte.kit.crypto.EnvelopeCipher;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(VaultTestResource.class)
class PartnerCredentialsIT {

    @ConfigProperty(name = "ponte.vault.admin-token")
    String adminToken;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Inject
    EnvelopeCipher cipher;

    record Credentials(String id, String clientId, String clientSecret) {
    }

    Credentials newPartner(String name) {
        var body = given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .when().post("/v1/partners")
                .then().statusCode(201)
                .header("Location", containsString("/v1/partners/"))
                .body("id", notNullValue())
                .body("name", equalTo(name))
                .body("clientId", startsWith("ponte_"))
                .body("clientSecret", startsWith("pcs_"))
                .extract().jsonPath();
        return new Credentials(body.getString("id"), body.getString("clientId"), body.getString("clientSecret"));
    }

    ValidatableResponse token(String clientId, String secret) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .when().post("/v1/oauth/token").then();
    }

    static void assertOpenFinanceError(ValidatableResponse response, int status, String code) {
        response.statusCode(status)
                .contentType(ContentType.JSON)
                .body("errors[0].code", equalTo(code))
                .body("errors[0].title", notNullValue())
                .body("errors[0].detail", notNullValue())
                .body("meta.requestDateTime", notNullValue());
    }

    @Test
    void onboardingNeedsTheAdminToken() {
        assertOpenFinanceError(given().contentType(ContentType.JSON).body(Map.of("name", "Fintech X"))
                .post("/v1/partners").then(), 401, "NAO_AUTORIZADO");
        assertOpenFinanceError(given().auth().oauth2("not-the-admin-token").contentType(ContentType.JSON)
                .body(Map.of("name", "Fintech X")).post("/v1/partners").then(), 401, "NAO_AUTORIZADO");
    }

    @Test
    void onboardingValidatesTheName() {
        assertOpenFinanceError(given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(Map.of("name", "  ")).post("/v1/partners").then(), 422, "PARAMETRO_NAO_INFORMADO");
        assertOpenFinanceError(given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body("{not json").post("/v1/partners").then(), 400, "PARAMETRO_INVALIDO");
    }

    @Test
    void clientCredentialsGiveAShortLivedTokenVerifiableWithTheJwks() throws Exception {
        Credentials partner = newPartner("Fintech Token");

        var tokenBody = token(partner.clientId(), partner.clientSecret())
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .extract().jsonPath();
        String accessToken = tokenBody.getString("access_token");

        RSAPublicKey publicKey = jwksPublicKey();
        JWTAuthContextInfo verify = new JWTAuthContextInfo(publicKey, "https://vault.ponte.local");
        verify.setExpectedAudience(java.util.Set.of("ponte"));
        JsonWebToken jwt = new DefaultJWTParser(verify).parse(accessToken);
        assertThat(jwt.getSubject()).isEqualTo(partner.id());
        assertThat(jwt.getGroups()).containsExactly("partner");
        assertThat(jwt.<String>getClaim("client_id")).isEqualTo(partner.clientId());
        assertThat(jwt.getExpirationTime()).isBetween(Instant.now().getEpochSecond() + 800, Instant.now().getEpochSecond() + 901);

        // A token signed by any other key is refused by the same verification.
        var otherKey = java.security.KeyPairGenerator.getInstance("RSA");
        otherKey.initialize(2048);
        String forged = io.smallrye.jwt.build.Jwt.issuer("https://vault.ponte.local").audience("ponte")
                .subject(partner.id()).sign(otherKey.generateKeyPair().getPrivate());
        assertThatThrownBy(() -> new DefaultJWTParser(verify).parse(forged))
                .isInstanceOf(io.smallrye.jwt.auth.principal.ParseException.class);
    }

    @Test
    void httpBasicClientAuthenticationWorksToo() {
        Credentials partner = newPartner("Fintech Basic");
        given().auth().preemptive().basic(partner.clientId(), partner.clientSecret())
                .contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .post("/v1/oauth/token").then().statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void wrongCredentialsAreRefusedInOpenFinanceShape() {
        Credentials partner = newPartner("Fintech Wrong");
        assertOpenFinanceError(token(partner.clientId(), partner.clientSecret() + "x"), 401, "NAO_AUTORIZADO");
        assertOpenFinanceError(token("ponte_unknown", partner.clientSecret()), 401, "NAO_AUTORIZADO");
        assertOpenFinanceError(token(partner.clientId(), ""), 401, "NAO_AUTORIZADO");
        assertOpenFinanceError(given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", partner.clientId())
                .formParam("client_secret", partner.clientSecret())
                .post("/v1/oauth/token").then(), 400, "unsupported_grant_type");
    }

    @Test
    void theDatabaseHoldsOnlyAHashOfTheSecretAndASealedSigningKey() throws Exception {
        Credentials partner = newPartner("Fintech Storage");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/vault", "postgres", "postgres")) {
            ResultSet rs = c.createStatement().executeQuery(
                    "select secret_hash from partner where id = '" + partner.id() + "'");
            assertThat(rs.next()).isTrue();
            String hash = rs.getString(1);
            assertThat(hash).startsWith("$argon2id$v=19$").doesNotContain(partner.clientSecret());

            rs = c.createStatement().executeQuery("select kid, private_key_cipher, private_key_iv, data_key_wrapped, "
                    + "data_key_iv, master_key_id from token_signing_key where active");
            assertThat(rs.next()).isTrue();
            String kid = rs.getString(1);
            byte[] stored = rs.getBytes(2);
            // What is stored does not parse as a private key...
            assertThatThrownBy(() -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(stored)))
                    .isInstanceOf(java.security.spec.InvalidKeySpecException.class);
            // ...but opens, under the master key, to the private half of the key the JWKS publishes.
            byte[] opened = cipher.open(new EnvelopeCipher.Sealed(stored, rs.getBytes(3), rs.getBytes(4),
                    rs.getBytes(5), rs.getString(6)), kid);
            var privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(opened));
            assertThat(privateKey.getModulus()).isEqualTo(jwksPublicKey().getModulus());
            assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain(new String(opened, java.nio.charset.StandardCharsets.ISO_8859_1).substring(40, 80));
        }
    }

    private RSAPublicKey jwksPublicKey() throws Exception {
        List<Map<String, String>> keys = given().get("/v1/oauth/jwks").then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA")).body("keys[0].alg", equalTo("RS256"))
                .extract().jsonPath().getList("keys");
        Map<String, String> jwk = keys.get(0);
        assertThat(jwk).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
        BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n")));
        BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("e")));
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    }
}
