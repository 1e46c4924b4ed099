package br.com.ponte.collection;

import br.com.ponte.collection.domain.Operation;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.infra.PonteInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A consent that ends stops being collected; by default every row collected under it is deleted at
 * once with collection:data:deleted (LGPD); a partner that chose KEEP keeps reading it, cached only.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "collection"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class RetentionIT extends CollectionTestSupport {

    private static final String[] TABLES = {"collected_transaction", "stored_answer", "shared_resource", "collection_task",
            "collection_run", "budget_usage"};

    @Test
    void aRevokedConsentsDataIsDeletedWithItsEvidence() {
        Consent consent = authorised(ACCOUNT_PERMISSIONS);
        String account = collectAnAccount(consent);
        for (String table : TABLES) {
            assertThat(count("select count(*) from " + table + " where consent_id = ?::uuid", consent.id())).as(table).isPositive();
        }
        api(consent).get("/v1/collection-settings").then().statusCode(200).body("retention", equalTo("DELETE_AT_END"));

        events.revoked(consent.id(), consent.partner());
        awaitCount("select count(*) from sharing_consent where id = ?::uuid and data_deleted_at is not null", 1, consent.id());
        for (String table : TABLES) {
            assertThat(count("select count(*) from " + table + " where consent_id = ?::uuid", consent.id())).as(table).isZero();
        }
        assertThat(single("select status from sharing_consent where id = ?::uuid", consent.id())).isEqualTo("REVOKED");
        EventEnvelope deleted = collectionEvents(consent.id(), "collection:data:deleted", 1).get(0);
        assertThat(deleted.data().path("reason").asText()).isEqualTo("REVOKED");
        assertThat(deleted.data().path("deletedCounts").path("ACCOUNT_TRANSACTION").asInt()).isEqualTo(3);
        assertThat(deleted.data().path("deletedCounts").path("STORED_ANSWER").asInt()).isEqualTo(4);

        // nothing is collected again, nothing is served
        collectAgain(consent, null);
        assertThat(count("select count(*) from collected_transaction where consent_id = ?::uuid", consent.id())).isZero();
        String base = "/v1/sharing-consents/" + consent.id();
        api(consent).get(base + "/accounts/" + account + "/transactions").then().statusCode(404);
        api(consent).get(base + "/accounts").then().statusCode(404);
        api(consent).post(base + "/refresh").then().statusCode(422).body("errors[0].code", equalTo("CONSENTIMENTO_INVALIDO"));
        assertThat(ChangeFeedIT.ids(json(api(consent).get("/v1/transactions/changes").then().statusCode(200).extract().asString())))
                .isEmpty();

        // a second revocation changes nothing
        events.revoked(consent.id(), consent.partner());
        assertThat(collectionEventsWithin(consent.id(), "collection:data:deleted", seconds(3))).hasSize(1);
    }

    @Test
    void aPartnerThatKeepsItsDataReadsItCachedAfterTheConsentExpired() {
        Consent consent = authorised(ACCOUNT_PERMISSIONS);
        api(consent).contentType("application/json").body("{\"retention\":\"KEEP\"}").put("/v1/collection-settings").then()
                .statusCode(200).body("retention", equalTo("KEEP"));
        String account = collectAnAccount(consent);

        events.expired(consent.id(), consent.partner());
        awaitCount("select count(*) from sharing_consent where id = ?::uuid and status = 'EXPIRED'", 1, consent.id());
        assertThat(count("select count(*) from collected_transaction where consent_id = ?::uuid", consent.id())).isEqualTo(3);
        assertThat(count("select count(*) from collection_task where consent_id = ?::uuid and status <> 'STOPPED'", consent.id())).isZero();
        assertThat(single("select data_deleted_at from sharing_consent where id = ?::uuid", consent.id())).isNull();

        String base = "/v1/sharing-consents/" + consent.id();
        api(consent).queryParam("all", true).get(base + "/accounts/" + account + "/transactions").then().statusCode(200)
                .body("data.size()", equalTo(3)).body("meta.source", equalTo("CACHE"));
        api(consent).queryParam("live", true).get(base + "/accounts/" + account + "/balances").then().statusCode(422)
                .body("errors[0].code", equalTo("CONSENTIMENTO_INVALIDO"));
        int calls = bank.calls.size();
        collectAgain(consent, null);
        assertThat(bank.calls.size()).isEqualTo(calls);
        assertThat(collectionEventsWithin(consent.id(), "collection:data:deleted", seconds(2))).isEmpty();
    }

    private String collectAnAccount(Consent consent) {
        String account = UUID.randomUUID().toString();
        bank.answer(Operation.ACCOUNTS_LIST, null, null, json("[{\"accountId\":\"" + account + "\",\"type\":\"CONTA_DEPOSITO_A_VISTA\"}]"));
        bank.answer(Operation.ACCOUNT, account, null, object("{\"number\":\"123\"}"));
        bank.answer(Operation.ACCOUNT_BALANCES, account, null, object("{\"availableAmount\":{\"amount\":\"1.0000\",\"currency\":\"BRL\"}}"));
        bank.answer(Operation.ACCOUNT_OVERDRAFT_LIMITS, account, null, object("{}"));
        String p = account.substring(0, 8);
        bank.transactions(account, List.of(
                StandInBank.accountTransaction("R1" + p, today().minusDays(40), "1.00", "TRANSACAO_EFETIVADA"),
                StandInBank.accountTransaction("R2" + p, today().minusDays(4), "2.00", "TRANSACAO_EFETIVADA"),
                StandInBank.accountTransaction("R3" + p, today(), "3.00", "LANCAMENTO_FUTURO")));
        share(consent, account, "ACCOUNT", 4);
        collect();
        return account;
    }
}
