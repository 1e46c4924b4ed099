package br.com.ponte.payment;

import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partner that sends more than its limit gets 429 in Open Finance's shape with Retry-After, every
 * answer says where it stands (IETF RateLimit fields), and another partner is not held back.
 */
@QuarkusTest
@TestProfile(PartnerRateLimitIT.Limited.class)
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "payment"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class PartnerRateLimitIT {

    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ponte.api.rate-limit.requests-per-second", "0.25", "ponte.api.rate-limit.burst", "4");
        }
    }

    @Test
    void aPartnerOverItsLimitWaitsAndOthersDoNot() throws Exception {
        String greedy = PartnerTokens.issue("partner-" + UUID.randomUUID());
        for (int remaining = 3; remaining >= 0; remaining--) {
            Response answer = read(greedy);
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.header("RateLimit-Policy")).isEqualTo("\"partner\";q=4;w=16");
            assertThat(answer.header("RateLimit")).startsWith("\"partner\";r=" + remaining + ";t=");
        }
        Response refused = read(greedy);
        assertThat(refused.statusCode()).isEqualTo(429);
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertThat(retryAfter).as("a token comes back every 4 s").isBetween(1, 4);
        assertThat(refused.header("RateLimit")).startsWith("\"partner\";r=0;t=");
        assertThat(refused.jsonPath().getString("errors[0].code")).isEqualTo("LIMITE_REQUISICOES_EXCEDIDO");
        assertThat(refused.jsonPath().getString("meta.requestDateTime")).isNotBlank();

        Response other = read(PartnerTokens.issue("partner-" + UUID.randomUUID()));
        assertThat(other.statusCode()).as("another partner has its own budget").isEqualTo(404);
        assertThat(other.header("RateLimit")).startsWith("\"partner\";r=3;");

        Thread.sleep(retryAfter * 1_000L + 100);
        assertThat(read(greedy).statusCode()).as("after Retry-After the partner is served again").isEqualTo(404);

        Response anonymous = given().get("/v1/pix/payments/" + UUID.randomUUID());
        assertThat(anonymous.statusCode()).as("no partner, no bucket: security answers").isEqualTo(401);
        assertThat(anonymous.header("RateLimit")).isNull();
    }

    private static Response read(String token) {
        return given().auth().oauth2(token).get("/v1/pix/payments/" + UUID.randomUUID());
    }
}
