package br.com.ponte.consent;

import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.consent.sharing.SharingConsents;
import br.com.ponte.consent.sharing.SharingJourney;
import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.data.AuditRecorded;
import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.infra.TopicProbe;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every revocation, wherever it happens, writes exactly one {@code audit:recorded} in the transaction
 * of the revocation (the same PostgreSQL transaction id, {@code xmin}, as the consent's own event):
 * a payment consent revoked by the partner, a sharing consent revoked by the partner (DELETE), by the
 * user on the dashboard, noticed at the institution, or cancelled before the user authorised it; and
 * the partner's whitelabel changed. Each names its actor, and reaches {@code audit.events} keyed by
 * its own subject, so the consent's own events keep their sequence.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "consent"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class ConsentAuditIT {

    @Inject
    SharingJourney journey;

    @Inject
    SharingConsents consents;

    @Inject
    ModuleTestSharingBank bank;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    SharingFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new SharingFixtures(journey, consents, bank);
    }

    @Test
    void thePartnerRevokingAPaymentConsentIsAuditedInTheRevocationsTransaction() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        String id = given().auth().oauth2(PartnerTokens.issue(partner)).contentType(ContentType.JSON).body(ConsentRequests.valid())
                .post("/v1/payment-consents").then().statusCode(201).extract().path("id");
        given().auth().oauth2(PartnerTokens.issue(partner)).contentType(ContentType.JSON)
                .body(Map.of("revokedBy", "TPP", "reason", "O cliente desistiu"))
                .post("/v1/payment-consents/" + id + "/revoke").then().statusCode(200).body("status", equalTo("REJECTED"));
        // a second revocation is refused and audits nothing
        given().auth().oauth2(PartnerTokens.issue(partner)).contentType(ContentType.JSON).body(Map.of("revokedBy", "TPP"))
                .post("/v1/payment-consents/" + id + "/revoke").then().statusCode(422);

        AuditRecorded entry = auditedWith("payment-consent", id, "consent:revoke", id);
        assertThat(entry.actorType()).isEqualTo("PARTNER");
        assertThat(entry.actorId()).isEqualTo(partner);
        assertThat(entry.action()).isEqualTo("payment-consent.revoked");
        assertThat(entry.details()).containsEntry("revokedBy", "TPP").containsEntry("previousStatus", "AWAITING_AUTHORISATION")
                .containsEntry("transmitter", "sandbox-bank").containsEntry("reasonCode", "NAO_INFORMADO");
        // the consent's own events are numbered without a gap: the audit event has a subject of its own
        assertThat(sequences(id)).containsExactly(1L, 2L, 3L);

        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "audit.events")) {
            List<ConsumerRecord<String, String>> records = probe.awaitRecords(
                    r -> ("audit:payment-consent:" + id).equals(r.key()), 1, Duration.ofSeconds(30));
            EventEnvelope event = EventCodec.decode(records.get(0).value());
            assertThat(event.type()).isEqualTo("audit:recorded");
            assertThat(event.source()).isEqualTo("consent-service");
            assertThat(event.partnerId()).isEqualTo(partner);
            assertThat(event.dataAs(AuditRecorded.class)).isEqualTo(entry);
            assertThat(probe.recordsWithin(r -> ("audit:payment-consent:" + id).equals(r.key()), Duration.ofSeconds(2)))
                    .as("exactly one").hasSize(1);
        }
    }

    @Test
    void eachWayASharingEndsIsAuditedWithItsActor() throws Exception {
        SharingFixtures.Partner partner = SharingFixtures.Partner.with(null);

        // the partner, through its API
        SharingConsent byPartner = authorised(partner);
        given().auth().oauth2(partner.token()).delete("/v1/sharing-consents/" + byPartner.id).then().statusCode(204);
        AuditRecorded partnerEntry = auditedWith("sharing-consent", byPartner.id.toString(), "sharing:consent:revoked",
                byPartner.id.toString());
        assertThat(partnerEntry.action()).isEqualTo("sharing-consent.revoked");
        assertThat(partnerEntry.actorType()).isEqualTo("PARTNER");
        assertThat(partnerEntry.actorId()).isEqualTo(partner.id());
        assertThat(partnerEntry.details()).containsEntry("channel", "PARTNER_API").containsEntry("by", "PARTNER");

        // the user, on the dashboard: named by the consent, nothing personal
        SharingConsent byUser = authorised(partner);
        SharingFixtures.await(() -> journey.revoke(byUser.id, "USER", "PONTE"));
        AuditRecorded userEntry = auditedWith("sharing-consent", byUser.id.toString(), "sharing:consent:revoked",
                byUser.id.toString());
        assertThat(userEntry.actorType()).isEqualTo("USER");
        assertThat(userEntry.actorId()).isEqualTo(byUser.id.toString());
        assertThat(userEntry.details()).containsEntry("channel", "PONTE").doesNotContainValue(SharingFixtures.CPF);

        // at the institution, noticed by Ponte's follower
        SharingConsent atBank = authorised(partner);
        bank.consents.get(atBank.transmitterConsentId).status = "REJECTED";
        SharingFixtures.await(() -> journey.check(atBank.id));
        AuditRecorded bankEntry = auditedWith("sharing-consent", atBank.id.toString(), "sharing:consent:revoked",
                atBank.id.toString());
        assertThat(bankEntry.actorType()).isEqualTo("BANK");
        assertThat(bankEntry.actorId()).isEqualTo(ModuleTestDirectory.PAYMENT_BANK);
        assertThat(bankEntry.details()).containsEntry("channel", "TRANSMITTER");

        // one the user had not authorised yet, ended by the partner
        SharingConsent awaiting = fixtures.awaiting(partner, SharingFixtures.CPF, null, ModuleTestDirectory.PAYMENT_BANK, 6,
                "ACCOUNTS_BALANCES!");
        given().auth().oauth2(partner.token()).delete("/v1/sharing-consents/" + awaiting.id).then().statusCode(204);
        AuditRecorded cancelled = auditedWith("sharing-consent", awaiting.id.toString(), "sharing:consent:rejected",
                awaiting.id.toString());
        assertThat(cancelled.action()).isEqualTo("sharing-consent.cancelled");
        assertThat(cancelled.actorType()).isEqualTo("PARTNER");

        // an expiry is not an action of anyone's: nothing audited
        SharingConsent expired = fixtures.expire(authorised(partner));
        assertThat(auditRows("sharing-consent", expired.id.toString())).isEmpty();
    }

    @Test
    void aWhitelabelChangeIsAudited() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        given().auth().oauth2(PartnerTokens.issue(partner)).contentType(ContentType.JSON)
                .body(Map.of("brandName", "Loja Auditada", "primaryColor", "#6d28d9")).put("/v1/whitelabel").then().statusCode(200);
        given().auth().oauth2(PartnerTokens.issue(partner)).contentType(ContentType.JSON)
                .body(Map.of("brandName", "Loja Auditada", "primaryColor", "#111111")).put("/v1/whitelabel").then().statusCode(200);
        List<Row> rows = auditRows("whitelabel", partner);
        assertThat(rows).hasSize(2);
        for (Row row : rows) {
            assertThat(row.entry().actorType()).isEqualTo("PARTNER");
            assertThat(row.entry().actorId()).isEqualTo(partner);
            assertThat(row.entry().action()).isEqualTo("whitelabel.changed");
        }
        assertThat(rows.get(1).entry().details()).containsEntry("changed", "primaryColor").containsEntry("brandName", "Loja Auditada");
        // committed with the settings: the row's last change is the second audited transaction
        try (Connection db = db(); PreparedStatement q = db.prepareStatement(
                "select xmin::text from whitelabel_settings where partner_id = ?")) {
            q.setString(1, partner);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(rows.get(1).xmin());
            }
        }
    }

    SharingConsent authorised(SharingFixtures.Partner partner) {
        return fixtures.authorise(fixtures.awaiting(partner, SharingFixtures.CPF, null, ModuleTestDirectory.PAYMENT_BANK, 6,
                "ACCOUNTS_BALANCES!"), SharingFixtures.resource("ACCOUNT", "AVAILABLE"));
    }

    record Row(AuditRecorded entry, String partnerId, String xmin) {
    }

    /**
     * The one audit entry of the resource, checked to be in the transaction that wrote the consent's
     * own {@code eventType} event (same {@code xmin}).
     */
    AuditRecorded auditedWith(String resourceType, String resourceId, String eventType, String subject) throws SQLException {
        List<Row> rows = auditRows(resourceType, resourceId);
        assertThat(rows).as("audit entries of %s %s", resourceType, resourceId).hasSize(1);
        try (Connection db = db(); PreparedStatement q = db.prepareStatement(
                "select xmin::text from outbox where aggregateid = ? and type = ?")) {
            q.setString(1, subject);
            q.setString(2, eventType);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as(eventType).isTrue();
                assertThat(rows.get(0).xmin()).as("the audit entry commits in the transaction of %s", eventType)
                        .isEqualTo(rs.getString(1));
            }
        }
        return rows.get(0).entry();
    }

    List<Row> auditRows(String resourceType, String resourceId) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection db = db(); PreparedStatement q = db.prepareStatement(
                "select payload::text, partner_id, xmin::text from outbox where aggregatetype = 'audit.events' "
                        + "and aggregateid = ? order by sequence")) {
            q.setString(1, "audit:" + resourceType + ":" + resourceId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    EventEnvelope event = EventCodec.decode(rs.getString(1));
                    assertThat(event.type()).isEqualTo("audit:recorded");
                    rows.add(new Row(event.dataAs(AuditRecorded.class), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return rows;
    }

    List<Long> sequences(String subject) throws SQLException {
        List<Long> sequences = new ArrayList<>();
        try (Connection db = db(); PreparedStatement q = db.prepareStatement(
                "select sequence from outbox where aggregateid = ? order by sequence")) {
            q.setString(1, subject);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    sequences.add(rs.getLong(1));
                }
            }
        }
        return sequences;
    }

    Connection db() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/consent", "postgres", "postgres");
    }
}
