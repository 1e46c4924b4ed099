package br.com.ponte.fapi;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static br.com.ponte.fapi.IdTokensAndSignedBodiesTest.BANK_SIGNER;
import static br.com.ponte.fapi.IdTokensAndSignedBodiesTest.OTHER_SIGNER;
import static br.com.ponte.fapi.IdTokensAndSignedBodiesTest.TRANSMITTER;
import static br.com.ponte.fapi.IdTokensAndSignedBodiesTest.bankKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JARM responses as the bank's redirect brings them: what is accepted, and each defect refused. */
class AuthorizationResponsesTest {

    static Map<String, Object> response() {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", "https://bank.example");
        claims.put("aud", "client-1");
        claims.put("iat", now);
        claims.put("exp", now + 300);
        claims.put("code", "code-1");
        claims.put("state", "state-1");
        return claims;
    }

    @Test
    void aGoodResponseGivesItsParameters() throws Exception {
        String jwt = BANK_SIGNER.signNow(response(), "JWT");

        assertThat(AuthorizationResponses.validate(jwt, TRANSMITTER, bankKeys()))
                .containsOnly(Map.entry("code", "code-1"), Map.entry("state", "state-1"));
        assertThat(AuthorizationResponses.unverifiedState(jwt)).isEqualTo("state-1");
        assertThat(AuthorizationResponses.unverifiedState("not a jwt")).isNull();
    }

    @Test
    void eachDefectIsRefused() throws Exception {
        long now = Instant.now().getEpochSecond();
        Map<String, Map<String, Object>> defects = Map.of(
                "another issuer", with("iss", "https://evil.example"),
                "another audience", with("aud", "client-2"),
                "expired", with("exp", now - 120),
                "valid too long", with("exp", now + 3600),
                "no exp", with("exp", null),
                "a parameter that is not a string", with("code", 42));
        for (Map.Entry<String, Map<String, Object>> defect : defects.entrySet()) {
            String jwt = BANK_SIGNER.signNow(defect.getValue(), "JWT");
            assertThatThrownBy(() -> AuthorizationResponses.validate(jwt, TRANSMITTER, bankKeys())).as(defect.getKey())
                    .isInstanceOfSatisfying(FapiException.class,
                            e -> assertThat(e.error()).isEqualTo("invalid_authorization_response"));
        }
        String expired = BANK_SIGNER.signNow(with("exp", now - 120), "JWT");
        assertThatThrownBy(() -> AuthorizationResponses.validate(expired, TRANSMITTER, bankKeys()))
                .hasMessageContaining("expired").hasMessageNotContaining("code-1");
        String foreign = OTHER_SIGNER.signNow(response(), "JWT");
        assertThatThrownBy(() -> AuthorizationResponses.validate(foreign, TRANSMITTER, bankKeys()))
                .isInstanceOfSatisfying(FapiException.class,
                        e -> assertThat(e.error()).isEqualTo("invalid_authorization_response"));
        String[] parts = BANK_SIGNER.signNow(response(), "JWT").split("\\.");
        String tampered = parts[0] + "." + BANK_SIGNER.signNow(with("code", "code-2"), "JWT").split("\\.")[1] + "." + parts[2];
        assertThatThrownBy(() -> AuthorizationResponses.validate(tampered, TRANSMITTER, bankKeys()))
                .isInstanceOf(FapiException.class).hasMessageContaining("signature invalid")
                .hasMessageNotContaining("code-2").hasMessageNotContaining(parts[1]);
    }

    private static Map<String, Object> with(String name, Object value) {
        Map<String, Object> claims = response();
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return claims;
    }
}
