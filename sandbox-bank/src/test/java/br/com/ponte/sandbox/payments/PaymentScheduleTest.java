package br.com.ponte.sandbox.payments;

import br.com.ponte.sandbox.resource.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The days each kind of schedule pays on, and the rules a schedule must keep, without a server. */
class PaymentScheduleTest {

    /** A Monday. */
    private static final LocalDate TODAY = LocalDate.parse("2026-01-05");

    @Test
    void aDailyScheduleIsQuantityDaysFromItsStart() {
        assertThat(dates(recurrence("daily", "2026-01-06", 3)))
                .containsExactly(day("2026-01-06"), day("2026-01-07"), day("2026-01-08"));
    }

    @Test
    void aWeeklyScheduleStartsOnItsFirstDayOfWeekFromTheStart() {
        ObjectNode payment = recurrence("weekly", "2026-01-06", 3);
        ((ObjectNode) payment.get("schedule").get("weekly")).put("dayOfWeek", "QUINTA_FEIRA");

        assertThat(dates(payment)).containsExactly(day("2026-01-08"), day("2026-01-15"), day("2026-01-22"));
    }

    @Test
    void aMonthlyScheduleTakesTheFirstOfTheNextMonthForADayTheMonthLacks() {
        ObjectNode payment = recurrence("monthly", "2026-01-10", 4);
        ((ObjectNode) payment.get("schedule").get("monthly")).put("dayOfMonth", 31);

        assertThat(dates(payment)).containsExactly(day("2026-01-31"), day("2026-03-01"), day("2026-03-31"),
                day("2026-05-01"));
    }

    @Test
    void aMonthlyScheduleStartsInTheNextMonthWhenItsDayIsBeforeTheStart() {
        ObjectNode payment = recurrence("monthly", "2026-01-10", 2);
        ((ObjectNode) payment.get("schedule").get("monthly")).put("dayOfMonth", 5);

        assertThat(dates(payment)).containsExactly(day("2026-02-05"), day("2026-03-05"));
    }

    @Test
    void singleAndCustomSchedulesAreTheirDatesAndAnImmediatePaymentHasNone() {
        assertThat(dates(single("2026-01-20"))).containsExactly(day("2026-01-20"));
        assertThat(dates(custom("2026-02-01", "2026-01-20"))).containsExactly(day("2026-02-01"), day("2026-01-20"));
        assertThat(PaymentSchedule.of(JsonNodeFactory.instance.objectNode().put("date", "2026-01-05"))).isEmpty();
    }

    @Test
    void aRecurrenceIsOnlyByManualEntryKeyOrStaticQrCode() {
        PaymentSchedule daily = schedule(recurrence("daily", "2026-01-06", 3));
        daily.check(TODAY, "MANU");
        daily.check(TODAY, "QRES");

        assertRefused(() -> daily.check(TODAY, "INIC"), "FORMA_PAGAMENTO_INVALIDA");
        assertRefused(() -> daily.check(TODAY, "QRDN"), "FORMA_PAGAMENTO_INVALIDA");
        schedule(single("2026-01-06")).check(TODAY, "QRDN");
    }

    @Test
    void theDatesWrittenGoFromTomorrowToTwoYearsAhead() {
        assertRefused(() -> schedule(single("2026-01-05")).check(TODAY, "DICT"), "DATA_PAGAMENTO_INVALIDA");
        assertRefused(() -> schedule(recurrence("daily", "2026-01-05", 3)).check(TODAY, "DICT"),
                "DATA_PAGAMENTO_INVALIDA");
        assertRefused(() -> schedule(custom("2026-01-06", TODAY.plusDays(731).toString())).check(TODAY, "DICT"),
                "DATA_PAGAMENTO_INVALIDA");
        schedule(single(TODAY.plusDays(730).toString())).check(TODAY, "DICT");
    }

    @Test
    void repeatedCustomDatesAndARecurrenceBeyondTwoYearsAreInvalidParameters() {
        assertRefused(() -> schedule(custom("2026-01-06", "2026-01-06")).check(TODAY, "DICT"), "PARAMETRO_INVALIDO");

        assertThatThrownBy(() -> schedule(recurrence("daily", TODAY.plusDays(700).toString(), 60)).check(TODAY, "DICT"))
                .isInstanceOfSatisfying(ApiError.class, refusal -> assertThat(refusal.code())
                        .isEqualTo("PARAMETRO_INVALIDO"))
                .hasMessage("Quantidade permitida de pagamentos excedida");
    }

    @Test
    void moreThanSixtyPaymentsOrTwentyFourMonthsAreTooMany() {
        PaymentSchedule.checkQuantity(recurrence("daily", "2026-01-06", 60));
        PaymentSchedule.checkQuantity(recurrence("monthly", "2026-01-06", 24));

        assertRefused(() -> PaymentSchedule.checkQuantity(recurrence("weekly", "2026-01-06", 61)), "PARAMETRO_INVALIDO");
        assertRefused(() -> PaymentSchedule.checkQuantity(recurrence("monthly", "2026-01-06", 25)), "PARAMETRO_INVALIDO");
    }

    private static ObjectNode single(String date) {
        ObjectNode payment = JsonNodeFactory.instance.objectNode();
        payment.putObject("schedule").putObject("single").put("date", date);
        return payment;
    }

    private static ObjectNode recurrence(String kind, String start, int quantity) {
        ObjectNode payment = JsonNodeFactory.instance.objectNode();
        payment.putObject("schedule").putObject(kind).put("startDate", start).put("quantity", quantity);
        return payment;
    }

    private static ObjectNode custom(String... dates) {
        ObjectNode payment = JsonNodeFactory.instance.objectNode();
        ObjectNode custom = payment.putObject("schedule").putObject("custom").put("additionalInformation", "teste");
        ArrayNode list = custom.putArray("dates");
        List.of(dates).forEach(list::add);
        return payment;
    }

    private static PaymentSchedule schedule(JsonNode payment) {
        return PaymentSchedule.of(payment).orElseThrow();
    }

    private static List<LocalDate> dates(JsonNode payment) {
        return schedule(payment).dates();
    }

    private static LocalDate day(String date) {
        return LocalDate.parse(date);
    }

    private static void assertRefused(ThrowingCallable check, String code) {
        assertThatThrownBy(check).isInstanceOfSatisfying(ApiError.class, refusal -> assertThat(refusal.code())
                .isEqualTo(code));
    }
}
