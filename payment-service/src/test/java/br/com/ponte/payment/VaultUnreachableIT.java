package br.com.ponte.payment;

import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * When the keys that verify partner tokens cannot be fetched (certificate-vault down and none
 * cached, as after a restart), a partner with a valid token gets 503 with Retry-After, not a 401
 * that would send it to get another token in vain.
 */
@QuarkusTest
@TestProfile(VaultUnreachableIT.NoVault.class)
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "payment"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class VaultUnreachableIT {

    public static class NoVault implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.publickey.location", "http://127.0.0.1:9/v1/oauth/jwks");
        }
    }

    @Test
    void aValidTokenIsAnswered503WhileTheKeysAreUnreachable() {
        given().auth().oauth2(PartnerTokens.issue("partner-" + UUID.randomUUID()))
                .get("/v1/pix/payments/" + UUID.randomUUID())
                .then().statusCode(503).header("Retry-After", "5")
                .body("errors[0].code", equalTo("SERVICO_INDISPONIVEL")).body("meta.requestDateTime", notNullValue());
        given().get("/v1/pix/payments/" + UUID.randomUUID()).then().statusCode(401);
    }
}
