package br.com.ponte.consent;

import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.infra.fuzz.ApiFuzzer;
import br.com.ponte.infra.fuzz.RowCounts;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of consent-service's OpenAPI document, asked at least 1,000 hostile ways: never a
 * 5xx, every error in Open Finance's shape with the right status, nothing written for a rejection, and
 * every page a screen answers with its security headers (CSP with frame-ancestors, no-store, no-referrer, nosniff).
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "consent"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class ConsentApiFuzzIT {

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Test
    void noHostileInputGetsA5xxAnErrorOutOfShapeOrAWrite() throws Exception {
        String partner = "fuzz-" + UUID.randomUUID();
        String token = PartnerTokens.issue(partner);
        try (RowCounts rows = RowCounts.of(dbPort, "consent", partner, "outbox")) {
            ApiFuzzer.Report report = ApiFuzzer.of(base).named("consent-service")
                    .auth(op -> Map.of("Authorization", "Bearer " + token))
                    .rows(rows).run().assertClean();
            assertThat(report.pages()).as("screens answered with a page, each checked for its security headers").isPositive();
        }
    }
}
