package br.com.ponte.sandbox.store;

import br.com.ponte.sandbox.books.LedgerEvents;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.dataapis.OperationalLimits;
import br.com.ponte.sandbox.payments.ConsentStatus;
import br.com.ponte.sandbox.payments.PaymentConsent;
import br.com.ponte.sandbox.payments.PaymentStatus;
import br.com.ponte.sandbox.payments.PixPayment;
import br.com.ponte.sandbox.payments.Scenario;
import br.com.ponte.sandbox.sharing.ConsentExtension;
import br.com.ponte.sandbox.sharing.Permission;
import br.com.ponte.sandbox.sharing.Rejection;
import br.com.ponte.sandbox.sharing.ResourceStatus;
import br.com.ponte.sandbox.sharing.ResourceType;
import br.com.ponte.sandbox.sharing.SharedResource;
import br.com.ponte.sandbox.sharing.SharingConsent;
import br.com.ponte.sandbox.sharing.SharingConsentStatus;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxStoreTest {

    record Row(String name, List<String> tags, Instant at) {
    }

    @TempDir
    Path dataDir;

    @Test
    void rowsSurviveARestartWhenADataDirIsSet() {
        Row row = new Row("first", List.of("a", "b"), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        new SandboxStore(Optional.of(dataDir)).table("rows", Row.class).put("1", row);

        Table<Row> reopened = new SandboxStore(Optional.of(dataDir)).table("rows", Row.class);

        assertThat(reopened.find("1")).contains(row);
        assertThat(dataDir.resolve(SandboxStore.FILE)).isRegularFile();
    }

    @Test
    void paymentsSurviveARestartWithTheirJsonAndPath() {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("endToEndId", "E1");
        data.putObject("payment").put("amount", "100.00");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PixPayment payment = new PixPayment("p1", "urn:pontesandbox:c1", "client", data, Scenario.REFUSED_BY_SPI,
                PaymentStatus.ACCP, at, at, List.of(PaymentStatus.ACPD, PaymentStatus.RJCT), at.plusSeconds(2), null, null,
                JsonNodeFactory.instance.objectNode().put("number", "123"), at.plusSeconds(60));
        new SandboxStore(Optional.of(dataDir)).table("pixPayments", PixPayment.class).put("p1", payment);

        assertThat(new SandboxStore(Optional.of(dataDir)).table("pixPayments", PixPayment.class).find("p1"))
                .contains(payment);
    }

    @Test
    void consentsSurviveARestartWithTheDaysTheirPaymentsSettleOn() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putObject("payment").put("amount", "100.00").putObject("schedule").putObject("daily")
                .put("startDate", "2026-01-06").put("quantity", 3);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PaymentConsent consent = new PaymentConsent("urn:pontesandbox:c1", "client", data, ConsentStatus.AUTHORISED, at,
                at, at.plusSeconds(3600), null, JsonNodeFactory.instance.objectNode().put("number", "123"), null,
                List.of(LocalDate.parse("2026-01-06"), LocalDate.parse("2026-01-07")));
        new SandboxStore(Optional.of(dataDir)).table("paymentConsents", PaymentConsent.class).put("c1", consent);

        assertThat(new SandboxStore(Optional.of(dataDir)).table("paymentConsents", PaymentConsent.class).find("c1"))
                .contains(consent);
    }

    @Test
    void dataSharingConsentsSurviveARestartWithTheirResourcesRenewalsAndRejection() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SharingConsent consent = new SharingConsent("urn:bancohorizonte:c1", "client", "76109277673", "45612378000184",
                List.of(Permission.ACCOUNTS_READ, Permission.ACCOUNTS_BALANCES_READ, Permission.RESOURCES_READ),
                SharingConsentStatus.REJECTED, at, at, null, at.plusSeconds(60),
                new Rejection(Rejection.RejectedBy.USER, Rejection.Reason.CUSTOMER_MANUALLY_REVOKED, "Revogado."),
                List.of(new SharedResource("acc-1", ResourceType.ACCOUNT, ResourceStatus.PENDING_AUTHORISATION, true)),
                at.plusSeconds(120), List.of(new ConsentExtension(at, null, at, "76109277673", "10.0.0.1", "agent")));
        new SandboxStore(Optional.of(dataDir)).table(Brand.HORIZONTE.table("sharingConsents"), SharingConsent.class)
                .put(consent.consentId(), consent);

        assertThat(new SandboxStore(Optional.of(dataDir)).table("horizonte.sharingConsents", SharingConsent.class)
                .find(consent.consentId())).contains(consent);
    }

    @Test
    void theBooksEventsAndTheDataUsageSurviveARestart() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        LedgerEvents events = new LedgerEvents("acc-1", List.of(new LedgerEvents.Appearance(0, at, 0),
                new LedgerEvents.Appearance(1, at.plusMillis(1), 3)),
                List.of(new LedgerEvents.EarlyPosting("tx-1", LocalDate.of(2026, 12, 20), at)));
        OperationalLimits.Usage usage = new OperationalLimits.Usage("urn:bancosandbox:c1", "2026-12",
                Map.of("accounts-balances|acc-1", 3, "accounts-list", 1));
        SandboxStore store = new SandboxStore(Optional.of(dataDir));
        store.table("ledgerEvents", LedgerEvents.class).put("acc-1", events);
        store.table("dataUsage", OperationalLimits.Usage.class).put(usage.consentId(), usage);

        SandboxStore restarted = new SandboxStore(Optional.of(dataDir));
        assertThat(restarted.table("ledgerEvents", LedgerEvents.class).find("acc-1")).contains(events);
        assertThat(restarted.table("dataUsage", OperationalLimits.Usage.class).find(usage.consentId())).contains(usage);
    }

    @Test
    void writingDoesNotLoseTablesNobodyOpenedSinceTheStart() {
        SandboxStore first = new SandboxStore(Optional.of(dataDir));
        first.table("kept", Row.class).put("k", new Row("kept", List.of(), Instant.EPOCH));
        first.table("touched", Row.class).put("t", new Row("touched", List.of(), Instant.EPOCH));

        new SandboxStore(Optional.of(dataDir)).table("touched", Row.class).take("t");
        SandboxStore third = new SandboxStore(Optional.of(dataDir));

        assertThat(third.table("kept", Row.class).find("k")).isPresent();
        assertThat(third.table("touched", Row.class).find("t")).isEmpty();
    }

    @Test
    void withoutADataDirTheStateStaysInMemory() throws Exception {
        Table<Row> rows = new SandboxStore(Optional.empty()).table("rows", Row.class);
        rows.put("1", new Row("only here", List.of(), Instant.EPOCH));

        assertThat(rows.find("1")).isPresent();
        try (var files = Files.list(dataDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aTakenRowIsGoneForTheNextTaker() {
        Table<Row> rows = new SandboxStore(Optional.empty()).table("rows", Row.class);
        rows.put("once", new Row("once", List.of(), Instant.EPOCH));

        assertThat(rows.take("once")).isPresent();
        assertThat(rows.take("once")).isEmpty();
    }
}
