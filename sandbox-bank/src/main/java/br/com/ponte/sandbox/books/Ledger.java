package br.com.ponte.sandbox.books;

import br.com.ponte.sandbox.books.Entry.Kind;
import br.com.ponte.sandbox.books.LedgerEvents.Appearance;
import br.com.ponte.sandbox.books.LedgerEvents.EarlyPosting;
import br.com.ponte.sandbox.resource.WireFormat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The transactions of one account or card: a function of {@code sandbox.data.seed}, the product's id and
 * the clock, plus the development controls' {@link LedgerEvents}. Nothing is stored: each day's
 * transactions are drawn from the seed, the product and the day, grouped by the day they are posted on,
 * so any window of them is made again on demand (a month at a time, kept a while in a {@link MonthCache}).
 *
 * <p>A day (in Brasília) has a number of transactions its {@link Profile} sets (a weekday more than a
 * weekend day), dated between 06:00 and 20:00; the bank shows them in batches, at the end of each
 * {@code sandbox.data.new-transactions-every} (wall time), so they appear as the day goes. Some are
 * future postings ({@link Kind#SCHEDULED}: shown 2 to 20 days ahead, posted at 08:00 of their date,
 * same id), some are dated 1 to 5 days back ({@link Kind#BACKDATED}: they appear later than a client
 * that syncs by date expects). An account's balance is the bank's target for the end of the previous
 * month plus what has been posted since; a sweep at 20:59:59 on the last day of each month (an automatic
 * investment, or a transfer) brings it to the month's target.
 */
final class Ledger {

    /** How long after its date a backdated transaction may appear. */
    static final int MAX_DAYS_BACK = 5;
    /** How long before its date a future posting may be shown. */
    static final int MAX_DAYS_AHEAD = 20;
    private static final LocalTime FIRST = LocalTime.of(6, 0);
    private static final int DAY_SECONDS = 14 * 3600;
    private static final LocalTime SCHEDULED_AT = LocalTime.of(8, 0);
    private static final LocalTime SWEEP_AT = LocalTime.of(20, 59, 59);

    /**
     * How a ledger behaves: transactions a weekday and a weekend day (a fractional part is a chance), its
     * everyday patterns, how many in a thousand are future postings and backdated ones, the balance it
     * keeps (0: a card, no sweep), its monthly salary, fee and interest, and how its sweep reads.
     */
    record Profile(double weekday, double weekend, List<Pattern> everyday, int scheduledPerThousand,
                   int backdatedPerThousand, long balanceCents, long salaryCents, boolean servicePackage,
                   boolean interest, boolean annualFee, Pattern sweepIn, Pattern sweepOut) {

        boolean sweeps() {
            return balanceCents > 0;
        }
    }

    private final long seed;
    private final String resourceId;
    private final Profile profile;
    private final long everyMillis;
    private final MonthCache cache;
    private final LedgerEvents events;

    Ledger(long seed, String resourceId, Profile profile, Duration every, MonthCache cache, LedgerEvents events) {
        this.seed = seed;
        this.resourceId = resourceId;
        this.profile = profile;
        this.everyMillis = every.toMillis();
        this.cache = cache;
        this.events = events;
    }

    static LocalDate date(Instant instant) {
        return instant.atZone(WireFormat.BRASILIA).toLocalDate();
    }

    static Instant instant(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(WireFormat.BRASILIA).toInstant();
    }

    /**
     * What is shown {@code asOf} dated from {@code from} to {@code to} (days in Brasília), oldest first:
     * posted transactions and future postings alike.
     */
    List<Entry> transactions(LocalDate from, LocalDate to, Instant asOf) {
        LocalDate lastPosting = min(to.plusDays(MAX_DAYS_BACK), date(asOf).plusDays(MAX_DAYS_AHEAD));
        List<Entry> shown = new ArrayList<>();
        for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(lastPosting)); month = month.plusMonths(1)) {
            for (Entry entry : posted(month)) {
                LocalDate booked = entry.bookingDate();
                if (entry.visibleBy(asOf) && !booked.isBefore(from) && !booked.isAfter(to)) {
                    shown.add(entry);
                }
            }
        }
        shown.sort(Entry.CHRONOLOGICAL);
        return shown;
    }

    /** The balance {@code asOf}: the target of the end of the previous month, and what was posted since. */
    long balance(Instant asOf) {
        YearMonth month = YearMonth.from(date(asOf));
        long balance = target(month.minusMonths(1));
        for (Entry entry : posted(month)) {
            if (entry.postedBy(asOf)) {
                balance += entry.signedCents();
            }
        }
        return balance;
    }

    /** Every transaction posted in {@code month} (future postings included), with the month's sweep. */
    List<Entry> posted(YearMonth month) {
        List<Entry> posted = withEvents(month);
        if (profile.sweeps()) {
            long sum = posted.stream().mapToLong(Entry::signedCents).sum();
            long delta = target(month) - target(month.minusMonths(1)) - sum;
            if (delta != 0) {
                Draws draws = Draws.of(seed, resourceId + "|sweep", index(month));
                long detail = draws.nextLong();
                Instant at = instant(month.atEndOfMonth(), SWEEP_AT);
                posted.add(new Entry(detail, detail, Kind.NORMAL, delta > 0 ? profile.sweepIn() : profile.sweepOut(), at, at,
                        at, Math.abs(delta)));
            }
        }
        return posted;
    }

    /** The balance the bank keeps the account at, at the end of {@code month}: within 10% of the profile's. */
    long target(YearMonth month) {
        double unit = Draws.of(seed, resourceId + "|balance", index(month)).unit();
        return Math.round(profile.balanceCents() * (0.9 + 0.2 * unit));
    }

    /** The transaction {@code transactionId} posted on {@code day}, as drawn (events aside). */
    Entry find(LocalDate day, String transactionId) {
        return day(day).stream().filter(entry -> entry.transactionId().equals(transactionId)).findFirst().orElse(null);
    }

    /** The transactions drawn for the days of {@code month}, posted early or not, and those that appeared in it. */
    private List<Entry> withEvents(YearMonth month) {
        List<Entry> drawn = cache.month(resourceId, month, () -> drawMonth(month));
        List<Entry> posted = new ArrayList<>(drawn.size() + 8);
        Map<String, EarlyPosting> early = events.earlyPostings().stream()
                .collect(Collectors.toMap(EarlyPosting::transactionId, Function.identity(), (a, b) -> a));
        for (Entry entry : drawn) {
            EarlyPosting posting = entry.kind() == Kind.SCHEDULED && !early.isEmpty()
                    ? early.get(entry.transactionId()) : null;
            if (posting == null) {
                posted.add(entry);
            } else if (YearMonth.from(date(posting.at())).equals(month)) {
                posted.add(entry.postedEarly(posting.at()));
            }
        }
        for (EarlyPosting posting : events.earlyPostings()) {
            if (YearMonth.from(date(posting.at())).equals(month) && !YearMonth.from(posting.scheduledFor()).equals(month)) {
                Entry scheduled = find(posting.scheduledFor(), posting.transactionId());
                if (scheduled != null) {
                    posted.add(scheduled.postedEarly(posting.at()));
                }
            }
        }
        for (Appearance appearance : events.appearances()) {
            if (YearMonth.from(date(appearance.at())).equals(month)) {
                posted.add(appeared(appearance));
            }
        }
        return posted;
    }

    private List<Entry> drawMonth(YearMonth month) {
        List<Entry> entries = new ArrayList<>();
        for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
            entries.addAll(day(day));
        }
        return List.copyOf(entries);
    }

    /** The transactions posted on {@code day} (future postings of that date included), as drawn. */
    private List<Entry> day(LocalDate day) {
        Draws draws = Draws.of(seed, resourceId, day.toEpochDay());
        List<Entry> entries = new ArrayList<>();
        monthly(day, draws, entries);
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        double mean = weekend ? profile.weekend() : profile.weekday();
        int count = (int) mean + (draws.unit() < mean - (int) mean ? 1 : 0);
        for (int i = 0; i < count; i++) {
            entries.add(drawn(day, draws));
        }
        return entries;
    }

    private void monthly(LocalDate day, Draws draws, List<Entry> entries) {
        if (profile.salaryCents() > 0 && day.getDayOfMonth() == 5) {
            long employer = Draws.of(seed, resourceId + "|employer", 0).nextLong();
            entries.add(dated(draws.nextLong(), employer, Pattern.SALARY, day, LocalTime.of(7, 30),
                    profile.salaryCents()));
        }
        if (profile.servicePackage() && day.getDayOfMonth() == 10) {
            entries.add(dated(draws.nextLong(), 0, Pattern.SERVICE_PACKAGE, day, LocalTime.of(6, 15),
                    Pattern.SERVICE_PACKAGE.cents(draws)));
        }
        if (profile.interest() && day.getDayOfMonth() == 1) {
            // about 0.55% a month on what the account held at the end of the last one
            entries.add(dated(draws.nextLong(), 0, Pattern.INTEREST, day, LocalTime.of(6, 5),
                    Math.max(1, target(YearMonth.from(day).minusMonths(1)) * 55 / 10_000)));
        }
        if (profile.annualFee() && day.getDayOfMonth() == 15) {
            entries.add(dated(draws.nextLong(), 0, Pattern.ANNUAL_FEE, day, LocalTime.of(6, 10),
                    Pattern.ANNUAL_FEE.cents(draws)));
        }
    }

    private Entry drawn(LocalDate day, Draws draws) {
        long detail = draws.nextLong();
        int roll = draws.below(1000);
        Kind kind = roll < profile.scheduledPerThousand() ? Kind.SCHEDULED
                : roll < profile.scheduledPerThousand() + profile.backdatedPerThousand() ? Kind.BACKDATED : Kind.NORMAL;
        Pattern pattern = switch (kind) {
            case SCHEDULED -> draws.oneIn(2) ? Pattern.SCHEDULED_BOLETO : Pattern.SCHEDULED_PIX;
            case BACKDATED -> draws.oneIn(2) ? Pattern.CHEQUE_DEPOSIT : Pattern.TED_RECEIVED;
            case NORMAL -> draws.pick(profile.everyday());
        };
        long cents = pattern.cents(draws);
        Instant at = instant(day, timeOfDay(draws));
        return switch (kind) {
            case NORMAL -> new Entry(detail, detail, kind, pattern, at, batch(at), batch(at), cents);
            case SCHEDULED -> {
                Instant due = instant(day, SCHEDULED_AT).plusMillis(Math.floorMod(detail, 1000L));
                Instant shown = batch(instant(day.minusDays(2 + draws.below(MAX_DAYS_AHEAD - 1)), timeOfDay(draws)));
                yield new Entry(detail, detail, kind, pattern, due, shown, due, cents);
            }
            case BACKDATED -> {
                Instant dated = instant(day.minusDays(1 + draws.below(MAX_DAYS_BACK)), timeOfDay(draws));
                yield new Entry(detail, detail, kind, pattern, dated, batch(at), batch(at), cents);
            }
        };
    }

    /** A transaction made to appear by a development control: drawn from its sequence number. */
    Entry appeared(Appearance appearance) {
        Draws draws = Draws.of(seed, resourceId + "|appeared", appearance.sequence());
        long detail = draws.nextLong();
        boolean backdated = appearance.daysBack() > 0;
        Pattern pattern = backdated ? (draws.oneIn(2) ? Pattern.CHEQUE_DEPOSIT : Pattern.TED_RECEIVED)
                : draws.pick(profile.everyday());
        Instant dated = appearance.at().minus(Duration.ofDays(appearance.daysBack()));
        return new Entry(detail, detail, backdated ? Kind.BACKDATED : Kind.NORMAL, pattern, dated, appearance.at(),
                appearance.at(), pattern.cents(draws));
    }

    private Entry dated(long detail, long party, Pattern pattern, LocalDate day, LocalTime time, long cents) {
        Instant at = instant(day, time).plusMillis(Math.floorMod(detail, 1000L));
        return new Entry(detail, party == 0 ? detail : party, Kind.NORMAL, pattern, at, batch(at), batch(at), cents);
    }

    private static LocalTime timeOfDay(Draws draws) {
        return FIRST.plusSeconds(draws.below(DAY_SECONDS)).plusNanos(draws.below(1000) * 1_000_000L);
    }

    /** The end of the batch {@code at} falls in: when the bank shows what happened then. */
    private Instant batch(Instant at) {
        long millis = at.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(millis + everyMillis - 1, everyMillis) * everyMillis);
    }

    private static long index(YearMonth month) {
        return month.getYear() * 12L + month.getMonthValue();
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
