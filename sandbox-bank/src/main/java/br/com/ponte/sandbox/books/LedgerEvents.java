package br.com.ponte.sandbox.books;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the development controls made happen to an account's or a card's transactions, beyond what the
 * seed and the clock make: transactions that appeared at a given moment (drawn from the seed and their
 * sequence number, some dated days back), and future postings posted before their date. Kept in the
 * sandbox's state, so that the books read the same after a restart.
 */
public record LedgerEvents(String resourceId, List<Appearance> appearances, List<EarlyPosting> earlyPostings) {

    public LedgerEvents {
        appearances = appearances == null ? List.of() : List.copyOf(appearances);
        earlyPostings = earlyPostings == null ? List.of() : List.copyOf(earlyPostings);
    }

    /** A transaction that appeared {@code at}, dated {@code daysBack} days before (0: dated then). */
    public record Appearance(int sequence, Instant at, int daysBack) {
    }

    /** The future posting {@code transactionId}, of {@code scheduledFor}, posted {@code at}. */
    public record EarlyPosting(String transactionId, LocalDate scheduledFor, Instant at) {
    }

    static LedgerEvents none(String resourceId) {
        return new LedgerEvents(resourceId, List.of(), List.of());
    }

    LedgerEvents with(List<Appearance> more, List<EarlyPosting> posted) {
        return new LedgerEvents(resourceId, Stream.concat(appearances.stream(), more.stream()).toList(),
                Stream.concat(earlyPostings.stream(), posted.stream()).toList());
    }
}
