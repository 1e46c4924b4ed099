package br.com.ponte.sandbox.books;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * A transaction of an account or a card as the bank keeps it: what it is ({@link Pattern}), when it is
 * dated ({@code bookedAt}, the API's {@code transactionDateTime}), when the bank first shows it
 * ({@code visibleFrom}) and when it is posted ({@code postedAt}: the money moves; before that it is a
 * future posting), and its amount. Its id and details (names, the other party) are drawn from
 * {@code detail} and {@code party} when asked for, so that a year of transactions costs little to make.
 *
 * <p>A NORMAL transaction is shown and posted when it is dated (at the end of the batch it falls in); a
 * SCHEDULED one is shown days before its date, as a future posting, and posted on it; a BACKDATED one is
 * shown and posted days after the date it carries.
 */
public record Entry(long detail, long party, Kind kind, Pattern pattern, Instant bookedAt, Instant visibleFrom,
                    Instant postedAt, long cents) {

    /** Oldest first; the same instant in a stable order. */
    public static final Comparator<Entry> CHRONOLOGICAL = Comparator.comparing(Entry::bookedAt)
            .thenComparingLong(Entry::detail);

    public enum Kind {
        NORMAL, SCHEDULED, BACKDATED
    }

    /** What the API shows of the other party and the place: all but {@code name} may be null. */
    public record Details(String name, String partyDocument, boolean partyCompany, String partyCompeCode,
                          String partyBranch, String partyNumber, String partyCheckDigit, Integer mcc,
                          Long foreignCents, String foreignCurrency) {
    }

    /** The transaction's id: stable for ever (a future posting keeps it when it is posted). */
    public String transactionId() {
        return Draws.of(detail).uuid();
    }

    /** The date it carries, in Brasília: what the booking-date filters compare. */
    public LocalDate bookingDate() {
        return Ledger.date(bookedAt);
    }

    public boolean visibleBy(Instant at) {
        return !visibleFrom.isAfter(at);
    }

    public boolean postedBy(Instant at) {
        return !postedAt.isAfter(at);
    }

    /** Its amount with its sign: positive in, negative out. */
    public long signedCents() {
        return pattern.credit() ? cents : -cents;
    }

    /** A scheduled transaction posted now, before its date: it is dated and posted {@code at}, with the same id. */
    Entry postedEarly(Instant at) {
        return new Entry(detail, party, kind, pattern, at, visibleFrom, at, cents);
    }

    public Details details() {
        Draws draws = Draws.of(party);
        return switch (pattern.party()) {
            case NONE -> new Details(pattern.name(null), null, false, null, null, null, null, null, null, null);
            case PERSON -> withAccount(People.personName(draws), People.cpf(draws), false, draws);
            case COMPANY -> withAccount(People.companyName(draws), People.cnpj(draws), true, draws);
            case EMPLOYER -> new Details(pattern.name(People.companyName(draws)), People.cnpj(draws), true, null, null,
                    null, null, null, null, null);
            case PAYEE -> new Details(pattern.name(People.companyName(draws)), People.cnpj(draws), true, null, null, null,
                    null, null, null, null);
            case SHOP -> {
                People.Shop shop = People.shop(draws);
                yield new Details(pattern.name(shop.name()), null, false, null, null, null, null, shop.mcc(), null, null);
            }
            case FOREIGN_SHOP -> {
                People.Shop shop = People.foreignShop(draws);
                // dollars at a rate of about 5.40 reais
                yield new Details(pattern.name(shop.name()), null, false, null, null, null, null, shop.mcc(),
                        Math.max(1, Math.round(cents / 5.4)), "USD");
            }
        };
    }

    private Details withAccount(String name, String document, boolean company, Draws draws) {
        return new Details(pattern.name(name), document, company, People.bank(draws), draws.digits(4), draws.digits(10),
                draws.digits(1), null, null, null);
    }
}
