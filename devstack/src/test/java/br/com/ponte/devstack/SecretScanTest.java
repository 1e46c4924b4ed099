package br.com.ponte.devstack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The log scan PaymentJourneyIT runs finds each kind of secret it looks for, and not ordinary lines. */
class SecretScanTest {

    @Test
    void eachKindOfSecretIsFoundAndOrdinaryLinesAreNot() {
        List<String> lines = List.of(
                "INFO consent abc created for partner 3f2a…",
                "DEBUG sending eyJhbGciOiJQUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl to the bank",
                "-----BEGIN PRIVATE KEY-----",
                "header Authorization: Bearer Zx8_aQ0-long-opaque-user-token-value",
                "form code=Q2l8yH1q0bTrZ5vX3mN7pK and state=abc",
                "the admin token is s3cr3t-operator-token-123",
                "INFO traceparent 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "INFO Request failed: Unexpected error (id 0e4d2c1a-9b8f-4e0a-8c7d-6b5a4f3e2d1c)");
        List<String> leaks = SecretScan.leaks("consent-service", lines, List.of("s3cr3t-operator-token-123"));
        assertThat(leaks).extracting(l -> l.substring(0, l.indexOf(':'))).containsExactly(
                "consent-service line 2", "consent-service line 3", "consent-service line 4", "consent-service line 5",
                "consent-service line 6");
        assertThat(leaks).noneMatch(l -> l.contains("s3cr3t"));
    }
}
