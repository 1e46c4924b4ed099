package br.com.ponte.sandbox.payments;

import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.resource.WireFormat;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A consent's {@code payment.schedule} (payments v4 {@code Schedule}) and the days it pays on:
 * {@code single} its date; {@code daily} {@code quantity} days from {@code startDate};
 * {@code weekly} {@code quantity} weeks on {@code dayOfWeek}, from the first one on or after
 * {@code startDate}; {@code monthly} {@code quantity} months on {@code dayOfMonth}, from the first one
 * on or after {@code startDate}, where the first of the next month stands for a day the month lacks
 * (the spec's rule for the 29th to the 31st); {@code custom} its {@code dates}. {@code written} are
 * the dates the initiator wrote: the single date, the start date or the custom dates.
 */
record PaymentSchedule(String kind, List<LocalDate> written, List<LocalDate> dates) {

    /** The most payments a consent may have (the spec), and the most of a monthly recurrence (its schema). */
    static final int MAX_PAYMENTS = 60;
    static final int MAX_MONTHLY_PAYMENTS = 24;
    /** Scheduled dates: from tomorrow to two years ahead (D+730, the spec's limit). */
    static final int MAX_DAYS_AHEAD = 730;
    private static final List<String> KINDS = List.of("single", "daily", "weekly", "monthly", "custom");
    private static final List<String> WEEKDAYS = List.of("SEGUNDA_FEIRA", "TERCA_FEIRA", "QUARTA_FEIRA",
            "QUINTA_FEIRA", "SEXTA_FEIRA", "SABADO", "DOMINGO");
    /** The spec's {@code EnumLocalInstrument}: a schedule other than single only by these. */
    private static final List<String> RECURRING_INSTRUMENTS = List.of("MANU", "DICT", "QRES");

    /** The schedule of a consent's {@code payment} (valid against the spec's schema), if it has one. */
    static Optional<PaymentSchedule> of(JsonNode payment) {
        JsonNode schedule = payment.path("schedule");
        return KINDS.stream().filter(schedule::has).findFirst().map(kind -> of(kind, schedule.get(kind)));
    }

    /**
     * More payments than a consent may have: 422 {@code PARAMETRO_INVALIDO} with the spec's own detail.
     * Checked before the schema, which refuses the same quantities with a detail of its own.
     */
    static void checkQuantity(JsonNode payment) {
        JsonNode schedule = payment.path("schedule");
        int wanted = Math.max(schedule.path("custom").path("dates").size(), Stream.of("daily", "weekly", "monthly")
                .mapToInt(kind -> schedule.path(kind).path("quantity").asInt()).max().orElse(0));
        if (wanted > (schedule.has("monthly") ? MAX_MONTHLY_PAYMENTS : MAX_PAYMENTS)) {
            throw quantityExceeded();
        }
    }

    /**
     * The spec's rules beyond the schema: a recurrence only by MANU, DICT or QRES
     * ({@code FORMA_PAGAMENTO_INVALIDA}); the written dates from tomorrow to {@value #MAX_DAYS_AHEAD} days
     * ahead ({@code DATA_PAGAMENTO_INVALIDA}); custom dates not repeated and a recurrence that ends within
     * those two years ({@code PARAMETRO_INVALIDO}).
     */
    void check(LocalDate today, String localInstrument) {
        if (!"single".equals(kind) && !RECURRING_INSTRUMENTS.contains(localInstrument)) {
            throw ApiError.unprocessable("FORMA_PAGAMENTO_INVALIDA", "Forma de pagamento inválida.",
                    "Forma de pagamento " + localInstrument + " não suportada em agendamento " + kind
                            + " (só MANU, DICT e QRES).");
        }
        LocalDate latest = today.plusDays(MAX_DAYS_AHEAD);
        for (LocalDate date : written) {
            if (!date.isAfter(today) || date.isAfter(latest)) {
                throw PaymentRules.invalidPaymentDate("Data " + date + " de schedule." + kind
                        + " fora do prazo: de amanhã a " + MAX_DAYS_AHEAD + " dias (horário de Brasília).");
            }
        }
        if (Set.copyOf(dates).size() < dates.size()) {
            throw ApiError.invalidParameter("Parâmetro schedule.custom.dates tem datas repetidas.");
        }
        if (dates.stream().max(Comparator.naturalOrder()).orElseThrow().isAfter(latest)) {
            throw quantityExceeded();
        }
    }

    private static PaymentSchedule of(String kind, JsonNode rule) {
        String where = "schedule." + kind;
        return switch (kind) {
            case "single" -> {
                LocalDate date = WireFormat.date(rule.path("date"), where + ".date");
                yield new PaymentSchedule(kind, List.of(date), List.of(date));
            }
            case "custom" -> {
                List<LocalDate> dates = StreamSupport.stream(rule.path("dates").spliterator(), false)
                        .map(date -> WireFormat.date(date, where + ".dates")).toList();
                yield new PaymentSchedule(kind, dates, dates);
            }
            default -> {
                LocalDate start = WireFormat.date(rule.path("startDate"), where + ".startDate");
                yield new PaymentSchedule(kind, List.of(start), recurrence(kind, rule, start));
            }
        };
    }

    private static List<LocalDate> recurrence(String kind, JsonNode rule, LocalDate start) {
        Stream<LocalDate> days = switch (kind) {
            case "daily" -> Stream.iterate(start, day -> day.plusDays(1));
            case "weekly" -> Stream.iterate(start.with(TemporalAdjusters.nextOrSame(
                    DayOfWeek.of(WEEKDAYS.indexOf(rule.path("dayOfWeek").asText()) + 1))), day -> day.plusWeeks(1));
            default -> Stream.iterate(YearMonth.from(start), month -> month.plusMonths(1))
                    .map(month -> dayOf(month, rule.path("dayOfMonth").asInt()))
                    .filter(day -> !day.isBefore(start));
        };
        return days.limit(rule.path("quantity").asInt()).toList();
    }

    /** The month's {@code day}, or the first of the next month when the month has no such day. */
    private static LocalDate dayOf(YearMonth month, int day) {
        return month.isValidDay(day) ? month.atDay(day) : month.plusMonths(1).atDay(1);
    }

    private static ApiError quantityExceeded() {
        return ApiError.invalidParameter("Quantidade permitida de pagamentos excedida");
    }
}
