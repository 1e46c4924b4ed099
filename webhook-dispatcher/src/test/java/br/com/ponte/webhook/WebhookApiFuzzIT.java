package br.com.ponte.webhook;

import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.fuzz.ApiFuzzer;
import br.com.ponte.infra.fuzz.RowCounts;
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
 * Every operation of webhook-dispatcher's OpenAPI document, asked at least 1,000 hostile ways: never a
 * 5xx, every error in Open Finance's shape with the right status, nothing written for a rejection.
 */
@QuarkusTest
@WithTestResource(DispatcherTestResource.class)
class WebhookApiFuzzIT {

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Test
    void noHostileInputGetsA5xxAnErrorOutOfShapeOrAWrite() throws Exception {
        String partner = "fuzz-" + UUID.randomUUID();
        String token = PartnerTokens.issue(partner);
        try (RowCounts rows = new RowCounts("jdbc:postgresql://localhost:" + dbPort + "/webhook", "postgres", "postgres",
                partner, "outbox")) {
            ApiFuzzer.Report report = ApiFuzzer.of(base).named("webhook-dispatcher")
                    .auth(op -> Map.of("Authorization", "Bearer " + token))
                    .rows(rows).bodyLimit(1024 * 1024).atLeast(Integer.getInteger("ponte.fuzz.inputs", 1_000))
                    .seed(Long.getLong("ponte.fuzz.seed", 20261202L)).run();
            System.out.println(report.summary());
            assertThat(report.violations()).as(report.summary()).isEmpty();
            assertThat(report.inputs()).isGreaterThanOrEqualTo(1_000);
        }
    }
}
