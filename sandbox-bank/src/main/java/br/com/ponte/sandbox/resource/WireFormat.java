package br.com.ponte.sandbox.resource;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How the Open Finance APIs write times: UTC to the second ({@code 2021-05-21T08:30:00Z}), transactions'
 * to the millisecond; payment dates, and the data APIs' days, are days in Brasília.
 */
public final class WireFormat {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Payment dates (the day of an immediate payment, a scheduled date) are days in Brasília. */
    public static final ZoneId BRASILIA = ZoneId.of("America/Sao_Paulo");

    private WireFormat() {
    }

    public static String dateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }

    /** To the millisecond ({@code 2021-05-21T08:30:00.374Z}), as the data APIs date transactions. */
    public static String dateTimeMillis(Instant instant) {
        return DATE_TIME_MILLIS.format(instant);
    }

    public static LocalDate today() {
        return LocalDate.now(BRASILIA);
    }

    /** The date {@code value} holds (AAAA-MM-DD, a day that exists); 422 {@code PARAMETRO_INVALIDO} naming {@code name} else. */
    public static LocalDate date(JsonNode value, String name) {
        try {
            return LocalDate.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw ApiError.invalidParameter("Parâmetro " + name + " não é uma data (AAAA-MM-DD).");
        }
    }
}
