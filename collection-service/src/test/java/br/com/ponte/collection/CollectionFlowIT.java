package br.com.ponte.collection;

import br.com.ponte.collection.domain.Json;
import br.com.ponte.collection.domain.Operation;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.infra.PonteInfraTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Events in, tasks, collected rows, and partner API answers equal to what the bank served: an
 * account with every page of 12 months of transactions; a card with its bills; registration data;
 * credit operations.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "collection"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class CollectionFlowIT extends CollectionTestSupport {

    @Test
    void anAccountIsCollectedWithEveryPageAndServedAsTheBankAnsweredIt() {
        Consent consent = authorised(ACCOUNT_PERMISSIONS);
        String account = UUID.randomUUID().toString();
        ObjectNode summary = object("{\"brandName\":\"Banco Sandbox Ponte\",\"companyCnpj\":\"50685362000135\",\"type\":\"CONTA_DEPOSITO_A_VISTA\","
                + "\"compeCode\":\"001\",\"branchCode\":\"6272\",\"number\":\"94088392\",\"checkDigit\":\"4\",\"accountId\":\"" + account + "\"}");
        ArrayNode list = Json.MAPPER.createArrayNode().add(summary);
        bank.answer(Operation.ACCOUNTS_LIST, null, null, list);
        ObjectNode identification = object("{\"compeCode\":\"001\",\"branchCode\":\"6272\",\"number\":\"94088392\",\"checkDigit\":\"4\","
                + "\"type\":\"CONTA_DEPOSITO_A_VISTA\",\"subtype\":\"INDIVIDUAL\",\"currency\":\"BRL\"}");
        bank.answer(Operation.ACCOUNT, account, null, identification);
        ObjectNode balances = object("{\"availableAmount\":{\"amount\":\"1000.0400\",\"currency\":\"BRL\"},"
                + "\"blockedAmount\":{\"amount\":\"0.0000\",\"currency\":\"BRL\"},"
                + "\"automaticallyInvestedAmount\":{\"amount\":\"0.0000\",\"currency\":\"BRL\"},\"updateDateTime\":\"2026-11-30T12:00:00.000Z\"}");
        bank.answer(Operation.ACCOUNT_BALANCES, account, null, balances);
        ObjectNode overdraft = object("{\"overdraftContractedLimit\":{\"amount\":\"500.0000\",\"currency\":\"BRL\"}}");
        bank.answer(Operation.ACCOUNT_OVERDRAFT_LIMITS, account, null, overdraft);
        List<ObjectNode> transactions = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            transactions.add(StandInBank.accountTransaction("T" + account.substring(0, 8) + i, today().minusDays(i % 330),
                    i + ".00", "TRANSACAO_EFETIVADA"));
        }
        ObjectNode tooOld = StandInBank.accountTransaction("OLD" + account.substring(0, 8), today().minusMonths(13), "1.00",
                "TRANSACAO_EFETIVADA");
        List<ObjectNode> atBank = new ArrayList<>(transactions);
        atBank.add(tooOld);
        bank.transactions(account, atBank);

        share(consent, account, "ACCOUNT", 4);
        assertThat(count("select count(*) from collection_task where consent_id = ?::uuid", consent.id())).isEqualTo(5);
        collect();

        api(consent).get("/v1/sharing-consents/" + consent.id() + "/resources").then().statusCode(200)
                .body("data[0].resourceId", equalTo(account)).body("data[0].type", equalTo("ACCOUNT"))
                .body("data[0].status", equalTo("AVAILABLE"));
        assertThat(data(consent, "/accounts")).isEqualTo(list);
        assertThat(data(consent, "/accounts/" + account)).isEqualTo(identification);
        assertThat(data(consent, "/accounts/" + account + "/balances")).isEqualTo(balances);
        assertThat(data(consent, "/accounts/" + account + "/overdraft-limits")).isEqualTo(overdraft);
        api(consent).get("/v1/sharing-consents/" + consent.id() + "/accounts/" + account + "/balances").then()
                .body("meta.collectedAt", notNullValue()).body("meta.source", equalTo("CACHE"));

        // 12 months back and a month ahead (scheduled transactions), every page followed with page-size 1000:
        // the first call counted, the two follow-ups free
        List<StandInBank.Call> first = bank.callsOf(Operation.ACCOUNT_TRANSACTIONS, account);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).query()).containsEntry("page-size", "1000")
                .containsEntry("fromBookingDate", today().minusMonths(12).toString()).containsEntry("toBookingDate", today().plusDays(31).toString());
        JsonNode budget = json(api(consent).get("/v1/sharing-consents/" + consent.id() + "/budget").then().statusCode(200)
                .extract().asString()).path("data");
        assertThat(line(budget, "ACCOUNT_TRANSACTIONS", account).path("used").asInt()).isEqualTo(1);
        assertThat(line(budget, "ACCOUNT_TRANSACTIONS", account).path("limit").asInt()).isEqualTo(4);
        assertThat(line(budget, "ACCOUNTS_LIST", null).path("used").asInt()).isEqualTo(1);
        assertThat(budget.path("resetsAt").asText()).endsWith("T03:00:00Z");

        // every transaction of the 12 months, once, as the bank gave it, by booking date then id
        List<JsonNode> expected = new ArrayList<>(transactions);
        expected.sort(Comparator.comparing((JsonNode t) -> t.path("transactionDateTime").asText().substring(0, 10))
                .thenComparing(t -> t.path("transactionId").asText()));
        JsonNode all = json(api(consent).queryParam("all", true)
                .get("/v1/sharing-consents/" + consent.id() + "/accounts/" + account + "/transactions")
                .then().statusCode(200).body("meta.totalRecords", equalTo(2500)).extract().asString());
        assertThat(list(all.path("data"))).isEqualTo(expected);

        // the same, a page at a time
        List<JsonNode> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = api(consent).queryParam("page-size", 1000);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonNode page = json(request.get("/v1/sharing-consents/" + consent.id() + "/accounts/" + account + "/transactions")
                    .then().statusCode(200).extract().asString());
            paged.addAll(list(page.path("data")));
            cursor = page.path("meta").path("cursor").asText(null);
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).isEqualTo(expected);

        // a date range
        LocalDate from = today().minusDays(9);
        JsonNode recent = json(api(consent).queryParam("fromBookingDate", from.toString()).queryParam("toBookingDate", today().toString())
                .queryParam("all", true).get("/v1/sharing-consents/" + consent.id() + "/accounts/" + account + "/transactions")
                .then().statusCode(200).extract().asString());
        assertThat(list(recent.path("data"))).isEqualTo(expected.stream()
                .filter(t -> !LocalDate.parse(t.path("transactionDateTime").asText().substring(0, 10)).isBefore(from)).toList());

        // the run's story on collection.events
        EventEnvelope started = collectionEvents(consent.id(), "collection:started", 1).get(0);
        assertThat(started.data().path("group").asText()).isEqualTo("ACCOUNTS");
        assertThat(started.data().path("trigger").asText()).isEqualTo("INITIAL");
        EventEnvelope available = collectionEvents(consent.id(), "collection:transactions:available", 1).get(0);
        assertThat(available.data().path("created").asInt()).isEqualTo(2500);
        assertThat(available.data().path("resourceId").asText()).isEqualTo(account);
        EventEnvelope finished = collectionEvents(consent.id(), "collection:finished", 1).get(0);
        assertThat(finished.data().path("collectionId")).isEqualTo(started.data().path("collectionId"));
        assertThat(finished.data().path("counts").path("ACCOUNT_TRANSACTION").asInt()).isEqualTo(2500);
        assertThat(finished.data().path("counts").path("ACCOUNT_BALANCE").asInt()).isEqualTo(1);
        assertThat(finished.partnerId()).isEqualTo(consent.partner());
        assertThat(finished.sequence()).isGreaterThan(started.sequence());
    }

    @Test
    void aCardsBillsRegistrationDataAndCreditOperationsAreCollected() {
        Consent consent = authorised(List.of("CREDIT_CARDS_ACCOUNTS_READ", "CREDIT_CARDS_ACCOUNTS_LIMITS_READ",
                "CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ", "CREDIT_CARDS_ACCOUNTS_BILLS_READ",
                "CREDIT_CARDS_ACCOUNTS_BILLS_TRANSACTIONS_READ", "CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ",
                "CUSTOMERS_PERSONAL_ADITTIONALINFO_READ", "LOANS_READ", "LOANS_WARRANTIES_READ", "LOANS_SCHEDULED_INSTALMENTS_READ",
                "LOANS_PAYMENTS_READ", "RESOURCES_READ"));
        String card = UUID.randomUUID().toString();
        String loan = UUID.randomUUID().toString();
        ArrayNode identifications = Json.MAPPER.createArrayNode().add(object("{\"updateDateTime\":\"2026-01-01T00:00:00Z\","
                + "\"personalId\":\"p1\",\"civilName\":\"Maria\",\"cpfNumber\":\"76109277673\"}"));
        bank.answer(Operation.CUSTOMERS_PERSONAL_IDENTIFICATIONS, null, null, identifications);
        ObjectNode qualifications = object("{\"updateDateTime\":\"2026-01-01T00:00:00Z\",\"companyCnpj\":\"50685362000135\","
                + "\"informedIncome\":{\"frequency\":\"MENSAL\",\"amount\":{\"amount\":\"8000.00\",\"currency\":\"BRL\"}}}");
        bank.answer(Operation.CUSTOMERS_PERSONAL_QUALIFICATIONS, null, null, qualifications);
        ObjectNode relations = object("{\"updateDateTime\":\"2026-01-01T00:00:00Z\",\"startDate\":\"2010-01-01T00:00:00Z\","
                + "\"productsServicesType\":[\"CONTA_DEPOSITO_A_VISTA\"]}");
        bank.answer(Operation.CUSTOMERS_PERSONAL_FINANCIAL_RELATIONS, null, null, relations);
        // registration data is planned with the consent's authorisation
        awaitCount("select count(*) from collection_task where consent_id = ?::uuid", 3, consent.id());

        bank.answer(Operation.CREDIT_CARDS_LIST, null, null, Json.MAPPER.createArrayNode().add(object(
                "{\"creditCardAccountId\":\"" + card + "\",\"brandName\":\"Banco Sandbox Ponte\",\"companyCnpj\":\"50685362000135\","
                        + "\"name\":\"Cartão Ponte\",\"productType\":\"OURO\",\"creditCardNetwork\":\"VISA\"}")));
        bank.answer(Operation.CREDIT_CARD, card, null, object("{\"name\":\"Cartão Ponte\",\"productType\":\"OURO\","
                + "\"creditCardNetwork\":\"VISA\",\"paymentMethod\":[{\"identificationNumber\":\"4453\",\"isMultipleCreditCard\":false}]}"));
        bank.answer(Operation.CREDIT_CARD_LIMITS, card, null, Json.MAPPER.createArrayNode().add(object(
                "{\"creditLineLimitType\":\"LIMITE_CREDITO_TOTAL\",\"consolidationType\":\"CONSOLIDADO\",\"identificationNumber\":\"4453\","
                        + "\"isLimitFlexible\":false,\"limitAmount\":{\"amount\":\"5000.00\",\"currency\":\"BRL\"}}")));
        String closed = "B-" + card.substring(0, 8) + "-1";
        String open = "B-" + card.substring(0, 8) + "-2";
        ArrayNode bills = Json.MAPPER.createArrayNode()
                .add(object("{\"billId\":\"" + closed + "\",\"dueDate\":\"" + today().minusMonths(1) + "\",\"billTotalAmount\":"
                        + "{\"amount\":\"300.00\",\"currency\":\"BRL\"},\"isInstalment\":false}"))
                .add(object("{\"billId\":\"" + open + "\",\"dueDate\":\"" + today().plusDays(10) + "\",\"billTotalAmount\":"
                        + "{\"amount\":\"120.00\",\"currency\":\"BRL\"},\"isInstalment\":false}"));
        bank.answer(Operation.CREDIT_CARD_BILLS, card, null, bills);
        ArrayNode closedItems = Json.MAPPER.createArrayNode().add(StandInBank.cardTransaction("C1" + card.substring(0, 6),
                today().minusMonths(1).minusDays(5), closed, "300.00"));
        ArrayNode openItems = Json.MAPPER.createArrayNode().add(StandInBank.cardTransaction("C2" + card.substring(0, 6),
                today().minusDays(2), open, "120.00"));
        bank.answer(Operation.CREDIT_CARD_BILL_TRANSACTIONS, card, closed, closedItems);
        bank.answer(Operation.CREDIT_CARD_BILL_TRANSACTIONS, card, open, openItems);
        bank.transactions(card, List.of((ObjectNode) closedItems.get(0), (ObjectNode) openItems.get(0)));
        share(consent, card, "CREDIT_CARD_ACCOUNT", 4);

        ArrayNode contracts = Json.MAPPER.createArrayNode().add(object("{\"contractId\":\"" + loan + "\",\"brandName\":\"Banco Sandbox Ponte\","
                + "\"companyCnpj\":\"50685362000135\",\"productType\":\"EMPRESTIMOS\",\"productSubType\":\"CREDITO_PESSOAL_SEM_CONSIGNACAO\","
                + "\"ipocCode\":\"IPOC1\"}"));
        bank.answer(Operation.LOANS_CONTRACTS, null, null, contracts);
        ObjectNode contract = object("{\"contractNumber\":\"1324926521496\",\"ipocCode\":\"IPOC1\",\"productName\":\"Crédito Pessoal\","
                + "\"contractAmount\":\"10000.00\",\"currency\":\"BRL\"}");
        bank.answer(Operation.LOAN_CONTRACT, loan, null, contract);
        ArrayNode warranties = Json.MAPPER.createArrayNode().add(object("{\"currencyCode\":\"BRL\",\"warrantyType\":\"CESSAO_DIREITOS_CREDITORIOS\","
                + "\"warrantySubType\":\"DUPLICATAS\",\"warrantyAmount\":\"15000.3100\"}"));
        bank.answer(Operation.LOAN_WARRANTIES, loan, null, warranties);
        ObjectNode instalments = object("{\"typeNumberOfInstalments\":\"MES\",\"totalNumberOfInstalments\":24,\"contractRemainingNumber\":20}");
        bank.answer(Operation.LOAN_SCHEDULED_INSTALMENTS, loan, null, instalments);
        ObjectNode payments = object("{\"paidInstalments\":4,\"contractOutstandingBalance\":\"8000.0000\",\"releases\":[]}");
        bank.answer(Operation.LOAN_PAYMENTS, loan, null, payments);
        share(consent, loan, "LOAN", 4);
        collect();

        String base = "/v1/sharing-consents/" + consent.id();
        assertThat(data(consent, "/customers/personal/identifications")).isEqualTo(identifications);
        assertThat(data(consent, "/customers/personal/qualifications")).isEqualTo(qualifications);
        assertThat(data(consent, "/customers/personal/financial-relations")).isEqualTo(relations);
        assertThat(data(consent, "/credit-cards-accounts").path(0).path("creditCardAccountId").asText()).isEqualTo(card);
        assertThat(data(consent, "/credit-cards-accounts/" + card).path("productType").asText()).isEqualTo("OURO");
        assertThat(data(consent, "/credit-cards-accounts/" + card + "/limits").path(0).path("limitAmount").path("amount").asText())
                .isEqualTo("5000.00");
        assertThat(data(consent, "/credit-cards-accounts/" + card + "/bills")).isEqualTo(bills);
        assertThat(data(consent, "/credit-cards-accounts/" + card + "/bills/" + closed + "/transactions")).isEqualTo(closedItems);
        assertThat(data(consent, "/credit-cards-accounts/" + card + "/bills/" + open + "/transactions")).isEqualTo(openItems);
        JsonNode cardTransactions = json(api(consent).queryParam("all", true).get(base + "/credit-cards-accounts/" + card + "/transactions")
                .then().statusCode(200).extract().asString());
        assertThat(cardTransactions.path("data")).hasSize(2);
        assertThat(data(consent, "/loans")).isEqualTo(contracts);
        assertThat(data(consent, "/loans/" + loan)).isEqualTo(contract);
        assertThat(data(consent, "/loans/" + loan + "/warranties")).isEqualTo(warranties);
        assertThat(data(consent, "/loans/" + loan + "/scheduled-instalments")).isEqualTo(instalments);
        assertThat(data(consent, "/loans/" + loan + "/payments")).isEqualTo(payments);
        // a family nothing was collected for, and a contract of another family's path
        api(consent).get(base + "/financings").then().statusCode(404).body("errors[0].code", equalTo("NAO_ENCONTRADO"));
        api(consent).get(base + "/financings/" + loan).then().statusCode(404);

        // a closed bill is not read again; the latest one is
        bank.calls.clear();
        collectAgain(consent, Operation.CREDIT_CARD_BILLS);
        assertThat(bank.calls.stream().filter(c -> c.operation() == Operation.CREDIT_CARD_BILL_TRANSACTIONS).map(StandInBank.Call::billId))
                .containsExactly(open);
        List<EventEnvelope> finished = collectionEvents(consent.id(), "collection:finished", 3);
        assertThat(finished.stream().map(e -> e.data().path("group").asText()))
                .containsExactlyInAnyOrder("REGISTRATION", "CREDIT_CARDS", "CREDIT_OPERATIONS");
    }

    @Test
    void aResourceThatStopsBeingAvailableIsNotCollectedUntilItIsAgain() {
        Consent consent = authorised(List.of("ACCOUNTS_BALANCES_READ", "RESOURCES_READ"));
        String account = UUID.randomUUID().toString();
        bank.answer(Operation.ACCOUNT_BALANCES, account, null, object("{\"availableAmount\":{\"amount\":\"1.0000\",\"currency\":\"BRL\"}}"));
        share(consent, account, "ACCOUNT", 1);
        collect();
        events.statusChanged(consent.id(), consent.partner(), account, "ACCOUNT", "AVAILABLE", "TEMPORARILY_UNAVAILABLE");
        awaitCount("select count(*) from collection_task where consent_id = ?::uuid and status = 'STOPPED'", 1, consent.id());
        collectAgain(consent, null);
        assertThat(bank.callsOf(Operation.ACCOUNT_BALANCES, account)).hasSize(1);
        api(consent).get("/v1/sharing-consents/" + consent.id() + "/resources").then().body("data[0].status", equalTo("TEMPORARILY_UNAVAILABLE"));

        events.statusChanged(consent.id(), consent.partner(), account, "ACCOUNT", "TEMPORARILY_UNAVAILABLE", "AVAILABLE");
        awaitCount("select count(*) from collection_task where consent_id = ?::uuid and status = 'SCHEDULED'", 1, consent.id());
        collectAgain(consent, null);
        assertThat(bank.callsOf(Operation.ACCOUNT_BALANCES, account)).hasSize(2);
    }

    @Test
    void twoWorkersNeverTakeOneTaskAndATaskLeftRunningByACrashIsTakenAgainOnceItsLeaseExpires() {
        Consent consent = authorised(List.of("ACCOUNTS_BALANCES_READ", "RESOURCES_READ"));
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String account = UUID.randomUUID().toString();
            bank.answer(Operation.ACCOUNT_BALANCES, account, null, object("{\"availableAmount\":{\"amount\":\"" + i + ".0000\",\"currency\":\"BRL\"}}"));
            accounts.add(account);
        }
        // the last one needed several approvers: available through multiple-approval
        for (String account : accounts.subList(0, 11)) {
            share(consent, account, "ACCOUNT", 1);
        }
        events.multipleApproval(consent.id(), consent.partner(), accounts.get(11), "ACCOUNT");
        awaitCount("select count(*) from collection_task where consent_id = ?::uuid", 12, consent.id());

        io.smallrye.mutiny.Uni.join().all(worker.runOnce(), worker.runOnce(), worker.runOnce()).andCollectFailures()
                .await().atMost(Duration.ofSeconds(60));
        collect();
        for (String account : accounts) {
            assertThat(bank.callsOf(Operation.ACCOUNT_BALANCES, account)).as(account).hasSize(1);
        }

        // a crash left one RUNNING with an expired lease, another with a lease still running
        update("update collection_task set status = 'RUNNING', lease_until = now() - interval '1 second' where resource_id = ?",
                accounts.get(0));
        update("update collection_task set status = 'RUNNING', lease_until = now() + interval '1 hour' where resource_id = ?",
                accounts.get(1));
        collect();
        assertThat(bank.callsOf(Operation.ACCOUNT_BALANCES, accounts.get(0))).hasSize(2);
        assertThat(bank.callsOf(Operation.ACCOUNT_BALANCES, accounts.get(1))).hasSize(1);
        assertThat(single("select status from collection_task where resource_id = ?", accounts.get(0))).isEqualTo("SCHEDULED");
    }

    JsonNode data(Consent consent, String path) {
        var response = api(consent).get("/v1/sharing-consents/" + consent.id() + path);
        assertThat(response.statusCode()).as(path + ": " + response.asString()).isEqualTo(200);
        JsonNode body = json(response.asString());
        assertThat(body.path("meta").path("source").asText()).isEqualTo("CACHE");
        return body.path("data");
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    static JsonNode line(JsonNode budget, String operation, String resourceId) {
        for (JsonNode line : budget.path("operations")) {
            if (line.path("operation").asText().equals(operation)
                    && (resourceId == null || resourceId.equals(line.path("resourceId").asText()))) {
                return line;
            }
        }
        throw new AssertionError("No budget line " + operation + " " + resourceId + " in " + budget);
    }
}
