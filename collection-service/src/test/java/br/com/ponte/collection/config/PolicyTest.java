package br.com.ponte.collection.config;

import br.com.ponte.collection.domain.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyTest {

    /** A CollectionConfig with its defaults and these overrides. */
    static CollectionConfig config(Map<String, Object> values) {
        return (CollectionConfig) Proxy.newProxyInstance(PolicyTest.class.getClassLoader(), new Class<?>[]{CollectionConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "zone" -> ZoneId.of("America/Sao_Paulo");
                    case "budgetPerResource" -> values.getOrDefault("budgetPerResource", true);
                    case "budgetLowPercent" -> 20;
                    case "limits", "reserves", "refreshIntervals" -> Optional.ofNullable(values.get(method.getName()));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @ParameterizedTest(name = "{0}: {1} a month, {2} kept")
    @CsvSource({
            "ACCOUNTS_LIST, 4, 1", "ACCOUNT, 4, 1", "ACCOUNT_BALANCES, 420, 20", "ACCOUNT_TRANSACTIONS, 4, 1",
            "ACCOUNT_TRANSACTIONS_CURRENT, 240, 10", "ACCOUNT_OVERDRAFT_LIMITS, 420, 10", "CREDIT_CARDS_LIST, 4, 1",
            "CREDIT_CARD, 4, 1", "CREDIT_CARD_LIMITS, 420, 10", "CREDIT_CARD_TRANSACTIONS, 4, 1",
            "CREDIT_CARD_TRANSACTIONS_CURRENT, 240, 10", "CREDIT_CARD_BILLS, 30, 2", "CREDIT_CARD_BILL_TRANSACTIONS, 30, 2",
            "CUSTOMERS_PERSONAL_IDENTIFICATIONS, 4, 1", "CUSTOMERS_PERSONAL_QUALIFICATIONS, 4, 1",
            "CUSTOMERS_PERSONAL_FINANCIAL_RELATIONS, 4, 1", "CUSTOMERS_BUSINESS_IDENTIFICATIONS, 4, 1",
            "LOANS_CONTRACTS, 4, 1", "LOAN_CONTRACT, 4, 1", "LOAN_WARRANTIES, 4, 1", "LOAN_SCHEDULED_INSTALMENTS, 4, 1",
            "LOAN_PAYMENTS, 4, 1", "UNARRANGED_ACCOUNT_OVERDRAFT_PAYMENTS, 4, 1"})
    void theOfficialTableIsTheDefault(Operation op, int limit, int reserve) {
        Policy policy = new Policy(config(Map.of()));
        assertThat(policy.limit(op)).isEqualTo(limit);
        assertThat(policy.reserve(op)).isEqualTo(reserve);
    }

    @Test
    void everyFigureCanBeOverriddenAndAWrongEntryIsRefused() {
        Policy policy = new Policy(config(Map.of("limits", List.of("ACCOUNT_BALANCES=100"), "reserves", List.of("ACCOUNT_BALANCES=200"),
                "refreshIntervals", List.of("ACCOUNT_BALANCES=PT2H", "CREDIT_CARD_BILLS=12h"))));
        assertThat(policy.limit(Operation.ACCOUNT_BALANCES)).isEqualTo(100);
        assertThat(policy.reserve(Operation.ACCOUNT_BALANCES)).isEqualTo(100); // never more than the limit
        assertThat(policy.interval(Operation.ACCOUNT_BALANCES)).isEqualTo(Duration.ofHours(2));
        assertThat(policy.interval(Operation.CREDIT_CARD_BILLS)).isEqualTo(Duration.ofHours(12));
        assertThat(policy.interval(Operation.LOAN_PAYMENTS)).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> new Policy(config(Map.of("limits", List.of("ACCOUNT_BALANCES"))))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Policy(config(Map.of("limits", List.of("SAVINGS=3"))))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void monthsAreSaoPaulosCalendarMonths() {
        Policy policy = new Policy(config(Map.of()));
        // 02:30 UTC on the 1st is still the previous month in Sao Paulo (UTC-3)
        assertThat(policy.month(Instant.parse("2026-12-01T02:30:00Z"))).isEqualTo("2026-11");
        assertThat(policy.month(Instant.parse("2026-12-01T03:00:00Z"))).isEqualTo("2026-12");
        assertThat(policy.resetsAt(Instant.parse("2026-12-01T02:30:00Z"))).isEqualTo(Instant.parse("2026-12-01T03:00:00Z"));
        assertThat(policy.resetsAt(Instant.parse("2026-12-31T23:00:00Z"))).isEqualTo(Instant.parse("2027-01-01T03:00:00Z"));
    }

    @Test
    void aRefreshIsPacedSoTheBudgetLastsTheMonth() {
        Policy policy = new Policy(config(Map.of()));
        Instant now = Instant.parse("2026-12-01T03:00:00Z");
        // plenty left: the configured interval
        assertThat(policy.nextRun(Operation.ACCOUNT_BALANCES, now, 400)).isEqualTo(now.plus(Duration.ofHours(6)));
        // 28 bills calls for 31 days: a little more than a day apart
        assertThat(Duration.between(now, policy.nextRun(Operation.CREDIT_CARD_BILLS, now, 28))).isEqualTo(Duration.ofDays(31).dividedBy(28));
        // nothing left: after the reset
        assertThat(policy.nextRun(Operation.LOAN_PAYMENTS, now, 0)).isAfter(policy.resetsAt(now));
    }

    @Test
    void theBudgetIsCountedPerResourceOrPerConsent() {
        assertThat(new Policy(config(Map.of())).budgetResource(Operation.ACCOUNT_BALANCES, "acc-1")).isEqualTo("acc-1");
        assertThat(new Policy(config(Map.of())).budgetResource(Operation.ACCOUNTS_LIST, null)).isEmpty();
        assertThat(new Policy(config(Map.of("budgetPerResource", false))).budgetResource(Operation.ACCOUNT_BALANCES, "acc-1")).isEmpty();
        assertThat(new Policy(config(Map.of())).lowThreshold(Operation.ACCOUNT_BALANCES)).isEqualTo(84);
        assertThat(new Policy(config(Map.of())).lowThreshold(Operation.ACCOUNT_TRANSACTIONS)).isEqualTo(1);
    }
}
