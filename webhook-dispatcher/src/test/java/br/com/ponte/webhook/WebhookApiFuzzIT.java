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
        try (RowCounts rows = RowCounts.of(dbPort, "webhook", partner, "outbox")) {
            ApiFuzzer.of(base).named("webhook-dispatcher")
                    .auth(op -> Map.of("Authorization", "Bearer " + token))
                    .rows(rows).run().assertClean();
        }
    }
}
