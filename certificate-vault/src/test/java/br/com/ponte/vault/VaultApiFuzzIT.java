package br.com.ponte.vault;

import br.com.ponte.infra.fuzz.ApiFuzzer;
import br.com.ponte.infra.fuzz.RowCounts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;


/**
 * Every operation of certificate-vault's OpenAPI document, asked at least 1,000 hostile ways by a
 * partner with Open Finance credentials (the operator's token for partners and the audit log, service
 * credentials for the internal API): never a 5xx, every error in Open Finance's shape with the
 * right status, nothing written for a rejection (the partner's rows and the partners table).
 */
@QuarkusTest
@WithTestResource(VaultTestResource.class)
class VaultApiFuzzIT {

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "ponte.vault.admin-token")
    String adminToken;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Test
    void noHostileInputGetsA5xxAnErrorOutOfShapeOrAWrite() throws Exception {
        TestPartner partner = TestPartner.onboard(adminToken, true);
        try (RowCounts rows = RowCounts.of(dbPort, "vault", partner.id(), "partner")) {
            String service = "Basic " + Base64.getEncoder().encodeToString(
                    ("consent-service:" + VaultTestResource.INTERNAL_SECRET).getBytes(StandardCharsets.UTF_8));
            ApiFuzzer.of(base).named("certificate-vault")
                    // registering at a transmitter needs the directory's trust, which this module's vault has not
                    // been given: it answers 503 CONFIGURACAO_AUSENTE by design, and devstack registers for real
                    .only(op -> !op.path().endsWith("/registration"))
                    .auth(op -> Map.of("Authorization", op.path().startsWith("/internal/") ? service
                            : op.path().equals("/v1/partners") || op.path().equals("/v1/audit-log") ? "Bearer " + adminToken
                            : "Bearer " + partner.token()))
                    // audit_log is written from Kafka, a moment after the accepted request it records: it would show
                    // an earlier acceptance as a write of a later rejection. The outbox, written in the request's
                    // transaction, still shows any audit event a rejection would have written.
                    .rows(() -> AuditLogRows.withoutAuditLog(rows.get())).run().assertClean();
        }
    }
}
