package br.com.ponte.collection;

import br.com.ponte.collection.domain.Operation;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.infra.PonteInfraTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The operational-limit budget (overdraft limits: 3 a month here, 1 kept for live reads): counted per
 * call, the reserve kept from collections and refreshes, a refresh refused when it cannot be covered
 * or cannot help, a live read beyond the budget refused while cached reads go on, a 429 with
 * Retry-After honoured and counted, then completed.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "collection"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class BudgetIT extends CollectionTestSupport {

    @Test
    void theReserveIsKeptForLiveReadsAndRefreshesStopAtIt() {
        Consent consent = authorised(List.of("ACCOUNTS_OVERDRAFT_LIMITS_READ", "RESOURCES_READ"));
        String account = UUID.randomUUID().toString();
        ObjectNode limits = object("{\"overdraftContractedLimit\":{\"amount\":\"500.0000\",\"currency\":\"BRL\"}}");
        bank.answer(Operation.ACCOUNT_OVERDRAFT_LIMITS, account, null, limits);
        share(consent, account, "ACCOUNT", 1);
        collect();
        String base = "/v1/sharing-consents/" + consent.id();

        // just collected: a refresh cannot help
        api(consent).contentType("application/json").body("{\"groups\":[\"ACCOUNTS\"]}").post(base + "/refresh").then()
                .statusCode(422).body("errors[0].code", equalTo("ATUALIZACAO_DESNECESSARIA"));

        // older: one call is left above the reserve
        age(consent);
        api(consent).contentType("application/json").body("{\"groups\":[\"ACCOUNTS\"]}").post(base + "/refresh").then()
                .statusCode(202).body("data.scheduled", hasSize(1))
                .body("data.scheduled[0].operation", equalTo("ACCOUNT_OVERDRAFT_LIMITS"))
                .body("data.collections[0].trigger", equalTo("ON_DEMAND"));
        collect();
        assertThat(bank.callsOf(Operation.ACCOUNT_OVERDRAFT_LIMITS, account)).hasSize(2);

        // none is left for collections: the refresh is refused, and a scheduled run makes no call
        age(consent);
        api(consent).post(base + "/refresh").then().statusCode(429).body("errors[0].code", equalTo("LIMITE_OPERACIONAL_ATINGIDO"));
        collectAgain(consent, null);
        assertThat(bank.callsOf(Operation.ACCOUNT_OVERDRAFT_LIMITS, account)).hasSize(2);
        Timestamp next = (Timestamp) single("select next_run_at from collection_task where consent_id = ?::uuid", consent.id());
        assertThat(next.toInstant()).isAfter(Instant.now().plus(Duration.ofHours(1)));

        JsonNode line = FlowLines.line(budget(consent), "ACCOUNT_OVERDRAFT_LIMITS", account);
        assertThat(line.path("limit").asInt()).isEqualTo(3);
        assertThat(line.path("used").asInt()).isEqualTo(2);
        assertThat(line.path("remaining").asInt()).isEqualTo(1);
        assertThat(line.path("reserve").asInt()).isEqualTo(1);
        assertThat(line.path("availableForCollection").asInt()).isEqualTo(0);

        // the reserve is the partner's: one live read, then 429 while cached reads go on
        api(consent).queryParam("live", true).get(base + "/accounts/" + account + "/overdraft-limits").then().statusCode(200)
                .body("meta.source", equalTo("LIVE")).body("data.overdraftContractedLimit.amount", equalTo("500.0000"));
        api(consent).queryParam("live", true).get(base + "/accounts/" + account + "/overdraft-limits").then().statusCode(429)
                .body("errors[0].code", equalTo("LIMITE_OPERACIONAL_ATINGIDO"));
        api(consent).get(base + "/accounts/" + account + "/overdraft-limits").then().statusCode(200)
                .body("meta.source", equalTo("CACHE")).body("data.overdraftContractedLimit.amount", equalTo("500.0000"));
        assertThat(bank.callsOf(Operation.ACCOUNT_OVERDRAFT_LIMITS, account)).hasSize(3);
        assertThat(FlowLines.line(budget(consent), "ACCOUNT_OVERDRAFT_LIMITS", account).path("remaining").asInt()).isZero();

        // told once this month that the budget is low
        List<EventEnvelope> low = collectionEventsWithin(consent.id(), "collection:budget:low", seconds(4));
        assertThat(low).hasSize(1);
        assertThat(low.get(0).data().path("operation").asText()).isEqualTo("ACCOUNT_OVERDRAFT_LIMITS");
        assertThat(low.get(0).data().path("remaining").asInt()).isEqualTo(1);
    }

    @Test
    void aRefreshIsIdempotentByItsKey() {
        Consent consent = authorised(List.of("ACCOUNTS_BALANCES_READ", "RESOURCES_READ"));
        String account = UUID.randomUUID().toString();
        bank.answer(Operation.ACCOUNT_BALANCES, account, null, object("{\"availableAmount\":{\"amount\":\"1.0000\",\"currency\":\"BRL\"}}"));
        share(consent, account, "ACCOUNT", 1);
        collect();
        age(consent);
        String base = "/v1/sharing-consents/" + consent.id();
        String key = UUID.randomUUID().toString();
        String first = api(consent).header("x-idempotency-key", key).contentType("application/json").body("{\"groups\":[\"ACCOUNTS\"]}")
                .post(base + "/refresh").then().statusCode(202).extract().asString();
        String again = api(consent).header("x-idempotency-key", key).contentType("application/json").body("{\"groups\":[\"ACCOUNTS\"]}")
                .post(base + "/refresh").then().statusCode(202).extract().asString();
        assertThat(json(again)).isEqualTo(json(first));
        assertThat(count("select count(*) from collection_run where consent_id = ?::uuid and trigger = 'ON_DEMAND'", consent.id())).isEqualTo(1);
        api(consent).header("x-idempotency-key", key).contentType("application/json").body("{\"groups\":[\"REGISTRATION\"]}")
                .post(base + "/refresh").then().statusCode(422).body("errors[0].code", equalTo("ERRO_IDEMPOTENCIA"));
        api(consent).header("x-idempotency-key", "not a key").post(base + "/refresh").then().statusCode(400)
                .body("errors[0].code", equalTo("PARAMETRO_INVALIDO"));
    }

    @Test
    void a429IsHonouredAfterItsRetryAfterAndCountedThenTheCollectionCompletes() {
        Consent consent = authorised(List.of("ACCOUNTS_BALANCES_READ", "RESOURCES_READ"));
        String account = UUID.randomUUID().toString();
        ObjectNode balances = object("{\"availableAmount\":{\"amount\":\"7.0000\",\"currency\":\"BRL\"}}");
        bank.answer(Operation.ACCOUNT_BALANCES, account, null, balances);
        bank.throttle(Operation.ACCOUNT_BALANCES, account, 1, Duration.ofSeconds(3));
        share(consent, account, "ACCOUNT", 1);
        Instant before = Instant.now();
        collect();
        Timestamp next = (Timestamp) single("select next_run_at from collection_task where consent_id = ?::uuid", consent.id());
        assertThat(next.toInstant()).isAfterOrEqualTo(before.plusSeconds(3));
        api(consent).get("/v1/sharing-consents/" + consent.id() + "/accounts/" + account + "/balances").then().statusCode(404);
        collect();
        assertThat(bank.callsOf(Operation.ACCOUNT_BALANCES, account)).hasSize(1);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> collect() > 0);
        api(consent).get("/v1/sharing-consents/" + consent.id() + "/accounts/" + account + "/balances").then().statusCode(200)
                .body("data.availableAmount.amount", equalTo("7.0000"));
        JsonNode line = FlowLines.line(budget(consent), "ACCOUNT_BALANCES", account);
        assertThat(line.path("used").asInt()).isEqualTo(2);
        assertThat(line.path("throttled").asInt()).isEqualTo(1);
        assertThat(collectionEvents(consent.id(), "collection:finished", 1).get(0).data().path("failedOperations")).isEmpty();
    }

    @Test
    void aBankThatStaysDownFailsTheTaskForGoodOnceItsRetriesAreSpent() {
        Consent consent = authorised(List.of("ACCOUNTS_BALANCES_READ", "RESOURCES_READ"));
        String account = UUID.randomUUID().toString();
        bank.unavailable(Operation.ACCOUNT_BALANCES, account, 100);
        share(consent, account, "ACCOUNT", 1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            collectAgain(consent, null);
            return count("select count(*) from collection_task where consent_id = ?::uuid and status = 'FAILED'", consent.id()) == 1;
        });
        EventEnvelope failed = collectionEvents(consent.id(), "collection:failed", 1).get(0);
        assertThat(failed.data().path("errorCode").asText()).isEqualTo("TRANSMITTER_UNAVAILABLE");
        assertThat(failed.data().path("retryable").asBoolean()).isTrue();
        assertThat(failed.data().path("attempts").asInt()).isEqualTo(6);
        assertThat(failed.data().path("operation").asText()).isEqualTo("ACCOUNT_BALANCES");
        assertThat(collectionEvents(consent.id(), "collection:finished", 1).get(0).data().path("failedOperations").get(0).asText())
                .isEqualTo("ACCOUNT_BALANCES");
    }

    @Test
    void aRefusalAsTheConsentEndsAtTheBankIsNoFailureAndOneThatLastsIs() {
        // the bank refuses while the revocation's event is on its way: looked at again later, the consent has
        // ended and its tasks stop, no collection:failed
        Consent ending = authorised(List.of("ACCOUNTS_BALANCES_READ", "RESOURCES_READ"));
        String account = UUID.randomUUID().toString();
        bank.refuse(Operation.ACCOUNT_BALANCES, account, 100);
        share(ending, account, "ACCOUNT", 1);
        collect();
        assertThat(single("select status from collection_task where consent_id = ?::uuid", ending.id())).isEqualTo("SCHEDULED");
        events.revoked(ending.id(), ending.partner());
        awaitCount("select count(*) from sharing_consent where id = ?::uuid and status = 'REVOKED'", 1, ending.id());
        collectAgain(ending, null);
        assertThat(bank.callsOf(Operation.ACCOUNT_BALANCES, account)).hasSize(1);
        assertThat(collectionEventsWithin(ending.id(), "collection:failed", Duration.ofSeconds(3))).isEmpty();

        // a refusal that lasts fails the task on its second try
        Consent refused = authorised(List.of("ACCOUNTS_BALANCES_READ", "RESOURCES_READ"));
        String other = UUID.randomUUID().toString();
        bank.refuse(Operation.ACCOUNT_BALANCES, other, 100);
        share(refused, other, "ACCOUNT", 1);
        collect();
        collectAgain(refused, null);
        EventEnvelope failed = collectionEvents(refused.id(), "collection:failed", 1).get(0);
        assertThat(failed.data().path("errorCode").asText()).isEqualTo("TRANSMITTER_REFUSED");
        assertThat(failed.data().path("attempts").asInt()).isEqualTo(2);
        assertThat(bank.callsOf(Operation.ACCOUNT_BALANCES, other)).hasSize(2);
    }

    @Test
    void aConsentConsentServiceRefusesFailsItsTasksWithoutRetrying() {
        Consent consent = authorised(List.of("ACCOUNTS_BALANCES_READ", "RESOURCES_READ"));
        String account = UUID.randomUUID().toString();
        grants.unusable.add(consent.id());
        share(consent, account, "ACCOUNT", 1);
        collect();
        EventEnvelope failed = collectionEvents(consent.id(), "collection:failed", 1).get(0);
        assertThat(failed.data().path("errorCode").asText()).isEqualTo("CONSENT_UNUSABLE");
        assertThat(failed.data().path("retryable").asBoolean()).isFalse();
        assertThat(bank.callsOf(Operation.ACCOUNT_BALANCES, account)).isEmpty();
    }

    /** Makes the consent's tasks look collected an hour ago (a refresh may help). */
    void age(Consent consent) {
        update("update collection_task set last_success_at = now() - interval '1 hour' where consent_id = ?::uuid", consent.id());
    }

    JsonNode budget(Consent consent) {
        return json(api(consent).get("/v1/sharing-consents/" + consent.id() + "/budget").then().statusCode(200)
                .body("data.consentId", equalTo(consent.id())).extract().asString()).path("data");
    }

    /** The budget lines' lookup, shared with CollectionFlowIT. */
    static final class FlowLines {
        static JsonNode line(JsonNode budget, String operation, String resourceId) {
            return CollectionFlowIT.line(budget, operation, resourceId);
        }
    }
}
