package br.com.ponte.consent;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.data.ConsentCreated;
import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.infra.TopicProbe;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "consent"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class PaymentConsentApiIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    ValidatableResponse post(String partnerId, Object body) {
        return given().auth().oauth2(PartnerTokens.issue(partnerId)).contentType(ContentType.JSON).body(body)
                .when().post("/v1/payment-consents").then();
    }

    @Test
    void aValidConsentIsStoredAndBothCreateEventsArePublishedInOrder() {
        String partner = "partner-" + UUID.randomUUID();
        Instant before = Instant.now();
        String id = post(partner, ConsentRequests.valid())
                .statusCode(201)
                .body("status", equalTo("AWAITING_AUTHORISATION"))
                .body("transmitter", equalTo("sandbox-bank"))
                .body("payment.amount", equalTo("100.12"))
                .body("creditor.cpfCnpj", equalTo("11222333000181"))
                .extract().path("id");

        var read = given().auth().oauth2(PartnerTokens.issue(partner)).get("/v1/payment-consents/" + id)
                .then().statusCode(200).body("id", equalTo(id)).extract().jsonPath();
        Instant created = Instant.parse(read.getString("creationDateTime"));
        Instant expires = Instant.parse(read.getString("expirationDateTime"));
        assertThat(Duration.between(created, expires)).isEqualTo(Duration.ofMinutes(5));
        assertThat(created).isAfterOrEqualTo(before.minusSeconds(1));

        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "consent.events")) {
            List<ConsumerRecord<String, String>> records = probe.awaitRecords(r -> id.equals(r.key()), 2, Duration.ofSeconds(30));
            EventEnvelope first = EventCodec.decode(records.get(0).value());
            EventEnvelope second = EventCodec.decode(records.get(1).value());
            assertThat(first.type()).isEqualTo("before:consent:create");
            assertThat(second.type()).isEqualTo("after:consent:create");
            assertThat(List.of(first.sequence(), second.sequence())).containsExactly(1L, 2L);
            assertThat(first.subject()).isEqualTo(id);
            assertThat(first.partnerId()).isEqualTo(partner);
            assertThat(first.source()).isEqualTo("consent-service");
            assertThat(second.time()).isAfterOrEqualTo(first.time());
            assertThat(new String(records.get(0).headers().lastHeader("id").value(), StandardCharsets.UTF_8))
                    .isEqualTo(first.id());
            ConsentCreated data = second.dataAs(ConsentCreated.class);
            assertThat(data.status()).isEqualTo("AWAITING_AUTHORISATION");
            assertThat(data.payment().amount()).isEqualTo("100.12");
            assertThat(data.expirationDateTime()).isEqualTo(expires);
        }
    }

    @Test
    void aRecordOnPaymentEventsThatIsNotAnEventGoesToItsDeadLettersAndTheNextIsRead() throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        p.put("value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(p)) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("payment.events", first, "not json")).get();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("payment.events", second, "{\"type\":\"x\"}")).get();
        }
        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "payment.events.dlq")) {
            List<ConsumerRecord<String, String>> dead = probe.awaitRecords(r -> first.equals(r.key()) || second.equals(r.key()), 2,
                    Duration.ofSeconds(30));
            assertThat(dead).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("not json", "{\"type\":\"x\"}");
            for (ConsumerRecord<String, String> record : dead) {
                assertThat(new String(record.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8))
                        .isEqualTo("payment.events");
                assertThat(record.headers().lastHeader("dead-letter-reason")).isNotNull();
            }
        }
    }

    @Test
    void theRequestIsKeptAsJsonForTheTransmitterCall() throws Exception {
        String id = post("partner-" + UUID.randomUUID(), ConsentRequests.valid()).statusCode(201).extract().path("id");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/consent", "postgres", "postgres")) {
            ResultSet rs = c.createStatement().executeQuery("select request->'creditor'->>'cpfCnpj', jsonb_typeof(request) "
                    + "from payment_consent where id = '" + id + "'");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("11222333000181");
            assertThat(rs.getString(2)).isEqualTo("object");
        }
    }

    @Test
    void aPartnerNeverSeesAnotherPartnersConsent() {
        String id = post("partner-" + UUID.randomUUID(), ConsentRequests.valid()).statusCode(201).extract().path("id");
        given().auth().oauth2(PartnerTokens.issue("partner-" + UUID.randomUUID()))
                .get("/v1/payment-consents/" + id)
                .then().statusCode(404).body("errors[0].code", equalTo("NAO_ENCONTRADO"));
    }

    @Test
    void invalidRequestsAreRefusedWithEveryProblemAndWriteNothing() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        Map<String, Object> bad = ConsentRequests.valid();
        bad.put("loggedUser", Map.of("document", Map.of("identification", "11144477734", "rel", "CPF")));
        bad.put("creditor", Map.of("personType", "PESSOA_JURIDICA", "cpfCnpj", "11222333000180", "name", "X"));
        bad.put("payment", new HashMap<>(Map.of("type", "PIX", "date", "2026-11-22", "currency", "BRL", "amount", "100.1")));
        post(partner, bad).statusCode(422)
                .body("errors.code", hasItems("PARAMETRO_INVALIDO"))
                .body("errors.detail", hasItems(
                        "loggedUser.document.identification is not a valid CPF (11 digits with check digits)",
                        "creditor.cpfCnpj is not a valid CNPJ for a PESSOA_JURIDICA creditor",
                        "payment.amount must be a decimal with two places, e.g. 100.12"))
                .body("meta.totalRecords", equalTo(3));

        Map<String, Object> missing = ConsentRequests.valid();
        missing.remove("creditor");
        missing.remove("redirectUri");
        post(partner, missing).statusCode(422)
                .body("errors.detail", hasItems("creditor is required", "redirectUri is required"));

        given().auth().oauth2(PartnerTokens.issue(partner)).contentType(ContentType.JSON).body("{\"payment\": ")
                .post("/v1/payment-consents").then().statusCode(400).body("errors[0].code", equalTo("PARAMETRO_INVALIDO"));

        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/consent", "postgres", "postgres")) {
            ResultSet rs = c.createStatement().executeQuery("select (select count(*) from payment_consent where partner_id = '"
                    + partner + "') + (select count(*) from outbox where partner_id = '" + partner + "')");
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void missingOrExpiredTokensGet401InOpenFinanceShape() {
        given().contentType(ContentType.JSON).body(ConsentRequests.valid()).post("/v1/payment-consents")
                .then().statusCode(401).body("errors[0].code", equalTo("NAO_AUTORIZADO")).body("meta", notNullValue());
        given().auth().oauth2(PartnerTokens.expired("p1")).contentType(ContentType.JSON).body(ConsentRequests.valid())
                .post("/v1/payment-consents")
                .then().statusCode(401).body("errors[0].code", equalTo("NAO_AUTORIZADO"));
        given().auth().oauth2("not-a-jwt").get("/v1/payment-consents/" + UUID.randomUUID())
                .then().statusCode(401).body("errors[0].code", equalTo("NAO_AUTORIZADO"));
    }
}
