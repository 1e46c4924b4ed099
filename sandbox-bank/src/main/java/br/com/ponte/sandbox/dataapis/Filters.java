package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.resource.WireFormat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The query filters of the data APIs' lists, read as the specs have them, and written back for the links
 * of the other pages. A malformed value is 400 {@code PARAMETRO_INVALIDO}, half of a date pair 400
 * {@code PARAMETRO_NAO_INFORMADO}; a well-formed window the bank cannot serve (inverted, or beyond what the
 * endpoint allows back or ahead) 422 {@code PARAMETRO_INVALIDO}.
 */
final class Filters {

    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    /** The days the {@code transactions-current} endpoints cover, today included (D-6 to D). */
    static final int CURRENT_DAYS = 7;

    /** A window of days, both ends included. */
    record Window(LocalDate from, LocalDate to) {

        boolean contains(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }

    private final Map<String, String> query = new LinkedHashMap<>();

    /** Today in Brasília, whose days the date filters name. */
    static LocalDate today(Instant now) {
        return now.atZone(WireFormat.BRASILIA).toLocalDate();
    }

    /**
     * The window {@code fromName}/{@code toName} ask for: both or neither (then today only), {@code from} not
     * after {@code to}, within {@code earliest} and {@code latest}.
     */
    Window window(String fromName, String from, String toName, String to, LocalDate today, LocalDate earliest,
                  LocalDate latest) {
        if ((from == null) != (to == null)) {
            throw ApiError.badRequest("PARAMETRO_NAO_INFORMADO", fromName + " e " + toName + " são informados juntos.");
        }
        Window window = from == null ? new Window(today, today) : new Window(date(fromName, from), date(toName, to));
        if (window.from().isAfter(window.to())) {
            throw ApiError.invalidParameter(fromName + " (" + window.from() + ") é posterior a " + toName + " ("
                    + window.to() + ").");
        }
        if (window.from().isBefore(earliest) || window.to().isAfter(latest)) {
            throw ApiError.invalidParameter("O período consultado deve estar entre " + earliest + " e " + latest + ".");
        }
        query.put(fromName, window.from().toString());
        query.put(toName, window.to().toString());
        return window;
    }

    /** A day filter that may be absent (null). */
    LocalDate optionalDate(String name, String value) {
        if (value == null) {
            return null;
        }
        LocalDate date = date(name, value);
        query.put(name, value);
        return date;
    }

    /** A filter among {@code allowed} values (the spec's enum), or absent (null). */
    String oneOf(String name, String value, String... allowed) {
        if (value == null) {
            return null;
        }
        if (Arrays.stream(allowed).noneMatch(value::equals)) {
            throw ApiError.badRequest("PARAMETRO_INVALIDO", name + " deve ser um de " + String.join(", ", allowed) + ".");
        }
        query.put(name, value);
        return value;
    }

    /** A whole-number filter up to {@code max}, or absent (null). */
    Integer number(String name, String value, int max) {
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < 0 || number > max) {
                throw new NumberFormatException();
            }
            query.put(name, value);
            return number;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("PARAMETRO_INVALIDO", name + " deve ser um número inteiro de 0 a " + max + ".");
        }
    }

    /** The filters as the links carry them: {@code &name=value...}, or empty. */
    String query() {
        StringBuilder written = new StringBuilder();
        query.forEach((name, value) -> written.append('&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return written.toString();
    }

    private static LocalDate date(String name, String value) {
        try {
            if (DATE.matcher(value).matches()) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw ApiError.badRequest("PARAMETRO_INVALIDO", name + " deve ser uma data AAAA-MM-DD.");
    }
}
