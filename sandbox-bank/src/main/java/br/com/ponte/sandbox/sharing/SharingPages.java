package br.com.ponte.sandbox.sharing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the bank's pages write times: day and hour in Brasília, as its customers read them. */
public final class SharingPages {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(ZoneId.of("America/Sao_Paulo"));

    private SharingPages() {
    }

    public static String dateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }

    /** A consent's validity: until when, or indefinite. */
    public static String expiry(Instant expiration) {
        return expiration == null ? "Prazo indeterminado" : "Até " + dateTime(expiration) + " (horário de Brasília)";
    }
}
