package br.com.ponte.collection;

import br.com.ponte.collection.domain.Operation;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.infra.TopicProbe;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The partner API's edges: identity and isolation, Open Finance errors for bad cursors, dates,
 * ranges and bodies; and the consumer's: unknown consents, duplicates and malformed records.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "collection"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class PartnerApiIT extends CollectionTestSupport {

    @Test
    void theServiceIsReadyAndDescribesItsApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200);
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Ponte collection-service"))
                .body("paths.'/v1/sharing-consents/{consentId}/accounts/{accountId}/transactions'.get.security[0]", hasKey("partnerToken"))
                .body("paths.'/v1/transactions/changes'.get", notNullValue())
                .body("paths.'/v1/sharing-consents/{consentId}/budget'.get", notNullValue())
                .body("paths.'/v1/sharing-consents/{consentId}/refresh'.post", notNullValue())
                .body("paths.'/v1/collection-settings'.put", notNullValue());
    }

    @Test
    void withoutATokenNothingIsAnsweredAndAnotherPartnersIdsAreNotFound() {
        Consent consent = authorised(List.of("ACCOUNTS_BALANCES_READ", "RESOURCES_READ"));
        String account = UUID.randomUUID().toString();
        bank.answer(Operation.ACCOUNT_BALANCES, account, null, object("{\"availableAmount\":{\"amount\":\"1.0000\",\"currency\":\"BRL\"}}"));
        share(consent, account, "ACCOUNT", 1);
        collect();
        String base = "/v1/sharing-consents/" + consent.id();
        given().get(base + "/resources").then().statusCode(401).body("errors[0].code", equalTo("NAO_AUTORIZADO"));
        api(consent).get(base + "/accounts/" + account + "/balances").then().statusCode(200);

        String stranger = "partner-" + UUID.randomUUID();
        for (String path : List.of("/resources", "/accounts/" + account + "/balances", "/accounts/" + account + "/transactions",
                "/budget", "/accounts")) {
            api(stranger).get(base + path).then().statusCode(404).body("errors[0].code", equalTo("NAO_ENCONTRADO"));
        }
        api(stranger).queryParam("live", true).get(base + "/accounts/" + account + "/balances").then().statusCode(404);
        api(stranger).post(base + "/refresh").then().statusCode(404);
        // an unknown consent, a consent id that is no UUID, a resource of another type or consent
        api(consent).get("/v1/sharing-consents/" + UUID.randomUUID() + "/resources").then().statusCode(404);
        api(consent).get("/v1/sharing-consents/not-a-uuid/resources").then().statusCode(404);
        api(consent).get(base + "/credit-cards-accounts/" + account).then().statusCode(404);
        api(consent).get(base + "/accounts/" + UUID.randomUUID() + "/balances").then().statusCode(404);
        assertThat(bank.callsOf(Operation.ACCOUNT_BALANCES, account)).hasSize(1);
    }

    @Test
    void badCursorsDatesRangesAndBodiesAreRefusedInOpenFinancesShape() {
        Consent consent = authorised(List.of("ACCOUNTS_TRANSACTIONS_READ", "RESOURCES_READ"));
        String account = UUID.randomUUID().toString();
        bank.transactions(account, List.of(StandInBank.accountTransaction("X" + account.substring(0, 8), today(), "1.00",
                "TRANSACAO_EFETIVADA")));
        share(consent, account, "ACCOUNT", 1);
        collect();
        String transactions = "/v1/sharing-consents/" + consent.id() + "/accounts/" + account + "/transactions";

        api(consent).queryParam("cursor", "not-a-cursor").get(transactions).then().statusCode(400)
                .body("errors[0].code", equalTo("PARAMETRO_INVALIDO")).body("meta.requestDateTime", notNullValue());
        api(consent).queryParam("fromBookingDate", "2026-02-30").queryParam("toBookingDate", "2026-03-01").get(transactions).then()
                .statusCode(400).body("errors[0].code", equalTo("PARAMETRO_INVALIDO"));
        api(consent).queryParam("fromBookingDate", "yesterday").get(transactions).then().statusCode(400);
        api(consent).queryParam("fromBookingDate", "2026-03-02").queryParam("toBookingDate", "2026-03-01").get(transactions).then()
                .statusCode(422).body("errors[0].code", equalTo("INTERVALO_INVALIDO"));
        api(consent).queryParam("page-size", 0).get(transactions).then().statusCode(400);
        api(consent).queryParam("page-size", 1001).get(transactions).then().statusCode(400);
        api(consent).queryParam("page-size", 1).get(transactions).then().statusCode(200).body("data.size()", equalTo(1));

        api(consent).queryParam("since", "abc").get("/v1/transactions/changes").then().statusCode(400)
                .body("errors[0].code", equalTo("PARAMETRO_INVALIDO"));
        api(consent).queryParam("since", "-1").get("/v1/transactions/changes").then().statusCode(400);
        api(consent).queryParam("since", "999999999").get("/v1/transactions/changes").then().statusCode(422)
                .body("errors[0].code", equalTo("CURSOR_INVALIDO"));
        api(consent).queryParam("limit", 0).get("/v1/transactions/changes").then().statusCode(400);
        api(consent).queryParam("limit", 1001).get("/v1/transactions/changes").then().statusCode(400);

        api(consent).contentType("application/json").body("{\"groups\":[\"SAVINGS\"]}")
                .post("/v1/sharing-consents/" + consent.id() + "/refresh").then().statusCode(400)
                .body("errors[0].code", equalTo("PARAMETRO_INVALIDO"));
        api(consent).contentType("application/json").body("{\"retention\":\"SOMETIMES\"}").put("/v1/collection-settings").then()
                .statusCode(400).body("errors[0].code", equalTo("PARAMETRO_INVALIDO"));
        api(consent).contentType("application/json").body("{").put("/v1/collection-settings").then().statusCode(400);
    }

    @Test
    void eventsAboutUnknownConsentsAndDuplicatesChangeNothing() {
        String unknown = UUID.randomUUID().toString();
        String resource = UUID.randomUUID().toString();
        events.shared(unknown, "partner-x", resource, "ACCOUNT", List.of());
        events.revoked(unknown, "partner-x");

        Consent consent = new Consent(UUID.randomUUID().toString(), "partner-" + UUID.randomUUID());
        EventEnvelope authorised = events.authorised(consent.id(), consent.partner(), List.of("ACCOUNTS_BALANCES_READ"));
        awaitCount("select count(*) from sharing_consent where id = ?::uuid", 1, consent.id());
        String account = UUID.randomUUID().toString();
        bank.answer(Operation.ACCOUNT_BALANCES, account, null, object("{\"availableAmount\":{\"amount\":\"1.0000\",\"currency\":\"BRL\"}}"));
        EventEnvelope shared = events.shared(consent.id(), consent.partner(), account, "ACCOUNT", List.of());
        awaitCount("select count(*) from collection_task where consent_id = ?::uuid", 1, consent.id());
        collect();
        events.resend(authorised);
        events.resend(shared);
        // a marker after the duplicates: once it is applied, so were they
        String marker = UUID.randomUUID().toString();
        events.shared(consent.id(), consent.partner(), marker, "ACCOUNT", List.of());
        awaitCount("select count(*) from shared_resource where consent_id = ?::uuid and resource_id = ?", 1, consent.id(), marker);

        assertThat(count("select count(*) from sharing_consent where id = ?::uuid", unknown)).isZero();
        assertThat(count("select count(*) from collection_task where consent_id = ?::uuid", unknown)).isZero();
        assertThat(count("select count(*) from collection_task where consent_id = ?::uuid and resource_id = ?", consent.id(), account))
                .isEqualTo(1);
        assertThat(single("select status from collection_task where consent_id = ?::uuid and resource_id = ?", consent.id(), account))
                .isEqualTo("SCHEDULED");
        // one run for the account, one for the marker, none for the duplicates
        assertThat(count("select count(*) from collection_run where consent_id = ?::uuid", consent.id())).isEqualTo(2);
        assertThat(count("select count(*) from processed_event where event_id = ?::uuid", shared.id())).isEqualTo(1);
    }

    @Test
    void aRecordThatIsNotAnEventGoesToTheDeadLettersAndConsumptionGoesOn() {
        String key = UUID.randomUUID().toString();
        events.raw(key, "{\"not\":\"an event\"}");
        Consent consent = authorised(List.of("ACCOUNTS_BALANCES_READ"));
        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "sharing.events.dlq")) {
            ConsumerRecord<String, String> dead = probe.awaitRecords(r -> key.equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            assertThat(dead.value()).isEqualTo("{\"not\":\"an event\"}");
            assertThat(new String(dead.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8)).isEqualTo("sharing.events");
            assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
        }
        assertThat(count("select count(*) from sharing_consent where id = ?::uuid", consent.id())).isEqualTo(1);
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString("ponte_events_dead_lettered_total"));
    }
}
