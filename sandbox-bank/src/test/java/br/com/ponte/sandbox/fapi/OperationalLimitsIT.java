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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

import static br.com.ponte.sandbox.dataapis.DataOperation.ACCOUNT_TRANSACTIONS;
import static br.com.ponte.sandbox.dataapis.DataOperation.ACCOUNT_BALANCES;
import static br.com.ponte.sandbox.fapi.AccountsIT.BASE;
import static br.com.ponte.sandbox.fapi.Collector.assertRefused;
import static br.com.ponte.sandbox.fapi.SharingJourneyIT.product;
import static br.com.ponte.sandbox.fapi.Software.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data APIs' operational limits, per consent, operation and resource, a calendar month in Brasília: the
 * call beyond the limit is 429 with Retry-After until the next month, another resource or consent is not
 * affected, follow-up pages with their pagination-key are neither counted nor refused, and the development
 * control shows the usage and resets it. The test sandbox has balances at 3 a month
 * ({@code sandbox.limits.accounts-balances}); the others keep the public table's figures.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class OperationalLimitsIT {

    @Test
    void theCallBeyondTheLimitIs429UntilTheNextMonthAndTheUsageControlShowsAndResetsIt() {
        String checking = product(Brand.SANDBOX, Customers.PERSON_CPF, ResourceType.ACCOUNT, 0);
        String savings = product(Brand.SANDBOX, Customers.PERSON_CPF, ResourceType.ACCOUNT, 1);
        Collector collector = Collector.of(Brand.SANDBOX, Customers.PERSON_CPF, Receiver.ACCOUNTS);
        for (int call = 0; call < 3; call++) {
            collector.ok(ACCOUNT_BALANCES, BASE + "/" + checking + "/balances");
        }

        HttpResponse<String> beyond = collector.get(BASE + "/" + checking + "/balances");

        assertRefused(beyond, ACCOUNT_BALANCES, 429, "TOO_MANY_REQUESTS");
        Instant nextMonth = YearMonth.now(ZoneId.of("America/Sao_Paulo")).plusMonths(1).atDay(1)
                .atStartOfDay(ZoneId.of("America/Sao_Paulo")).toInstant();
        long retryAfter = Long.parseLong(beyond.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(Duration.between(Instant.now(), nextMonth).toSeconds() - 5,
                Duration.between(Instant.now(), nextMonth).toSeconds() + 5);
        // per resource and per consent
        collector.ok(ACCOUNT_BALANCES, BASE + "/" + savings + "/balances");
        collector.another(Customers.PERSON_CPF, Receiver.ACCOUNTS).ok(ACCOUNT_BALANCES, BASE + "/" + checking + "/balances");

        JsonNode usage = AccountsIT.usage(collector);
        assertThat(usage.get("month").asText()).isEqualTo(YearMonth.now(ZoneId.of("America/Sao_Paulo")).toString());
        assertThat(Instant.parse(usage.get("resetsAt").asText())).isEqualTo(nextMonth);
        assertThat(usage.get("operations")).anySatisfy(row -> {
            assertThat(row.get("operation").asText()).isEqualTo("accounts-balances");
            assertThat(row.get("resourceId").asText()).isEqualTo(checking);
            assertThat(row.get("used").asInt()).isEqualTo(3);
            assertThat(row.get("limit").asInt()).isEqualTo(3);
            assertThat(row.get("remaining").asInt()).isZero();
        });
        assertThat(usage.get("operations")).anySatisfy(row -> {
            assertThat(row.get("operation").asText()).isEqualTo("accounts-list");
            assertThat(row.get("used").asInt()).isZero();
            assertThat(row.get("limit").asInt()).isEqualTo(4);
        });

        HttpResponse<String> reset = call(() -> TlsClient.anonymous().delete(Sandbox.directory("/sandbox/brands/sandbox/consents/"
                + collector.consentId + "/usage")));
        assertThat(reset.statusCode()).isEqualTo(204);
        collector.ok(ACCOUNT_BALANCES, BASE + "/" + checking + "/balances");
    }

    @Test
    void aThrottledConsentGets429WithItsRetryAfterUncountedThenIsServed() {
        String checking = product(Brand.SANDBOX, Customers.PERSON_CPF, ResourceType.ACCOUNT, 0);
        Collector collector = Collector.of(Brand.SANDBOX, Customers.PERSON_CPF, Receiver.ACCOUNTS);
        HttpResponse<String> throttled = call(() -> TlsClient.anonymous().postJson(Sandbox.directory("/sandbox/brands/sandbox/consents/"
                + collector.consentId + "/usage/throttle"), "{\"calls\": 2, \"retryAfterSeconds\": 7}"));
        assertThat(throttled.statusCode()).isEqualTo(204);

        for (int call = 0; call < 2; call++) {
            HttpResponse<String> refused = collector.get(BASE + "/" + checking + "/balances");
            assertRefused(refused, ACCOUNT_BALANCES, 429, "TOO_MANY_REQUESTS");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
        }
        collector.ok(ACCOUNT_BALANCES, BASE + "/" + checking + "/balances");
        assertThat(AccountsIT.usage(collector).get("operations")).anySatisfy(row -> {
            assertThat(row.get("operation").asText()).isEqualTo("accounts-balances");
            assertThat(row.get("resourceId").asText()).isEqualTo(checking);
            assertThat(row.get("used").asInt()).as("the bank's refusals are not counted").isEqualTo(1);
        });
    }

    @Test
    void aListingBeyondItsFourCallsAMonthIs429ButItsFollowUpPagesAreNot() {
        String checking = product(Brand.SANDBOX, Customers.BENCH_CPF, ResourceType.ACCOUNT, 0);
        Collector collector = Collector.of(Brand.SANDBOX, Customers.BENCH_CPF, Receiver.ACCOUNT_TRANSACTIONS);
        LocalDate today = LocalDate.now(ZoneId.of("America/Sao_Paulo"));
        String transactions = BASE + "/" + checking + "/transactions?fromBookingDate=" + today.minusDays(10)
                + "&toBookingDate=" + today + "&page-size=100";
        JsonNode first = null;
        for (int call = 0; call < 4; call++) {
            first = collector.ok(ACCOUNT_TRANSACTIONS, transactions);
        }
        assertRefused(collector.get(transactions), ACCOUNT_TRANSACTIONS, 429, "TOO_MANY_REQUESTS");

        // the pages after the first, with their pagination-key, still answer, as of the first page
        JsonNode second = Collector.ok(ACCOUNT_TRANSACTIONS, collector.follow(first.at("/links/next").asText()));
        JsonNode third = Collector.ok(ACCOUNT_TRANSACTIONS, collector.follow(second.at("/links/next").asText()));
        assertThat(third.get("data")).isNotEmpty();
        assertThat(third.at("/links/prev").asText()).contains("page=2", "pagination-key=");
        assertThat(third.at("/links/first").asText()).contains("page=1", "pagination-key=");
        assertThat(AccountsIT.usage(collector).get("operations")).anySatisfy(row -> {
            assertThat(row.get("operation").asText()).isEqualTo("accounts-transactions");
            assertThat(row.get("used").asInt()).isEqualTo(4);
        });
    }
}
