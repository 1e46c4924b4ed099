package br.com.ponte.payment;

import br.com.ponte.infra.PonteInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transmitter's webhook call (Open Finance webhook API 1.2.0, unsigned) is a hint: it makes the
 * payment's next status read due at once, and says the same for ids Ponte does not know.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "payment"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class TransmitterWebhooksIT {

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Test
    void aWebhookMakesThePaymentsNextReadDueNowAndAnUnknownIdIsAnsweredAlike() throws Exception {
        UUID id = UUID.randomUUID();
        String transmitterPaymentId = "TXPAY-" + UUID.randomUUID();
        Instant farAway = Instant.now().plus(Duration.ofDays(1));
        try (Connection c = connection();
             PreparedStatement insert = c.prepareStatement("insert into pix_payment (id, partner_id, consent_id, "
                     + "transmitter, transmitter_payment_id, status, created_at, status_updated_at, next_poll_at) "
                     + "values (?, 'partner-1', ?, 'bank', ?, 'SCHD', now(), now(), ?)")) {
            insert.setObject(1, id);
            insert.setObject(2, UUID.randomUUID());
            insert.setString(3, transmitterPaymentId);
            insert.setTimestamp(4, Timestamp.from(farAway));
            insert.executeUpdate();
        }

        given().contentType("application/json").body("{\"data\":{\"timestamp\":\"" + Instant.now() + "\"}}")
                .post("/open-banking/payments/v4/pix/payments/" + transmitterPaymentId)
                .then().statusCode(202);

        // due now: the poller claims it at once (with its lease), far earlier than the day it was set to
        assertThat(nextPoll(id)).isBefore(Instant.now().plus(Duration.ofMinutes(1)));
        given().contentType("application/json").body("{\"data\":{\"timestamp\":\"" + Instant.now() + "\"}}")
                .post("/open-banking/payments/v4/pix/payments/unknown-" + UUID.randomUUID())
                .then().statusCode(202);
        given().contentType("application/json").body("{}")
                .post("/open-banking/payments/v4/consents/urn:bank:" + UUID.randomUUID())
                .then().statusCode(202);
    }

    private Instant nextPoll(UUID id) throws Exception {
        try (Connection c = connection();
             PreparedStatement select = c.prepareStatement("select next_poll_at from pix_payment where id = ?")) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private Connection connection() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/payment", "postgres", "postgres");
    }
}
