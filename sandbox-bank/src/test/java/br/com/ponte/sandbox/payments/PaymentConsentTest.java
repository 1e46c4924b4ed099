package br.com.ponte.sandbox.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The consent's clock and the transitions it refuses, without a server. */
class PaymentConsentTest {

    private static final Instant CREATED = Instant.parse("2026-01-05T12:00:00Z");
    private static final Duration AUTHORISATION = Duration.ofMinutes(5);
    private static final Duration CONSUMPTION = Duration.ofMinutes(60);
    private static final Duration SECOND_APPROVAL = Duration.ofSeconds(2);

    @Test
    void notAuthorisedInTimeIsRejectedWhenTheTimeRanOut() {
        PaymentConsent consent = created().at(CREATED.plus(AUTHORISATION).plusSeconds(30));

        assertThat(consent.status()).isEqualTo(ConsentStatus.REJECTED);
        assertThat(consent.rejection().code()).isEqualTo("TEMPO_EXPIRADO_AUTORIZACAO");
        assertThat(consent.statusUpdateDateTime()).isEqualTo(CREATED.plus(AUTHORISATION));
    }

    @Test
    void authorisedButNotConsumedInTimeIsRejected() {
        Instant authorised = CREATED.plusSeconds(10);
        PaymentConsent consent = created().authorise(account("123"), authorised, CONSUMPTION, SECOND_APPROVAL);
        assertThat(consent.at(authorised.plus(CONSUMPTION).minusSeconds(1)).status()).isEqualTo(ConsentStatus.AUTHORISED);

        PaymentConsent expired = consent.at(authorised.plus(CONSUMPTION));

        assertThat(expired.status()).isEqualTo(ConsentStatus.REJECTED);
        assertThat(expired.rejection().code()).isEqualTo("TEMPO_EXPIRADO_CONSUMO");
    }

    @Test
    void aMultiApproverAccountIsPartiallyAcceptedThenAuthorised() {
        PaymentConsent consent = created().authorise(account(PaymentConsent.MULTI_APPROVER_ACCOUNT), CREATED,
                CONSUMPTION, SECOND_APPROVAL);

        assertThat(consent.status()).isEqualTo(ConsentStatus.PARTIALLY_ACCEPTED);
        assertThat(consent.at(CREATED.plus(SECOND_APPROVAL)).status()).isEqualTo(ConsentStatus.AUTHORISED);
    }

    @Test
    void aConsumedConsentCannotBeRejectedNorConsumedAgain() {
        PaymentConsent consumed = created().authorise(account("123"), CREATED, CONSUMPTION, SECOND_APPROVAL)
                .consume(CREATED.plusSeconds(1));

        assertThatThrownBy(() -> consumed.consume(CREATED.plusSeconds(2))).isInstanceOf(IllegalStateException.class);
        assertThat(consumed.at(CREATED.plus(CONSUMPTION).plusSeconds(1))).isEqualTo(consumed);
    }

    @Test
    void aScheduleIsConsumedOnceEveryDateHasItsPayment() {
        PaymentConsent consent = daily().authorise(account("123"), CREATED, CONSUMPTION, SECOND_APPROVAL);

        PaymentConsent first = consent.pay(List.of(LocalDate.parse("2026-01-06")), CREATED.plusSeconds(1));
        assertThat(first.status()).isEqualTo(ConsentStatus.AUTHORISED);
        assertThat(first.paidDates()).containsExactly(LocalDate.parse("2026-01-06"));

        PaymentConsent all = first.pay(List.of(LocalDate.parse("2026-01-08"), LocalDate.parse("2026-01-07")),
                CREATED.plusSeconds(2));
        assertThat(all.status()).isEqualTo(ConsentStatus.CONSUMED);
        assertThat(all.statusUpdateDateTime()).isEqualTo(CREATED.plusSeconds(2));
    }

    @Test
    void aSchedulePartlyPaidWhenItsTimeRunsOutIsConsumedNotRejected() {
        PaymentConsent partlyPaid = daily().authorise(account("123"), CREATED, CONSUMPTION, SECOND_APPROVAL)
                .pay(List.of(LocalDate.parse("2026-01-06")), CREATED.plusSeconds(1));

        PaymentConsent expired = partlyPaid.at(CREATED.plus(CONSUMPTION));

        assertThat(expired.status()).isEqualTo(ConsentStatus.CONSUMED);
        assertThat(expired.rejection()).isNull();
    }

    @Test
    void anImmediatePaymentConsumesItsConsentAtOnce() {
        PaymentConsent consent = created().authorise(account("123"), CREATED, CONSUMPTION, SECOND_APPROVAL);

        assertThat(consent.pay(List.of(LocalDate.parse("2026-01-05")), CREATED.plusSeconds(1)).status())
                .isEqualTo(ConsentStatus.CONSUMED);
    }

    private static PaymentConsent created() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putObject("payment").put("amount", "100.00");
        return PaymentConsent.create("urn:pontesandbox:1", "client", data, CREATED, AUTHORISATION);
    }

    /** Three days from 2026-01-06. */
    private static PaymentConsent daily() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putObject("payment").put("amount", "100.00").putObject("schedule").putObject("daily")
                .put("startDate", "2026-01-06").put("quantity", 3);
        return PaymentConsent.create("urn:pontesandbox:2", "client", data, CREATED, AUTHORISATION);
    }

    private static JsonNode account(String number) {
        return JsonNodeFactory.instance.objectNode().put("ispb", "12345678").put("number", number)
                .put("accountType", "CACC");
    }
}
