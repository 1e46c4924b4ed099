package br.com.ponte.payment;

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


/**
 * Every operation of payment-service's OpenAPI document, asked at least 1,000 hostile ways: never a
 * 5xx, every error in Open Finance's shape with the right status, nothing written for a rejection.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "payment"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class PaymentApiFuzzIT {

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Test
    void noHostileInputGetsA5xxAnErrorOutOfShapeOrAWrite() throws Exception {
        String partner = "fuzz-" + UUID.randomUUID();
        String token = PartnerTokens.issue(partner);
        try (RowCounts rows = RowCounts.of(dbPort, "payment", partner, "outbox")) {
            ApiFuzzer.of(base).named("payment-service")
                    .auth(op -> Map.of("Authorization", "Bearer " + token))
                    .rows(rows).run().assertClean();
        }
    }
}
