package br.com.ponte.sandbox.books;

import br.com.ponte.sandbox.sharing.Customers.AccountTerms;
import br.com.ponte.sandbox.sharing.Customers.AccountType;
import br.com.ponte.sandbox.sharing.Customers.Product;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/** An account's books: its transactions, balances and overdraft limits at any moment. */
public final class AccountBook {

    /** accounts v2's balances: available (negative when in overdraft), blocked, and with the automatic investment. */
    public record Balances(long availableCents, long blockedCents, long automaticallyInvestedCents) {
    }

    /** accounts v2's overdraft limits: contracted, used, and what went beyond it (unarranged). */
    public record OverdraftLimits(long contractedCents, long usedCents, long unarrangedCents) {
    }

    private final Product product;
    private final AccountTerms terms;
    private final Ledger ledger;
    private final long overdraftCents;
    private final long investedCents;

    AccountBook(Product product, Ledger ledger, long overdraftCents, long investedCents) {
        this.product = product;
        this.terms = (AccountTerms) product.terms();
        this.ledger = ledger;
        this.overdraftCents = overdraftCents;
        this.investedCents = investedCents;
    }

    public Product product() {
        return product;
    }

    public AccountTerms terms() {
        return terms;
    }

    /** The account number as the API has it: the bank's digits, zero-padded to the spec's eight at least. */
    public String number() {
        return "0".repeat(Math.max(0, 8 - terms.number().length())) + terms.number();
    }

    /** What the bank shows {@code asOf} dated from {@code from} to {@code to}, oldest first. */
    public List<Entry> transactions(LocalDate from, LocalDate to, Instant asOf) {
        return ledger.transactions(from, to, asOf);
    }

    public Balances balances(Instant asOf) {
        long available = ledger.balance(asOf);
        long invested = terms.accountType() == AccountType.CONTA_DEPOSITO_A_VISTA
                ? available + investedCents + ledger.target(YearMonth.from(Ledger.date(asOf))) / 10 : available;
        return new Balances(available, 0, invested);
    }

    /** A checking account's limits; none for savings and prepaid accounts (the API's empty {@code data}). */
    public Optional<OverdraftLimits> overdraftLimits(Instant asOf) {
        if (terms.accountType() != AccountType.CONTA_DEPOSITO_A_VISTA) {
            return Optional.empty();
        }
        long owed = Math.max(0, -ledger.balance(asOf));
        return Optional.of(new OverdraftLimits(overdraftCents, Math.min(owed, overdraftCents),
                Math.max(0, owed - overdraftCents)));
    }
}
