package br.com.ponte.sandbox.books;

import br.com.ponte.sandbox.books.Entry.Kind;
import br.com.ponte.sandbox.sharing.Customers.CardTerms;
import br.com.ponte.sandbox.sharing.Customers.Product;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A credit card's books: its transactions, its bills and its limit. A bill closes on the card's closing
 * day (at midnight, Brasília) with what was dated since the previous closing (purchases, fees, less
 * refunds and cashback), is due ten days later and is paid in full on its due date at 10:00 (a
 * {@code PAGAMENTO} credit, listed with the transactions and as the bill's payment). A transaction
 * carries its bill's id once that bill has closed.
 */
public final class CardBook {

    /** How many days after closing a bill is due. */
    static final int DAYS_TO_PAY = 10;
    private static final LocalTime PAID_AT = LocalTime.of(10, 0);

    /** A transaction with its bill: {@code billId} null while its bill is open (and for a payment). */
    public record CardEntry(Entry entry, String billId, LocalDate billPostDate) {
    }

    /** A closed bill; {@code payment} null until it is paid. */
    public record Bill(String billId, LocalDate closing, LocalDate dueDate, long totalCents, long minimumCents,
                       Entry payment) {
    }

    /** credit cards v2's total limit: what it is, what is used, what is left. */
    public record Limits(long limitCents, long usedCents, long availableCents) {
    }

    private final long seed;
    private final Product product;
    private final CardTerms terms;
    private final Ledger ledger;
    private final long limitCents;

    CardBook(long seed, Product product, Ledger ledger, long limitCents) {
        this.seed = seed;
        this.product = product;
        this.terms = (CardTerms) product.terms();
        this.ledger = ledger;
        this.limitCents = limitCents;
    }

    public Product product() {
        return product;
    }

    public CardTerms terms() {
        return terms;
    }

    /** What the bank shows {@code asOf} dated from {@code from} to {@code to}, oldest first, bill payments included. */
    public List<CardEntry> transactions(LocalDate from, LocalDate to, Instant asOf) {
        List<Entry> entries = new ArrayList<>(ledger.transactions(from, to, asOf));
        for (LocalDate closing = closingOf(from.minusDays(DAYS_TO_PAY)); !closing.isAfter(to); closing = next(closing)) {
            Entry payment = payment(closing);
            if (payment != null && payment.visibleBy(asOf) && !payment.bookingDate().isBefore(from)
                    && !payment.bookingDate().isAfter(to)) {
                entries.add(payment);
            }
        }
        entries.sort(Entry.CHRONOLOGICAL);
        return entries.stream().map(entry -> withBill(entry, asOf)).toList();
    }

    /** The bills closed {@code asOf} in the last twelve months, oldest first. */
    public List<Bill> bills(Instant asOf) {
        LocalDate today = Ledger.date(asOf);
        List<Bill> bills = new ArrayList<>();
        for (LocalDate closing = closingOf(today.minusMonths(12)); closing.isBefore(today); closing = next(closing)) {
            if (!closing.isBefore(today.minusMonths(12))) {
                bills.add(bill(closing, asOf));
            }
        }
        return bills;
    }

    public Optional<Bill> bill(String billId, Instant asOf) {
        return bills(asOf).stream().filter(bill -> bill.billId().equals(billId)).findFirst();
    }

    /** The transactions of a closed bill: those dated in its cycle, oldest first. */
    public List<CardEntry> billTransactions(Bill bill) {
        Instant closed = Ledger.instant(bill.closing().plusDays(1), LocalTime.MIDNIGHT);
        return ledger.transactions(previous(bill.closing()).plusDays(1), bill.closing(), closed).stream()
                .map(entry -> new CardEntry(entry, bill.billId(), entry.bookingDate())).toList();
    }

    /** The limit {@code asOf}: the open cycle's spending and the last bill until it is paid are used. */
    public Limits limits(Instant asOf) {
        LocalDate today = Ledger.date(asOf);
        LocalDate lastClosing = previous(closingOf(today));
        long used = -ledger.transactions(lastClosing.plusDays(1), today, asOf).stream().mapToLong(Entry::signedCents).sum();
        Bill last = bill(lastClosing, asOf);
        if (last.payment() == null) {
            used += Math.max(0, last.totalCents());
        }
        return new Limits(limitCents, used, limitCents - used);
    }

    private Bill bill(LocalDate closing, Instant asOf) {
        Instant closed = Ledger.instant(closing.plusDays(1), LocalTime.MIDNIGHT);
        long total = -ledger.transactions(previous(closing).plusDays(1), closing, closed).stream()
                .mapToLong(Entry::signedCents).sum();
        Entry payment = payment(closing, total);
        return new Bill(billId(closing), closing, closing.plusDays(DAYS_TO_PAY), total, Math.max(0, total * 15 / 100),
                payment != null && payment.postedBy(asOf) ? payment : null);
    }

    private Entry payment(LocalDate closing) {
        Instant closed = Ledger.instant(closing.plusDays(1), LocalTime.MIDNIGHT);
        return payment(closing, -ledger.transactions(previous(closing).plusDays(1), closing, closed).stream()
                .mapToLong(Entry::signedCents).sum());
    }

    /** The bill's payment in full on its due date; none for a bill with nothing to pay. */
    private Entry payment(LocalDate closing, long total) {
        if (total <= 0) {
            return null;
        }
        long detail = Draws.of(seed, product.resourceId() + "|payment", closing.toEpochDay()).nextLong();
        Instant at = Ledger.instant(closing.plusDays(DAYS_TO_PAY), PAID_AT);
        return new Entry(detail, detail, Kind.NORMAL, Pattern.BILL_PAYMENT, at, at, at, total);
    }

    private CardEntry withBill(Entry entry, Instant asOf) {
        if (entry.pattern() == Pattern.BILL_PAYMENT) {
            return new CardEntry(entry, null, entry.bookingDate());
        }
        LocalDate closing = closingOf(entry.bookingDate());
        boolean closed = !asOf.isBefore(Ledger.instant(closing.plusDays(1), LocalTime.MIDNIGHT));
        return new CardEntry(entry, closed ? billId(closing) : null, entry.bookingDate());
    }

    private String billId(LocalDate closing) {
        return Draws.of(seed, product.resourceId() + "|bill", closing.toEpochDay()).uuid();
    }

    /** The closing of the cycle {@code day} is in: the closing day of its month, or of the next one. */
    private LocalDate closingOf(LocalDate day) {
        LocalDate closing = day.withDayOfMonth(terms.closingDay());
        return day.isAfter(closing) ? next(closing) : closing;
    }

    private LocalDate next(LocalDate closing) {
        return YearMonth.from(closing).plusMonths(1).atDay(terms.closingDay());
    }

    private LocalDate previous(LocalDate closing) {
        return YearMonth.from(closing).minusMonths(1).atDay(terms.closingDay());
    }
}
