package br.com.ponte.payment;

import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.infra.fuzz.IsolationMatrix;
import br.com.ponte.infra.fuzz.RowCounts;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partner isolation in payment-service, generated from its OpenAPI document ({@link IsolationMatrix}):
 * partner A has a Pix payment held for analysis (PDNG, so it could be cancelled); partner B reads
 * and cancels it by id and gets 404, bad tokens get 401, and A's payment reads the same afterwards.
 * The consent id in the body of {@code POST /v1/pix/payments} is checked against the partner by
 * consent-service's grant (no consent-service runs in this module's tests).
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "payment"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class PaymentIsolationIT {

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Test
    void partnerBNeverReachesPartnerAsPayments() throws Exception {
        String a = "partner-" + UUID.randomUUID();
        String b = "partner-" + UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        UUID consent = UUID.randomUUID();
        String transmitterPaymentId = "TXPAY-" + UUID.randomUUID();
        String endToEnd = "E" + Long.toString(System.nanoTime(), 36).toUpperCase();
        String jdbc = "jdbc:postgresql://localhost:" + dbPort + "/payment";
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres");
             PreparedStatement insert = c.prepareStatement("insert into pix_payment (id, partner_id, consent_id, "
                     + "transmitter_payment_id, status, end_to_end_id, created_at, status_updated_at, transmitter, "
                     + "transmitter_consent_id, consent) values (?, ?, ?, ?, 'PDNG', ?, ?, ?, 'sandbox-bank', ?, ?::jsonb)")) {
            insert.setObject(1, payment);
            insert.setString(2, a);
            insert.setObject(3, consent);
            insert.setString(4, transmitterPaymentId);
            insert.setString(5, endToEnd);
            insert.setTimestamp(6, Timestamp.from(created));
            insert.setTimestamp(7, Timestamp.from(created));
            insert.setString(8, "urn:sandbox:" + consent);
            insert.setString(9, "{\"loggedUser\":{\"document\":{\"identification\":\"11144477735\",\"rel\":\"CPF\"}}}");
            insert.executeUpdate();
        }

        try (RowCounts rowsOfA = new RowCounts(jdbc, "postgres", "postgres", a)) {
            IsolationMatrix.Report report = IsolationMatrix.of(base).named("payment-service")
                    .tokens(IsolationMatrix.partnerTokens())
                    .owner(a, PartnerTokens.issue(a))
                    .intruder(b, PartnerTokens.issue(b))
                    .id("/v1/pix/payments/", "id", payment.toString())
                    .secrets(payment.toString(), consent.toString(), transmitterPaymentId, endToEnd, "urn:sandbox:" + consent)
                    .rows(rowsOfA)
                    .run();
            System.out.println(report.summary());
            System.out.println(report.table());
            assertThat(report.violations()).as(report.summary()).isEmpty();
            assertThat(report.checks()).isGreaterThanOrEqualTo(15);
        }
    }
}
