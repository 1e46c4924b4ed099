package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.sharing.Customers;
import br.com.ponte.sandbox.sharing.ResourceType;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static br.com.ponte.sandbox.dataapis.DataOperation.CARD;
import static br.com.ponte.sandbox.dataapis.DataOperation.CARDS;
import static br.com.ponte.sandbox.dataapis.DataOperation.CARD_BILLS;
import static br.com.ponte.sandbox.dataapis.DataOperation.CARD_BILL_TRANSACTIONS;
import static br.com.ponte.sandbox.dataapis.DataOperation.CARD_LIMITS;
import static br.com.ponte.sandbox.dataapis.DataOperation.CARD_TRANSACTIONS;
import static br.com.ponte.sandbox.dataapis.DataOperation.CARD_TRANSACTIONS_CURRENT;
import static br.com.ponte.sandbox.fapi.Collector.assertRefused;
import static br.com.ponte.sandbox.fapi.Receiver.permissions;
import static br.com.ponte.sandbox.fapi.SharingJourneyIT.product;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credit cards 2.3.1 at Banco Sandbox Ponte (Banco Horizonte has none): the cards a consent shares, their
 * limits, a year of transactions, closed bills that add up to their transactions and are paid on their due
 * dates, the filters, and what a consent without a permission may not read. Every answer is checked against
 * credit-cards_2.3.1.yml.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class CreditCardsIT {

    static final String BASE = "/open-banking/credit-cards-accounts/v2/accounts";
    private static final String CPF = Customers.PERSON_CPF;
    private static final List<String> EVERYTHING = permissions(Receiver.CARDS, Receiver.CARD_TRANSACTIONS, Receiver.CARD_BILLS);

    @Test
    void theCardsAConsentSharesWithTheirLimitsTransactionsAndBills() {
        String visa = product(Brand.SANDBOX, CPF, ResourceType.CREDIT_CARD_ACCOUNT, 0);
        String mastercard = product(Brand.SANDBOX, CPF, ResourceType.CREDIT_CARD_ACCOUNT, 1);
        Collector collector = Collector.of(Brand.SANDBOX, CPF, EVERYTHING, visa, mastercard);
        LocalDate today = LocalDate.now(ZoneId.of("America/Sao_Paulo"));

        JsonNode cards = collector.ok(CARDS, BASE);
        assertThat(cards.get("data")).extracting(card -> card.get("creditCardAccountId").asText())
                .containsExactly(visa, mastercard);
        assertThat(cards.at("/data/0/creditCardNetwork").asText()).isEqualTo("VISA");
        assertThat(collector.ok(CARD, BASE + "/" + visa).at("/data/paymentMethod/0/identificationNumber").asText())
                .isEqualTo("4321");
        JsonNode limit = collector.ok(CARD_LIMITS, BASE + "/" + visa + "/limits").at("/data/0");
        assertThat(new BigDecimal(limit.at("/usedAmount/amount").asText())
                .add(new BigDecimal(limit.at("/availableAmount/amount").asText())))
                .isEqualByComparingTo(limit.at("/limitAmount/amount").asText());

        List<JsonNode> year = collector.all(CARD_TRANSACTIONS, BASE + "/" + visa + "/transactions?fromTransactionDate="
                + today.minusMonths(12) + "&toTransactionDate=" + today + "&page-size=300");
        assertThat(year).hasSizeGreaterThan(700);
        Set<String> ids = new HashSet<>();
        year.forEach(transaction -> ids.add(transaction.get("transactionId").asText()));
        assertThat(ids).hasSize(year.size());
        JsonNode payments = collector.ok(CARD_TRANSACTIONS, BASE + "/" + visa + "/transactions?fromTransactionDate="
                + today.minusMonths(12) + "&toTransactionDate=" + today + "&transactionType=PAGAMENTO");
        assertThat(payments.get("data")).hasSizeBetween(11, 13).allSatisfy(payment ->
                assertThat(payment.get("creditDebitType").asText()).isEqualTo("CREDITO"));
        assertThat(collector.ok(CARD_TRANSACTIONS_CURRENT, BASE + "/" + visa + "/transactions-current?fromTransactionDate="
                + today.minusDays(6) + "&toTransactionDate=" + today).get("data")).isNotEmpty();

        JsonNode bills = collector.ok(CARD_BILLS, BASE + "/" + visa + "/bills");
        assertThat(bills.get("data")).hasSizeBetween(11, 13);
        JsonNode bill = bills.at("/data/0");
        assertThat(bill.at("/payments/0/amount").asText()).isEqualTo(bill.at("/billTotalAmount/amount").asText());
        assertThat(bill.at("/payments/0/paymentDate").asText()).isEqualTo(bill.get("dueDate").asText());
        List<JsonNode> billed = collector.all(CARD_BILL_TRANSACTIONS, BASE + "/" + visa + "/bills/"
                + bill.get("billId").asText() + "/transactions?page-size=1000");
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode transaction : billed) {
            assertThat(transaction.get("billId").asText()).isEqualTo(bill.get("billId").asText());
            BigDecimal amount = new BigDecimal(transaction.at("/brazilianAmount/amount").asText());
            total = transaction.get("creditDebitType").asText().equals("DEBITO") ? total.add(amount) : total.subtract(amount);
        }
        assertThat(total).isEqualByComparingTo(bill.at("/billTotalAmount/amount").asText());
        assertThat(collector.ok(CARD_BILLS, BASE + "/" + visa + "/bills?fromDueDate=" + today.minusMonths(2)
                + "&toDueDate=" + today).get("data")).hasSizeBetween(1, 3);
    }

    @Test
    void theFiltersAndAMissingPermissionAreRefused() {
        String visa = product(Brand.SANDBOX, CPF, ResourceType.CREDIT_CARD_ACCOUNT, 0);
        Collector limitsOnly = Collector.of(Brand.SANDBOX, CPF, Receiver.CARDS, visa);
        LocalDate today = LocalDate.now(ZoneId.of("America/Sao_Paulo"));

        limitsOnly.ok(CARD_LIMITS, BASE + "/" + visa + "/limits");
        assertRefused(limitsOnly.get(BASE + "/" + visa + "/bills"), CARD_BILLS, 403, "FORBIDDEN");
        assertRefused(limitsOnly.get(BASE + "/" + visa + "/transactions"), CARD_TRANSACTIONS, 403, "FORBIDDEN");

        Collector collector = Collector.of(Brand.SANDBOX, CPF, EVERYTHING, visa);
        assertRefused(collector.get(BASE + "/" + visa + "/transactions-current?fromTransactionDate=" + today.minusDays(7)
                + "&toTransactionDate=" + today), CARD_TRANSACTIONS_CURRENT, 422, "PARAMETRO_INVALIDO");
        assertRefused(collector.get(BASE + "/" + visa + "/transactions?fromTransactionDate=" + today
                + "&toTransactionDate=" + today.plusDays(1)), CARD_TRANSACTIONS, 422, "PARAMETRO_INVALIDO");
        assertRefused(collector.get(BASE + "/" + visa + "/transactions?transactionType=COMPRA"), CARD_TRANSACTIONS, 400,
                "PARAMETRO_INVALIDO");
        assertRefused(collector.get(BASE + "/" + visa + "/bills?fromDueDate=" + today + "&toDueDate=" + today.minusDays(1)),
                CARD_BILLS, 422, "PARAMETRO_INVALIDO");
        assertRefused(collector.get(BASE + "/" + visa + "/bills/0c0ffee0-0000-4000-8000-000000000000/transactions"),
                CARD_BILL_TRANSACTIONS, 404, "NOT_FOUND");
        String mastercard = product(Brand.SANDBOX, CPF, ResourceType.CREDIT_CARD_ACCOUNT, 1);
        assertRefused(collector.get(BASE + "/" + mastercard), CARD, 403, "FORBIDDEN");
        JsonNode mcc = collector.ok(CARD_TRANSACTIONS, BASE + "/" + visa + "/transactions?fromTransactionDate="
                + today.minusMonths(3) + "&toTransactionDate=" + today + "&payeeMCC=5411&page-size=1000");
        assertThat(mcc.get("data")).isNotEmpty().allSatisfy(transaction ->
                assertThat(transaction.get("payeeMCC").asInt()).isEqualTo(5411));
    }

    @Test
    void bancoHorizonteHasNoCreditCardsApi() {
        Collector collector = Collector.of(Brand.HORIZONTE, CPF, Receiver.ACCOUNTS);

        HttpResponse<String> cards = collector.get(BASE);

        assertThat(cards.statusCode()).isEqualTo(404);
        assertThat(Json.of(cards).at("/errors/0/code").asText()).isEqualTo("NOT_FOUND");
    }
}
