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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stable transaction identity and the change feed: a scheduled transaction that posts is one
 * UPDATE, a re-read is nothing, a backdated one is a CREATE; every change once, in order, across
 * pages; the event names the cursors.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "collection"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class ChangeFeedIT extends CollectionTestSupport {

    @Test
    void aTransactionKeepsItsIdentityAndTheFeedHasEveryChangeOnceInOrder() {
        Consent consent = authorised(List.of("ACCOUNTS_TRANSACTIONS_READ", "RESOURCES_READ"));
        String account = UUID.randomUUID().toString();
        String p = account.substring(0, 8);
        ObjectNode a = StandInBank.accountTransaction("A" + p, today().minusDays(3), "10.00", "TRANSACAO_EFETIVADA");
        ObjectNode b = StandInBank.accountTransaction("B" + p, today(), "20.00", "LANCAMENTO_FUTURO");
        ObjectNode c = StandInBank.accountTransaction("C" + p, today().minusDays(2), "30.00", "TRANSACAO_EFETIVADA");
        bank.transactions(account, List.of(a, b, c));
        share(consent, account, "ACCOUNT", 1);
        collect();

        JsonNode first = changes(consent, "0", 100);
        assertThat(ids(first)).containsExactly("A" + p, "B" + p, "C" + p);
        assertThat(first.path("data").findValuesAsText("change")).containsOnly("CREATED");
        assertThat(first.path("data").get(0).path("consentId").asText()).isEqualTo(consent.id());
        assertThat(first.path("data").get(0).path("resourceId").asText()).isEqualTo(account);
        assertThat(first.path("data").get(0).path("transaction")).isEqualTo(a);
        String cursor1 = first.path("meta").path("cursor").asText();

        // B posts (same transactionId), D appears backdated, A and C are read again unchanged
        ObjectNode posted = b.deepCopy().put("completedAuthorisedPaymentType", "TRANSACAO_EFETIVADA");
        ObjectNode d = StandInBank.accountTransaction("D" + p, today().minusDays(4), "40.00", "TRANSACAO_EFETIVADA");
        bank.transactions(account, List.of(a, posted, c, d));
        collectAgain(consent, Operation.ACCOUNT_TRANSACTIONS);
        // the recent window is read with transactions-current, its own budget
        assertThat(bank.callsOf(Operation.ACCOUNT_TRANSACTIONS_CURRENT, account)).hasSize(1);
        assertThat(bank.callsOf(Operation.ACCOUNT_TRANSACTIONS_CURRENT, account).get(0).query())
                .containsEntry("fromBookingDate", today().minusDays(6).toString());

        JsonNode second = changes(consent, cursor1, 100);
        assertThat(ids(second)).containsExactly("B" + p, "D" + p);
        assertThat(second.path("data").get(0).path("change").asText()).isEqualTo("UPDATED");
        assertThat(second.path("data").get(0).path("transaction")).isEqualTo(posted);
        assertThat(second.path("data").get(1).path("change").asText()).isEqualTo("CREATED");
        String cursor2 = second.path("meta").path("cursor").asText();
        assertThat(count("select count(*) from collected_transaction where consent_id = ?::uuid", consent.id())).isEqualTo(4);

        List<EventEnvelope> available = collectionEvents(consent.id(), "collection:transactions:available", 2);
        assertThat(available.get(1).data().path("created").asInt()).isEqualTo(1);
        assertThat(available.get(1).data().path("updated").asInt()).isEqualTo(1);
        assertThat(available.get(1).data().path("since").asText()).isEqualTo(cursor1);
        assertThat(Long.parseLong(available.get(1).data().path("cursor").asText())).isGreaterThanOrEqualTo(Long.parseLong(cursor2));

        // a re-read of the same is nothing: no change, no event
        collectAgain(consent, Operation.ACCOUNT_TRANSACTIONS);
        assertThat(bank.callsOf(Operation.ACCOUNT_TRANSACTIONS_CURRENT, account)).hasSize(2);
        assertThat(changes(consent, cursor2, 100).path("data")).isEmpty();
        assertThat(collectionEventsWithin(consent.id(), "collection:transactions:available", seconds(3))).hasSize(2);

        // from the start, a page of one at a time: every transaction once, positions increasing, at its latest state
        List<String> walked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long lastPosition = 0;
        String cursor = "0";
        while (true) {
            JsonNode page = changes(consent, cursor, 1);
            if (page.path("data").isEmpty()) {
                break;
            }
            JsonNode item = page.path("data").get(0);
            long position = Long.parseLong(item.path("position").asText());
            assertThat(position).isGreaterThan(lastPosition);
            lastPosition = position;
            assertThat(seen.add(item.path("transaction").path("transactionId").asText())).isTrue();
            walked.add(item.path("transaction").path("transactionId").asText());
            cursor = page.path("meta").path("cursor").asText();
        }
        assertThat(walked).containsExactly("A" + p, "C" + p, "B" + p, "D" + p);
    }

    @Test
    void aPartnersFeedHoldsOnlyItsOwnTransactions() {
        Consent mine = authorised(List.of("ACCOUNTS_TRANSACTIONS_READ"));
        Consent theirs = authorised(List.of("ACCOUNTS_TRANSACTIONS_READ"));
        String myAccount = UUID.randomUUID().toString();
        String theirAccount = UUID.randomUUID().toString();
        bank.transactions(myAccount, List.of(StandInBank.accountTransaction("M" + myAccount.substring(0, 8), today(), "1.00",
                "TRANSACAO_EFETIVADA")));
        bank.transactions(theirAccount, List.of(StandInBank.accountTransaction("O" + theirAccount.substring(0, 8), today(), "1.00",
                "TRANSACAO_EFETIVADA")));
        share(mine, myAccount, "ACCOUNT", 1);
        share(theirs, theirAccount, "ACCOUNT", 1);
        collect();
        assertThat(ids(changes(mine, "0", 100))).containsExactly("M" + myAccount.substring(0, 8));
        assertThat(ids(changes(theirs, "0", 100))).containsExactly("O" + theirAccount.substring(0, 8));
    }

    JsonNode changes(Consent consent, String since, int limit) {
        return json(api(consent).queryParam("since", since).queryParam("limit", limit).get("/v1/transactions/changes")
                .then().statusCode(200).extract().asString());
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("data").forEach(item -> ids.add(item.path("transaction").path("transactionId").asText()));
        return ids;
    }
}
