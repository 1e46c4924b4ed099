package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.sharing.Customers;
import br.com.ponte.sandbox.sharing.ResourceType;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static br.com.ponte.sandbox.dataapis.DataOperation.ACCOUNT;
import static br.com.ponte.sandbox.dataapis.DataOperation.ACCOUNTS;
import static br.com.ponte.sandbox.dataapis.DataOperation.ACCOUNT_BALANCES;
import static br.com.ponte.sandbox.dataapis.DataOperation.ACCOUNT_OVERDRAFT_LIMITS;
import static br.com.ponte.sandbox.dataapis.DataOperation.ACCOUNT_TRANSACTIONS;
import static br.com.ponte.sandbox.dataapis.DataOperation.ACCOUNT_TRANSACTIONS_CURRENT;
import static br.com.ponte.sandbox.fapi.Collector.assertRefused;
import static br.com.ponte.sandbox.fapi.Receiver.ACCOUNT_LIMITS;
import static br.com.ponte.sandbox.fapi.Receiver.BUSINESS_REGISTRATION;
import static br.com.ponte.sandbox.fapi.Receiver.permissions;
import static br.com.ponte.sandbox.fapi.SharingJourneyIT.product;
import static br.com.ponte.sandbox.fapi.Software.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts 2.4.2 at both brands with the user's token of a data-sharing consent: what it shares and may
 * read, what it may not (another resource, a pending, blocked or closed one, a permission it lacks, a consent
 * no longer authorised), a year of more than 10,000 transactions paged by their links with pagination-keys
 * that do not count, the date windows, and transactions that appear, are backdated or are posted while a
 * client collects. Every answer is checked against accounts_2.4.2.yml.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class AccountsIT {

    static final String BASE = "/open-banking/accounts/v2/accounts";
    private static final String CPF = Customers.PERSON_CPF;
    private static final List<String> EVERYTHING = permissions(Receiver.ACCOUNTS, ACCOUNT_LIMITS, Receiver.ACCOUNT_TRANSACTIONS);

    @Test
    void theAccountsAConsentSharesWithTheirIdentificationBalancesLimitsAndTransactions() {
        String checking = product(Brand.SANDBOX, CPF, ResourceType.ACCOUNT, 0);
        String savings = product(Brand.SANDBOX, CPF, ResourceType.ACCOUNT, 1);
        Collector collector = Collector.of(Brand.SANDBOX, CPF, EVERYTHING, checking, savings);
        String interactionId = UUID.randomUUID().toString();

        HttpResponse<String> listed = call(() -> collector.receiver.tpp.tls.get(collector.receiver.tpp.url(BASE),
                "Authorization", "Bearer " + collector.token, "x-fapi-interaction-id", interactionId));
        JsonNode list = Collector.ok(ACCOUNTS, listed);
        assertThat(listed.headers().firstValue("x-fapi-interaction-id")).hasValue(interactionId);
        assertThat(list.get("data")).extracting(account -> account.get("accountId").asText())
                .containsExactly(checking, savings);
        assertThat(list.at("/data/0")).isEqualTo(Json.parse("{\"brandName\":\"Banco Sandbox Ponte\",\"companyCnpj\":"
                + "\"12345678000195\",\"type\":\"CONTA_DEPOSITO_A_VISTA\",\"compeCode\":\"990\",\"branchCode\":\"0001\","
                + "\"number\":\"00012345\",\"checkDigit\":\"6\",\"accountId\":\"" + checking + "\"}"));
        assertThat(list.at("/meta/totalRecords").asInt()).isEqualTo(2);
        assertThat(list.at("/links/self").asText()).isEqualTo(collector.receiver.tpp.url(BASE + "?page=1&page-size=25"));
        assertThat(collector.ok(ACCOUNTS, BASE + "?accountType=CONTA_POUPANCA").get("data"))
                .extracting(account -> account.get("accountId").asText()).containsExactly(savings);

        JsonNode account = collector.ok(ACCOUNT, BASE + "/" + checking).get("data");
        assertThat(account.get("subtype").asText()).isEqualTo("INDIVIDUAL");
        assertThat(account.get("number").asText()).isEqualTo("00012345");
        JsonNode balances = collector.ok(ACCOUNT_BALANCES, BASE + "/" + checking + "/balances").get("data");
        assertThat(balances.at("/availableAmount/currency").asText()).isEqualTo("BRL");
        assertThat(collector.ok(ACCOUNT_OVERDRAFT_LIMITS, BASE + "/" + checking + "/overdraft-limits")
                .at("/data/overdraftContractedLimit/amount").asText()).isEqualTo("5000.00");
        assertThat(collector.ok(ACCOUNT_OVERDRAFT_LIMITS, BASE + "/" + savings + "/overdraft-limits").get("data"))
                .isEmpty();

        LocalDate today = LocalDate.now(ZoneId.of("America/Sao_Paulo"));
        JsonNode recent = collector.ok(ACCOUNT_TRANSACTIONS_CURRENT, BASE + "/" + checking
                + "/transactions-current?fromBookingDate=" + today.minusDays(6) + "&toBookingDate=" + today
                + "&page-size=1000");
        assertThat(recent.get("data").size()).isGreaterThan(100);
        assertThat(recent.get("meta").has("totalRecords")).isFalse();
        assertThat(recent.get("links").has("last")).isFalse();
        JsonNode credits = collector.ok(ACCOUNT_TRANSACTIONS, BASE + "/" + checking + "/transactions?fromBookingDate="
                + today.minusDays(30) + "&toBookingDate=" + today + "&creditDebitIndicator=CREDITO&page-size=1000");
        assertThat(credits.get("data")).isNotEmpty().allSatisfy(transaction ->
                assertThat(transaction.get("creditDebitType").asText()).isEqualTo("CREDITO"));
        assertThat(credits.get("data")).anySatisfy(transaction ->
                assertThat(transaction.has("partieCnpjCpf")).isTrue());
    }

    @Test
    void bancoHorizonteServesItsOwnAccount() {
        String account = product(Brand.HORIZONTE, CPF, ResourceType.ACCOUNT, 0);
        Collector collector = Collector.of(Brand.HORIZONTE, CPF, EVERYTHING);

        JsonNode list = collector.ok(ACCOUNTS, BASE);

        assertThat(list.at("/data/0/accountId").asText()).isEqualTo(account);
        assertThat(list.at("/data/0/brandName").asText()).isEqualTo("Banco Horizonte");
        assertThat(list.at("/data/0/compeCode").asText()).isEqualTo("991");
        assertThat(list.at("/links/self").asText()).startsWith(Sandbox.issuer(Brand.HORIZONTE) + BASE);
        LocalDate today = LocalDate.now(ZoneId.of("America/Sao_Paulo"));
        assertThat(collector.all(ACCOUNT_TRANSACTIONS, BASE + "/" + account + "/transactions?fromBookingDate="
                + today.minusMonths(12) + "&toBookingDate=" + today + "&page-size=500")).hasSizeGreaterThan(700);
        // Banco Horizonte's account is unknown to Banco Sandbox Ponte's consents
        Collector sandbox = Collector.of(Brand.SANDBOX, CPF, EVERYTHING);
        assertRefused(sandbox.get(BASE + "/" + account), ACCOUNT, 403, "FORBIDDEN");
    }

    @Test
    void aResourceTheConsentDoesNotShareOrThatIsNotAvailableIsRefused() {
        String checking = product(Brand.SANDBOX, CPF, ResourceType.ACCOUNT, 0);
        String savings = product(Brand.SANDBOX, CPF, ResourceType.ACCOUNT, 1);
        Collector onlySavings = Collector.of(Brand.SANDBOX, CPF, EVERYTHING, savings);

        assertRefused(onlySavings.get(BASE + "/" + checking), ACCOUNT, 403, "FORBIDDEN");
        assertRefused(onlySavings.get(BASE + "/" + checking + "/transactions"), ACCOUNT_TRANSACTIONS, 403, "FORBIDDEN");
        // a card's id on the accounts API, another customer's account, a malformed id
        assertRefused(onlySavings.get(BASE + "/" + product(Brand.SANDBOX, CPF, ResourceType.CREDIT_CARD_ACCOUNT, 0)),
                ACCOUNT, 403, "FORBIDDEN");
        assertRefused(onlySavings.get(BASE + "/" + product(Brand.SANDBOX, Customers.BENCH_CPF, ResourceType.ACCOUNT, 0)
                + "/balances"), ACCOUNT_BALANCES, 403, "FORBIDDEN");
        assertRefused(onlySavings.get(BASE + "/-bad-/balances"), ACCOUNT_BALANCES, 400, "PARAMETRO_INVALIDO");
        // another consent of the same client shares the checking account: its token reads it, this one does not
        Collector both = onlySavings.another(CPF, EVERYTHING, checking);
        both.ok(ACCOUNT, BASE + "/" + checking);
        assertRefused(onlySavings.get(BASE + "/" + checking), ACCOUNT, 403, "FORBIDDEN");

        // the company's accounts wait for their second approver
        String company = product(Brand.SANDBOX, Customers.COMPANY_CNPJ, ResourceType.ACCOUNT, 0);
        Collector pending = Collector.ofCompany(Brand.SANDBOX, Customers.REPRESENTATIVE_CPF, Customers.COMPANY_CNPJ,
                permissions(BUSINESS_REGISTRATION, EVERYTHING));
        assertRefused(pending.get(BASE + "/" + company + "/balances"), ACCOUNT_BALANCES, 403,
                "STATUS_RESOURCE_PENDING_AUTHORISATION");
        assertThat(pending.ok(ACCOUNTS, BASE).get("data")).isEmpty();

        // blocked, then closed at the bank
        assertThat(setStatus(savings, "TEMPORARILY_UNAVAILABLE").statusCode()).isEqualTo(200);
        try {
            assertRefused(onlySavings.get(BASE + "/" + savings + "/transactions"), ACCOUNT_TRANSACTIONS, 403,
                    "STATUS_RESOURCE_TEMPORARILY_UNAVAILABLE");
            assertThat(onlySavings.ok(ACCOUNTS, BASE).get("data")).isEmpty();
        } finally {
            setStatus(savings, "AVAILABLE");
        }
        onlySavings.ok(ACCOUNT, BASE + "/" + savings);
    }

    @Test
    void aMissingPermissionOrAConsentNoLongerAuthorisedIsRefused() {
        String checking = product(Brand.SANDBOX, CPF, ResourceType.ACCOUNT, 0);
        Collector balancesOnly = Collector.of(Brand.SANDBOX, CPF, Receiver.ACCOUNTS);

        balancesOnly.ok(ACCOUNT_BALANCES, BASE + "/" + checking + "/balances");
        assertRefused(balancesOnly.get(BASE + "/" + checking + "/transactions"), ACCOUNT_TRANSACTIONS, 403, "FORBIDDEN");
        assertRefused(balancesOnly.get(BASE + "/" + checking + "/overdraft-limits"), ACCOUNT_OVERDRAFT_LIMITS, 403,
                "FORBIDDEN");
        // a token of the user's without the accounts scope
        String resourcesOnly = balancesOnly.receiver.authoriseWithScopes(balancesOnly.receiver.createConsentId(
                Receiver.consentRequest(CPF, Receiver.ACCOUNTS, null)), "openid resources", CPF).accessToken();
        assertRefused(balancesOnly.get(BASE, resourcesOnly), ACCOUNTS, 403, "FORBIDDEN");

        assertThat(balancesOnly.receiver.deleteConsent(balancesOnly.consentId).statusCode()).isEqualTo(204);
        assertRefused(balancesOnly.get(BASE), ACCOUNTS, 401, "UNAUTHORIZED");
    }

    @Test
    void aYearOfTenThousandTransactionsIsPagedByItsLinksAndTheFollowUpPagesAreNotCounted() {
        String checking = product(Brand.SANDBOX, CPF, ResourceType.ACCOUNT, 0);
        Collector collector = Collector.of(Brand.SANDBOX, CPF, EVERYTHING, checking);
        LocalDate today = LocalDate.now(ZoneId.of("America/Sao_Paulo"));
        String window = "?fromBookingDate=" + today.minusMonths(12) + "&toBookingDate=" + today;

        List<JsonNode> collected = collector.all(ACCOUNT_TRANSACTIONS, BASE + "/" + checking + "/transactions" + window
                + "&page-size=1000");

        assertThat(collected).hasSizeGreaterThanOrEqualTo(10_000);
        Set<String> ids = new HashSet<>();
        collected.forEach(transaction -> ids.add(transaction.get("transactionId").asText()));
        assertThat(ids).hasSize(collected.size());
        // the bank's own view, field for field
        JsonNode bank = Json.of(call(() -> TlsClient.anonymous().get(Sandbox.directory("/sandbox/brands/sandbox/accounts/"
                + checking + "/transactions" + window))));
        Map<String, JsonNode> byId = new HashMap<>();
        bank.get("data").forEach(transaction -> byId.put(transaction.get("transactionId").asText(), transaction));
        collected.forEach(transaction -> assertThat(byId.get(transaction.get("transactionId").asText()))
                .isEqualTo(transaction));
        // the totals agree: the bank shows no more than what appeared since the listing began (today's)
        byId.keySet().removeAll(ids);
        assertThat(bank.get("totalRecords").asInt()).isEqualTo(collected.size() + byId.size());
        assertThat(byId.values()).allSatisfy(appeared -> assertThat(localDate(appeared)).isEqualTo(today));
        // the first page counted, the ten others not
        JsonNode usage = usage(collector);
        assertThat(usage.get("operations")).filteredOn(row -> row.get("operation").asText().equals("accounts-transactions")
                && row.get("resourceId").asText().equals(checking)).singleElement()
                .satisfies(row -> assertThat(row.get("used").asInt()).isEqualTo(1));
    }

    @Test
    void theDateWindowsAndPagesAreChecked() {
        String checking = product(Brand.SANDBOX, CPF, ResourceType.ACCOUNT, 0);
        Collector collector = Collector.of(Brand.SANDBOX, CPF, EVERYTHING, checking);
        LocalDate today = LocalDate.now(ZoneId.of("America/Sao_Paulo"));
        String transactions = BASE + "/" + checking + "/transactions";
        String current = BASE + "/" + checking + "/transactions-current";

        assertRefused(collector.get(transactions + "?fromBookingDate=" + today + "&toBookingDate=" + today.minusDays(1)),
                ACCOUNT_TRANSACTIONS, 422, "PARAMETRO_INVALIDO");
        assertRefused(collector.get(transactions + "?fromBookingDate=2024-02-30&toBookingDate=" + today),
                ACCOUNT_TRANSACTIONS, 400, "PARAMETRO_INVALIDO");
        assertRefused(collector.get(transactions + "?fromBookingDate=" + today), ACCOUNT_TRANSACTIONS, 400,
                "PARAMETRO_NAO_INFORMADO");
        assertRefused(collector.get(transactions + "?fromBookingDate=" + today.minusMonths(12).minusDays(1)
                + "&toBookingDate=" + today), ACCOUNT_TRANSACTIONS, 422, "PARAMETRO_INVALIDO");
        assertRefused(collector.get(transactions + "?fromBookingDate=" + today + "&toBookingDate="
                + today.plusMonths(12).plusDays(1)), ACCOUNT_TRANSACTIONS, 422, "PARAMETRO_INVALIDO");
        assertRefused(collector.get(current + "?fromBookingDate=" + today.minusDays(7) + "&toBookingDate=" + today),
                ACCOUNT_TRANSACTIONS_CURRENT, 422, "PARAMETRO_INVALIDO");
        assertRefused(collector.get(transactions + "?creditDebitIndicator=AMBOS"), ACCOUNT_TRANSACTIONS, 400,
                "PARAMETRO_INVALIDO");
        assertRefused(collector.get(transactions + "?page-size=1001"), ACCOUNT_TRANSACTIONS, 422, "PARAMETRO_INVALIDO");
        assertRefused(collector.get(transactions + "?page=0"), ACCOUNT_TRANSACTIONS, 400, "PARAMETRO_INVALIDO");
        assertRefused(collector.get(BASE + "?page-size=1001"), ACCOUNTS, 422, "PARAMETRO_INVALIDO");
        // a pagination-key of another listing, or made up
        JsonNode first = collector.ok(ACCOUNT_TRANSACTIONS, transactions + "?fromBookingDate=" + today.minusDays(20)
                + "&toBookingDate=" + today + "&page-size=50");
        String next = first.at("/links/next").asText();
        String key = next.substring(next.indexOf("pagination-key=") + "pagination-key=".length());
        assertRefused(collector.get(transactions + "?fromBookingDate=" + today.minusDays(19) + "&toBookingDate=" + today
                + "&page-size=50&page=2&pagination-key=" + key), ACCOUNT_TRANSACTIONS, 422, "PARAMETRO_INVALIDO");
        assertRefused(collector.get(transactions + "?page=2&pagination-key=made-up"), ACCOUNT_TRANSACTIONS, 422,
                "PARAMETRO_INVALIDO");
        // without dates: today
        assertThat(collector.ok(ACCOUNT_TRANSACTIONS, transactions + "?page-size=1000").get("data")).allSatisfy(
                transaction -> assertThat(localDate(transaction)).isEqualTo(today));
    }

    @Test
    void transactionsAppearAreBackdatedAndArePostedKeepingTheirIds() {
        String checking = product(Brand.SANDBOX, Customers.BENCH_CPF, ResourceType.ACCOUNT, 2);
        Collector collector = Collector.of(Brand.SANDBOX, Customers.BENCH_CPF, EVERYTHING, checking);
        LocalDate today = LocalDate.now(ZoneId.of("America/Sao_Paulo"));
        String window = "/transactions?fromBookingDate=" + today.minusDays(10) + "&toBookingDate=" + today.plusDays(25)
                + "&page-size=1000";
        Map<String, JsonNode> before = byId(collector.all(ACCOUNT_TRANSACTIONS, BASE + "/" + checking + window));
        List<String> future = before.values().stream()
                .filter(transaction -> transaction.get("completedAuthorisedPaymentType").asText().equals("LANCAMENTO_FUTURO"))
                .map(transaction -> transaction.get("transactionId").asText()).toList();
        assertThat(future).isNotEmpty();
        String balance = collector.ok(ACCOUNT_BALANCES, BASE + "/" + checking + "/balances").at("/data/availableAmount/amount")
                .asText();

        JsonNode advanced = Json.of(call(() -> TlsClient.anonymous().postJson(Sandbox.directory(
                "/sandbox/brands/sandbox/accounts/" + checking + "/advance"),
                "{\"newTransactions\": 3, \"backdatedTransactions\": 1, \"postScheduled\": true}")));

        Map<String, JsonNode> after = byId(collector.all(ACCOUNT_TRANSACTIONS, BASE + "/" + checking + window));
        assertThat(advanced.get("posted")).extracting(JsonNode::asText).containsAll(future);
        assertThat(after.keySet()).containsAll(before.keySet());
        for (JsonNode id : advanced.get("appeared")) {
            assertThat(localDate(after.get(id.asText()))).isEqualTo(today);
        }
        JsonNode backdated = after.get(advanced.at("/backdated/0").asText());
        assertThat(localDate(backdated)).isBefore(today);
        for (String id : future) {
            assertThat(after.get(id).get("completedAuthorisedPaymentType").asText()).isEqualTo("TRANSACAO_EFETIVADA");
            assertThat(after.get(id).get("transactionAmount")).isEqualTo(before.get(id).get("transactionAmount"));
        }
        // the balance moved with them (and with whatever the clock posted meanwhile)
        assertThat(collector.ok(ACCOUNT_BALANCES, BASE + "/" + checking + "/balances").at("/data/availableAmount/amount")
                .asText()).isNotEqualTo(balance);
    }

    /** The day in Brasília a transaction is dated (the booking-date filters' days). */
    static LocalDate localDate(JsonNode transaction) {
        return Instant.parse(transaction.get("transactionDateTime").asText()).atZone(ZoneId.of("America/Sao_Paulo"))
                .toLocalDate();
    }

    private static Map<String, JsonNode> byId(List<JsonNode> transactions) {
        Map<String, JsonNode> byId = new HashMap<>();
        transactions.forEach(transaction -> byId.put(transaction.get("transactionId").asText(), transaction));
        return byId;
    }

    static JsonNode usage(Collector collector) {
        return Json.of(call(() -> TlsClient.anonymous().get(Sandbox.directory("/sandbox/brands/"
                + collector.receiver.tpp.brand.key() + "/consents/" + collector.consentId + "/usage"))));
    }

    private static HttpResponse<String> setStatus(String resourceId, String status) {
        return call(() -> TlsClient.anonymous().postJson(Sandbox.directory("/sandbox/brands/sandbox/resources/" + resourceId
                + "/status"), "{\"status\": \"" + status + "\"}"));
    }
}
