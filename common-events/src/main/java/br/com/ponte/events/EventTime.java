package br.com.ponte.events;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Event time as the envelope carries it: RFC 3339, UTC, always with milliseconds. */
public final class EventTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private EventTime() {
    }

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public static Instant now() {
        return now(Clock.systemUTC());
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Accepts any RFC 3339 instant (offset or Z, any fraction) and keeps millisecond precision. */
    public static Instant parse(String text) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from).truncatedTo(ChronoUnit.MILLIS);
    }
}
