package br.com.ponte.sandbox.books;

import br.com.ponte.sandbox.books.AccountBook.Balances;
import br.com.ponte.sandbox.books.Books.Advance;
import br.com.ponte.sandbox.books.CardBook.Bill;
import br.com.ponte.sandbox.books.CardBook.CardEntry;
import br.com.ponte.sandbox.books.Entry.Kind;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.brand.BrandTables;
import br.com.ponte.sandbox.config.SandboxUrls;
import br.com.ponte.sandbox.sharing.Customers;
import br.com.ponte.sandbox.sharing.Customers.Product;
import br.com.ponte.sandbox.sharing.ResourceType;
import br.com.ponte.sandbox.store.SandboxStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bank's books as a collection client meets them: a year of transactions drawn the same on every run,
 * future postings posted on their date with the same id, backdated transactions showing up late, balances
 * that follow what is posted, what the development control makes happen, and card bills that add up.
 */
class BooksTest {

    private static final long SEED = 20240601;
    private static final Duration EVERY = Duration.ofMinutes(15);
    private static final Instant NOW = Ledger.instant(LocalDate.of(2026, 12, 2), LocalTime.of(14, 37));
    private static final LocalDate TODAY = Ledger.date(NOW);

    private final Books books = books();

    @Test
    void theHeavyAccountsHoldMoreThanTenThousandTransactionsAYearDrawnTheSameEveryTime() {
        for (Product account : heavyAccounts()) {
            List<Entry> year = books.account(Brand.SANDBOX, account).transactions(TODAY.minusMonths(12), TODAY, NOW);
            List<Entry> again = books().account(Brand.SANDBOX, account).transactions(TODAY.minusMonths(12), TODAY, NOW);

            assertThat(year).hasSizeGreaterThanOrEqualTo(10_000).isEqualTo(again);
            assertThat(year.stream().map(Entry::transactionId).distinct()).hasSize(year.size());
            assertThat(year).isSortedAccordingTo(Entry.CHRONOLOGICAL);
            assertThat(year).allSatisfy(entry -> assertThat(entry.bookingDate()).isBetween(TODAY.minusMonths(12), TODAY));
        }
    }

    @Test
    void aYearIsDrawnInAFewHundredMilliseconds() {
        Product checking = heavyAccounts().get(0);
        books().account(Brand.SANDBOX, checking).transactions(TODAY.minusMonths(12), TODAY, NOW);
        long start = System.nanoTime();
        books().account(Brand.SANDBOX, checking).transactions(TODAY.minusMonths(12), TODAY.plusMonths(12), NOW);
        // a few hundred milliseconds here; the bound leaves room for a busy machine
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aFuturePostingIsShownAheadAndPostedOnItsDateWithTheSameId() {
        AccountBook checking = books.account(Brand.SANDBOX, heavyAccounts().get(0));
        Entry scheduled = checking.transactions(TODAY, TODAY.plusDays(Ledger.MAX_DAYS_AHEAD), NOW).stream()
                .filter(entry -> entry.kind() == Kind.SCHEDULED && !entry.postedBy(NOW)).findFirst().orElseThrow();

        Instant onItsDate = scheduled.postedAt().plusSeconds(1);
        Entry posted = checking.transactions(scheduled.bookingDate(), scheduled.bookingDate(), onItsDate).stream()
                .filter(entry -> entry.transactionId().equals(scheduled.transactionId())).findFirst().orElseThrow();

        assertThat(posted).isEqualTo(scheduled);
        assertThat(posted.postedBy(onItsDate)).isTrue();
        assertThat(checking.transactions(scheduled.bookingDate(), scheduled.bookingDate(),
                scheduled.visibleFrom().minusSeconds(1))).doesNotContain(scheduled);
    }

    @Test
    void aBackdatedTransactionAppearsDaysAfterTheDateItCarries() {
        AccountBook checking = books.account(Brand.SANDBOX, heavyAccounts().get(0));
        Entry backdated = checking.transactions(TODAY.minusDays(40), TODAY.minusDays(10), NOW).stream()
                .filter(entry -> entry.kind() == Kind.BACKDATED).findFirst().orElseThrow();
        LocalDate dated = backdated.bookingDate();

        assertThat(Ledger.date(backdated.visibleFrom())).isAfter(dated);
        // a client that synced that day's transactions at the end of it did not see it
        assertThat(checking.transactions(dated, dated, Ledger.instant(dated, LocalTime.of(23, 59))))
                .doesNotContain(backdated);
        assertThat(checking.transactions(dated, dated, NOW)).contains(backdated);
    }

    @Test
    void theBalanceMovesWithWhatIsPostedAndIsTheTargetAtEachMonthsEnd() {
        Product product = heavyAccounts().get(0);
        AccountBook checking = books.account(Brand.SANDBOX, product);
        Instant from = Ledger.instant(LocalDate.of(2026, 11, 3), LocalTime.NOON);
        Instant to = Ledger.instant(LocalDate.of(2026, 11, 20), LocalTime.NOON);

        long posted = checking.transactions(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 30), to).stream()
                .filter(entry -> entry.postedAt().isAfter(from) && !entry.postedAt().isAfter(to))
                .mapToLong(Entry::signedCents).sum();

        assertThat(checking.balances(to).availableCents() - checking.balances(from).availableCents()).isEqualTo(posted);
        assertThat(checking.balances(Ledger.instant(LocalDate.of(2026, 12, 1), LocalTime.of(0, 0))).availableCents())
                .isBetween(1_800_000 * 9 / 10L, 1_800_000 * 11 / 10L);
    }

    @Test
    void theDevelopmentControlMakesTransactionsAppearAndPostsTheFuturePostingsKeepingTheirIds() {
        Product product = heavyAccounts().get(1);
        AccountBook before = books.account(Brand.SANDBOX, product);
        List<Entry> future = before.transactions(TODAY, TODAY.plusDays(Ledger.MAX_DAYS_AHEAD), NOW).stream()
                .filter(entry -> entry.kind() == Kind.SCHEDULED && !entry.postedBy(NOW)).toList();
        Balances balance = before.balances(NOW);

        Instant now = NOW.plusSeconds(60);
        Advance advance = books.advance(Brand.SANDBOX, product, 3, 1, true, now);

        AccountBook after = books.account(Brand.SANDBOX, product);
        List<Entry> shown = after.transactions(TODAY.minusDays(10), TODAY.plusDays(Ledger.MAX_DAYS_AHEAD), now.plusMillis(10));
        assertThat(advance.appeared()).hasSize(3);
        assertThat(advance.backdated()).hasSize(1);
        assertThat(advance.posted()).containsExactlyInAnyOrderElementsOf(future.stream().map(Entry::transactionId).toList());
        assertThat(shown).extracting(Entry::transactionId).containsAll(advance.appeared()).containsAll(advance.backdated())
                .containsAll(advance.posted());
        Entry backdated = shown.stream().filter(entry -> entry.transactionId().equals(advance.backdated().get(0)))
                .findFirst().orElseThrow();
        assertThat(backdated.bookingDate()).isBefore(TODAY);
        List<Entry> moved = shown.stream().filter(entry -> advance.posted().contains(entry.transactionId())).toList();
        assertThat(moved).allSatisfy(entry -> {
            assertThat(entry.postedAt()).isEqualTo(now);
            assertThat(entry.bookedAt()).isEqualTo(now);
        });
        long delta = shown.stream().filter(entry -> advance.appeared().contains(entry.transactionId())
                        || advance.backdated().contains(entry.transactionId()) || advance.posted().contains(entry.transactionId()))
                .mapToLong(Entry::signedCents).sum();
        assertThat(after.balances(now.plusMillis(10)).availableCents() - balance.availableCents()).isEqualTo(delta
                + after.transactions(TODAY, TODAY, now.plusMillis(10)).stream()
                .filter(entry -> entry.postedAt().isAfter(NOW) && entry.postedAt().isBefore(now))
                .mapToLong(Entry::signedCents).sum());
    }

    @Test
    void aCardsBillsAddUpToTheirTransactionsAndArePaidOnTheirDueDate() {
        Product visa = Customers.products(Brand.SANDBOX, Customers.PERSON_CPF).stream()
                .filter(product -> product.type() == ResourceType.CREDIT_CARD_ACCOUNT).findFirst().orElseThrow();
        CardBook card = books.card(Brand.SANDBOX, visa);

        List<Bill> bills = card.bills(NOW);

        assertThat(bills).hasSizeBetween(11, 13);
        for (Bill bill : bills) {
            List<CardEntry> entries = card.billTransactions(bill);
            assertThat(entries).isNotEmpty().allSatisfy(entry -> assertThat(entry.billId()).isEqualTo(bill.billId()));
            assertThat(-entries.stream().mapToLong(entry -> entry.entry().signedCents()).sum()).isEqualTo(bill.totalCents());
            if (bill.dueDate().isBefore(TODAY)) {
                assertThat(bill.payment().cents()).isEqualTo(bill.totalCents());
            }
        }
        List<CardEntry> year = card.transactions(TODAY.minusMonths(12), TODAY, NOW);
        assertThat(year).filteredOn(entry -> entry.entry().pattern() == Pattern.BILL_PAYMENT).hasSizeBetween(11, 13);
        assertThat(card.limits(NOW).availableCents()).isLessThan(card.limits(NOW).limitCents());
    }

    @Test
    void contractsPayTheirInstalmentsAsTheCalendarGoes() {
        Product loan = Customers.products(Brand.SANDBOX, Customers.PERSON_CPF).stream()
                .filter(product -> product.type() == ResourceType.LOAN).findFirst().orElseThrow();
        Contract contract = books.contract(Brand.SANDBOX, loan);

        int paid = contract.paid(TODAY);
        assertThat(paid).isBetween(18, 24);
        assertThat(contract.releases(TODAY)).hasSize(paid);
        assertThat(contract.paid(TODAY.plusMonths(1))).isEqualTo(paid + 1);
        assertThat(contract.outstandingCents(paid)).isGreaterThan(contract.outstandingCents(paid + 1));
        assertThat(contract.outstandingCents(contract.instalments())).isZero();
    }

    @Test
    void drawnDocumentsHaveValidCheckDigits() {
        Draws draws = Draws.of(SEED, "documents", 0);
        for (int i = 0; i < 100; i++) {
            assertThat(validCpf(People.cpf(draws))).isTrue();
        }
        assertThat(validCpf(Customers.PERSON_CPF)).isTrue();
        assertThat(validCpf(Customers.BENCH_CPF)).isTrue();
    }

    private static boolean validCpf(String cpf) {
        for (int length = 9; length <= 10; length++) {
            int sum = 0;
            for (int i = 0; i < length; i++) {
                sum += (cpf.charAt(i) - '0') * (length + 1 - i);
            }
            int digit = (sum * 10) % 11 % 10;
            if (digit != cpf.charAt(length) - '0') {
                return false;
            }
        }
        return true;
    }

    private static List<Product> heavyAccounts() {
        return java.util.stream.Stream.concat(Customers.products(Brand.SANDBOX, Customers.PERSON_CPF).stream().limit(1),
                Customers.products(Brand.SANDBOX, Customers.BENCH_CPF).stream()).toList();
    }

    private static Books books() {
        return new Books(SEED, EVERY, new BrandTables<>(new SandboxStore(Optional.empty()),
                new BrandContext(new SandboxUrls("https://localhost", "http://localhost")), "ledgerEvents", LedgerEvents.class));
    }
}
