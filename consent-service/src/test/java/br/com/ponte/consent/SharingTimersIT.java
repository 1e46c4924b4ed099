package br.com.ponte.consent;

import br.com.ponte.consent.sharing.SharingBank;
import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.consent.sharing.SharingConsents;
import br.com.ponte.consent.sharing.SharingFollower;
import br.com.ponte.consent.sharing.SharingJourney;
import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.data.SharingConsentExpired;
import br.com.ponte.events.data.SharingConsentExpiring;
import br.com.ponte.events.data.SharingSessionFinished;
import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.infra.TopicProbe;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Ponte's own timers of data sharing, which need no institution to tell them: an authorised consent
 * reaching its term (expired, its tokens destroyed), one within the lead time of it (announced once),
 * a session whose time ran out (ended). The follower's round is run here with a later clock.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "consent"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class SharingTimersIT {

    @Inject
    SharingJourney journey;

    @Inject
    SharingConsents consents;

    @Inject
    ModuleTestSharingBank bank;

    @Inject
    SharingFollower follower;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    SharingFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new SharingFixtures(journey, consents, bank);
    }

    @Test
    void anAuthorisedConsentReachingItsTermExpiresAndItsTokensAreDestroyed() throws Exception {
        SharingFixtures.Partner partner = SharingFixtures.Partner.with(null);
        SharingConsent consent = fixtures.authorise(fixtures.awaiting(partner, SharingFixtures.CPF, null, ModuleTestDirectory.PAYMENT_BANK,
                        3, "ACCOUNTS_BALANCES!"),
                SharingFixtures.resource("ACCOUNT", "AVAILABLE"));
        assertThat(grantHeld(consent.id)).isTrue();

        // a day before its term nothing happens; at its term it expires
        SharingFixtures.await(() -> follower.expireTerms(consent.expirationDateTime.minus(Duration.ofDays(1))));
        assertThat(SharingFixtures.read(consent.id).status.name()).isEqualTo("AUTHORISED");
        SharingFixtures.await(() -> follower.expireTerms(consent.expirationDateTime.plusSeconds(1)));
        SharingConsent expired = SharingFixtures.read(consent.id);
        assertThat(expired.status.name()).isEqualTo("REJECTED");
        assertThat(expired.rejectionReasonCode).isEqualTo("CONSENT_MAX_DATE_REACHED");
        assertThat(grantHeld(consent.id)).as("the user's tokens are destroyed with the consent's end").isFalse();
        given().auth().oauth2(PartnerTokens.issue(partner.id())).get("/v1/sharing-consents/" + consent.id)
                .then().statusCode(200).body("rejection.reason.code", equalTo("CONSENT_MAX_DATE_REACHED"));

        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "sharing.events")) {
            List<EventEnvelope> events = probe.awaitRecords(r -> consent.id.toString().equals(r.key())
                            && r.value().contains("sharing:consent:expired"), 1, Duration.ofSeconds(30))
                    .stream().map(r -> EventCodec.decode(r.value())).toList();
            SharingConsentExpired data = events.get(0).dataAs(SharingConsentExpired.class);
            assertThat(data.previousStatus()).isEqualTo("AUTHORISED");
            assertThat(data.reasonCode()).isEqualTo("CONSENT_MAX_DATE_REACHED");
            assertThat(data.expirationDateTime()).isEqualTo(consent.expirationDateTime);
        }
    }

    @Test
    void aConsentNearItsTermIsAnnouncedOncePerTerm() {
        SharingFixtures.Partner partner = SharingFixtures.Partner.with(null);
        SharingConsent consent = fixtures.authorise(fixtures.awaiting(partner, SharingFixtures.CPF, null, ModuleTestDirectory.PAYMENT_BANK,
                        6, "ACCOUNTS_BALANCES!"),
                SharingFixtures.resource("ACCOUNT", "AVAILABLE"));
        Instant threeDaysBefore = consent.expirationDateTime.minus(Duration.ofDays(3)).minusSeconds(60);
        SharingFixtures.await(() -> follower.announceTerms(consent.expirationDateTime.minus(Duration.ofDays(8))));
        SharingFixtures.await(() -> follower.announceTerms(threeDaysBefore));
        SharingFixtures.await(() -> follower.announceTerms(threeDaysBefore.plus(Duration.ofDays(1))));

        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "sharing.events")) {
            List<EventEnvelope> notices = probe.awaitRecords(r -> consent.id.toString().equals(r.key())
                            && r.value().contains("sharing:consent:expiring"), 1, Duration.ofSeconds(30))
                    .stream().map(r -> EventCodec.decode(r.value())).toList();
            SharingConsentExpiring data = notices.get(0).dataAs(SharingConsentExpiring.class);
            assertThat(data.daysLeft()).isEqualTo(3);
            assertThat(data.expirationDateTime()).isEqualTo(consent.expirationDateTime);
            // once per term: the later round sent nothing more
            assertThat(probe.recordsWithin(r -> consent.id.toString().equals(r.key())
                    && r.value().contains("sharing:consent:expiring"), Duration.ofSeconds(3))).hasSize(1);
        }
    }

    @Test
    void aSessionWhoseTimeRanOutEndsAsExpired() {
        SharingFixtures.Partner partner = SharingFixtures.Partner.with(null);
        String screens = SharingFixtures.start(partner, SharingFixtures.sessionRequest(SharingFixtures.CPF, null, 3, "ACCOUNTS_BALANCES!"));
        UUID session = SharingFixtures.sessionId(screens);
        SharingFixtures.await(() -> follower.endSessions(Instant.now().plus(Duration.ofMinutes(61))));
        given().auth().oauth2(PartnerTokens.issue(partner.id())).get("/v1/sharing-sessions/" + session)
                .then().statusCode(200).body("status", equalTo("EXPIRED"));
        assertThat(SharingFixtures.open(screens).statusCode()).isEqualTo(410);
        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "sharing.events")) {
            EventEnvelope finished = EventCodec.decode(probe.awaitRecords(r -> session.toString().equals(r.key())
                    && r.value().contains("sharing:session:finished"), 1, Duration.ofSeconds(30)).get(0).value());
            SharingSessionFinished data = finished.dataAs(SharingSessionFinished.class);
            assertThat(data.outcome()).isEqualTo("EXPIRED");
            assertThat(data.consents()).isEmpty();
        }
    }

    private boolean grantHeld(UUID consentId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/consent", "postgres", "postgres")) {
            ResultSet rs = c.createStatement().executeQuery("select grant_ciphertext is not null from authorisation where consent_id = '"
                    + consentId + "'");
            return rs.next() && rs.getBoolean(1);
        }
    }
}
