package br.com.ponte.consent;

import br.com.ponte.consent.domain.ConsentExpiry;
import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.infra.TopicProbe;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Consent deadlines: what the partner sees (GET) and the events it receives when a consent is not
 * authorised in time, or not consumed in time. The deadline is a column read by ConsentExpiry,
 * which here is run at a chosen "now" instead of waiting minutes.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "consent"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class ConsentExpiryIT {

    @Inject
    ConsentExpiry expiry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    /** Runs the expiry check as the scheduler does (on a Vert.x context), at the given "now". */
    int expireAt(Instant now) {
        try {
            return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> expiry.expireDue(now));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    String create(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(ConsentRequests.valid())
                .post("/v1/payment-consents").then().statusCode(201).extract().path("id");
    }

    @Test
    void aConsentNotAuthorisedInTimeIsRejectedAndAnnounced() {
        String token = PartnerTokens.issue("partner-" + UUID.randomUUID());
        String id = create(token);
        String untouched = create(token);

        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "consent.events")) {
            assertThat(expireAt(Instant.now().plus(Duration.ofMinutes(5)).plusSeconds(5)))
                    .isGreaterThanOrEqualTo(2);

            given().auth().oauth2(token).get("/v1/payment-consents/" + id).then().statusCode(200)
                    .body("status", equalTo("REJECTED"))
                    .body("rejectionReason.code", equalTo("TEMPO_EXPIRADO_AUTORIZACAO"));
            List<EventEnvelope> events = probe.awaitRecords(r -> id.equals(r.key()), 3, Duration.ofSeconds(60)).stream()
                    .map(r -> EventCodec.decode(r.value())).toList();
            assertThat(events).extracting(EventEnvelope::type)
                    .containsExactly("before:consent:create", "after:consent:create", "consent:expired");
            assertThat(events.get(2).sequence()).isEqualTo(3);
            assertThat(events.get(2).data().path("window").asText()).isEqualTo("AUTHORISATION");
            assertThat(events.get(2).data().path("previousStatus").asText()).isEqualTo("AWAITING_AUTHORISATION");
            // fired once: a second run finds nothing more for it
            expireAt(Instant.now().plus(Duration.ofMinutes(10)));
            assertThat(probe.recordsWithin(r -> id.equals(r.key()), Duration.ofSeconds(2))).hasSize(3);
        }
        given().auth().oauth2(token).get("/v1/payment-consents/" + untouched).then().body("status", equalTo("REJECTED"));
    }

    @Test
    void aConsentNotDueYetIsLeftAlone() {
        String token = PartnerTokens.issue("partner-" + UUID.randomUUID());
        String id = create(token);
        expireAt(Instant.now().plus(Duration.ofMinutes(4)));
        given().auth().oauth2(token).get("/v1/payment-consents/" + id).then().body("status", equalTo("AWAITING_AUTHORISATION"));
    }

    @Test
    void anAuthorisedConsentNotConsumedInTimeIsRejectedWithTheConsumptionCode() throws Exception {
        String token = PartnerTokens.issue("partner-" + UUID.randomUUID());
        String id = create(token);
        // authorised at the bank (the authorisation flow is not wired to consent-service yet)
        Instant authorisedAt = Instant.now();
        try (var db = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/consent", "postgres", "postgres");
             var update = db.prepareStatement("update payment_consent set status = 'AUTHORISED', expiration_date_time = ? where id = ?::uuid")) {
            update.setObject(1, java.time.OffsetDateTime.ofInstant(authorisedAt.plus(Duration.ofMinutes(60)), java.time.ZoneOffset.UTC));
            update.setString(2, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "consent.events")) {
            expireAt(authorisedAt.plus(Duration.ofMinutes(59)));
            given().auth().oauth2(token).get("/v1/payment-consents/" + id).then().body("status", equalTo("AUTHORISED"));

            expireAt(authorisedAt.plus(Duration.ofMinutes(61)));
            given().auth().oauth2(token).get("/v1/payment-consents/" + id).then()
                    .body("status", equalTo("REJECTED"))
                    .body("rejectionReason.code", equalTo("TEMPO_EXPIRADO_CONSUMO"));
            EventEnvelope expired = EventCodec.decode(probe.awaitRecords(r -> id.equals(r.key()), 3, Duration.ofSeconds(60)).get(2).value());
            assertThat(expired.type()).isEqualTo("consent:expired");
            assertThat(expired.data().path("window").asText()).isEqualTo("CONSUMPTION");
            assertThat(expired.data().path("previousStatus").asText()).isEqualTo("AUTHORISED");
        }
    }
}
