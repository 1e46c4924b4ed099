package br.com.ponte.collection.domain;

import br.com.ponte.collection.bank.BankData;
import br.com.ponte.collection.bank.BankPage;
import br.com.ponte.collection.bank.Collector;
import br.com.ponte.collection.persistence.TransactionWrites;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What each operation reads, where, and what a resource of each type gets collected. */
class OperationTest {

    private static final List<String> EVERYTHING = List.of("ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ", "ACCOUNTS_TRANSACTIONS_READ",
            "ACCOUNTS_OVERDRAFT_LIMITS_READ", "CREDIT_CARDS_ACCOUNTS_READ", "CREDIT_CARDS_ACCOUNTS_LIMITS_READ",
            "CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ", "CREDIT_CARDS_ACCOUNTS_BILLS_READ", "CREDIT_CARDS_ACCOUNTS_BILLS_TRANSACTIONS_READ",
            "CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ", "CUSTOMERS_PERSONAL_ADITTIONALINFO_READ", "FINANCINGS_READ",
            "FINANCINGS_WARRANTIES_READ", "FINANCINGS_SCHEDULED_INSTALMENTS_READ", "FINANCINGS_PAYMENTS_READ", "RESOURCES_READ");

    @Test
    void aResourceGetsEveryTaskItsPermissionsAllowAndNoOther() {
        assertThat(Operation.tasksForResource("ACCOUNT", EVERYTHING)).containsExactly(Operation.ACCOUNTS_LIST, Operation.ACCOUNT,
                Operation.ACCOUNT_BALANCES, Operation.ACCOUNT_TRANSACTIONS, Operation.ACCOUNT_OVERDRAFT_LIMITS);
        assertThat(Operation.tasksForResource("ACCOUNT", List.of("ACCOUNTS_BALANCES_READ"))).containsExactly(Operation.ACCOUNT_BALANCES);
        assertThat(Operation.tasksForResource("CREDIT_CARD_ACCOUNT", EVERYTHING)).containsExactly(Operation.CREDIT_CARDS_LIST,
                Operation.CREDIT_CARD, Operation.CREDIT_CARD_LIMITS, Operation.CREDIT_CARD_TRANSACTIONS, Operation.CREDIT_CARD_BILLS);
        assertThat(Operation.tasksForResource("FINANCING", EVERYTHING)).containsExactly(Operation.FINANCINGS_CONTRACTS,
                Operation.FINANCING_CONTRACT, Operation.FINANCING_WARRANTIES, Operation.FINANCING_SCHEDULED_INSTALMENTS,
                Operation.FINANCING_PAYMENTS);
        assertThat(Operation.tasksForResource("LOAN", EVERYTHING)).isEmpty();
        assertThat(Operation.registrationTasks(EVERYTHING)).containsExactly(Operation.CUSTOMERS_PERSONAL_IDENTIFICATIONS,
                Operation.CUSTOMERS_PERSONAL_QUALIFICATIONS, Operation.CUSTOMERS_PERSONAL_FINANCIAL_RELATIONS);
    }

    @Test
    void pathsDatesAndPagingAreTheSpecs() {
        assertThat(BankData.path(Operation.CREDIT_CARD_BILL_TRANSACTIONS, "c 1", "b/2")).isEqualTo("/accounts/c+1/bills/b%2F2/transactions");
        assertThat(BankData.path(Operation.UNARRANGED_ACCOUNT_OVERDRAFT_SCHEDULED_INSTALMENTS, "k", null))
                .isEqualTo("/contracts/k/scheduled-instalments");
        assertThat(Collector.dates(Operation.ACCOUNT_TRANSACTIONS_CURRENT, LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 30)))
                .isEqualTo(Map.of("fromBookingDate", "2026-11-24", "toBookingDate", "2026-11-30"));
        assertThat(Collector.dates(Operation.CREDIT_CARD_TRANSACTIONS, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1)))
                .containsEntry("fromTransactionDate", "2026-01-01");
        assertThat(Collector.dates(Operation.CREDIT_CARD_BILLS, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1)))
                .containsEntry("toDueDate", "2026-02-01");
        assertThat(Collector.dates(Operation.ACCOUNT_BALANCES, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1))).isEmpty();
        assertThat(Operation.ACCOUNT_BALANCES.paged()).isFalse();
        assertThat(Operation.LOAN_SCHEDULED_INSTALMENTS.paged()).isFalse();
        assertThat(Operation.LOAN_WARRANTIES.paged()).isTrue();
        assertThat(Operation.CUSTOMERS_BUSINESS_IDENTIFICATIONS.paged()).isTrue();
        assertThat(Operation.CUSTOMERS_BUSINESS_QUALIFICATIONS.paged()).isFalse();
        assertThat(BankPage.free("https://bank/x?page=2&pagination-key=abc")).isTrue();
        assertThat(BankPage.free("https://bank/x?page=2")).isFalse();
    }

    @Test
    void anApisBaseIsItsListedEndpointWithoutTheEndpointsPath() {
        assertThat(Api.ACCOUNTS.base("https://bank.test/open-banking/accounts/v2/accounts")).isEqualTo("https://bank.test/open-banking/accounts/v2");
        assertThat(Api.CUSTOMERS_PERSONAL.base("https://bank.test/open-banking/customers/v2/personal/identifications"))
                .isEqualTo("https://bank.test/open-banking/customers/v2");
        assertThat(Api.CUSTOMERS_BUSINESS.base("https://bank.test/open-banking/customers/v2/personal/identifications"))
                .isEqualTo("https://bank.test/open-banking/customers/v2");
        assertThat(Api.LOANS.base("https://bank.test/open-banking/loans/v2/contracts/")).isEqualTo("https://bank.test/open-banking/loans/v2");
    }

    @Test
    void onlyUnreadBillsAndTheLatestAreReadAgain() {
        var bills = Json.read("[{\"billId\":\"b1\",\"dueDate\":\"2026-09-10\"},{\"billId\":\"b2\",\"dueDate\":\"2026-10-10\"},"
                + "{\"billId\":\"b3\",\"dueDate\":\"2026-11-10\"}]");
        assertThat(Collector.billsToRead(bills, Set.of())).containsExactly("b1", "b2", "b3");
        assertThat(Collector.billsToRead(bills, Set.of("b1", "b2", "b3"))).containsExactly("b3");
        assertThat(Collector.billsToRead(bills, Set.of("b1"))).containsExactly("b2", "b3");
    }

    @Test
    void aTransactionsDayIsItsDateTimesDay() {
        assertThat(TransactionWrites.bookingDate(Json.read("{\"transactionDateTime\":\"2026-11-30T23:10:00.000Z\"}"))).isEqualTo("2026-11-30");
        assertThat(TransactionWrites.bookingDate(Json.read("{\"billPostDate\":\"2026-11-29\"}"))).isEqualTo("2026-11-29");
        assertThat(TransactionWrites.bookingDate(Json.read("{\"transactionDateTime\":\"yesterday\"}"))).isNull();
    }
}
