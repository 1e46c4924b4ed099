package br.com.ponte.sandbox.books;

import br.com.ponte.sandbox.sharing.Customers.Product;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A credit operation's contract: amount, monthly instalments (Price table: equal instalments), rate,
 * fees, warranty, and which instalments are paid by a given day (each on its due date, one of them three
 * days late with its fine and late interest paid apart). Made from the seed and the product; it moves
 * with the calendar: an instalment is paid once its due date has come.
 */
public record Contract(Product product, String contractNumber, String ipocCode, LocalDate contractDate,
                       long amountCents, int instalments, LocalDate firstDueDate, double monthlyRate, long feeCents,
                       Warranty warranty, long seed) {

    /** A warranty: the spec's {@code warrantyType} and {@code warrantySubType}, and its amount. */
    public record Warranty(String type, String subType, long cents) {
    }

    /** A payment of an instalment; {@code lateCharges} what was paid apart for paying late (0: on time). */
    public record Release(String paymentId, String instalmentId, int number, LocalDate paidDate, long cents,
                          long lateFineCents, long lateInterestCents) {
    }

    /** The instalment paid late: its fine and late interest are paid apart. */
    static final int PAID_LATE = 2;
    private static final int DAYS_LATE = 3;

    /** The effective yearly rate. */
    public double yearlyRate() {
        return Math.pow(1 + monthlyRate, 12) - 1;
    }

    /** The total effective cost a year (CET): the rate and the fee. */
    public double totalEffectiveCost() {
        return yearlyRate() + (double) feeCents / amountCents / Math.max(1, instalments / 12.0);
    }

    /** Each instalment: the Price table's, the same every month. */
    public long instalmentCents() {
        if (monthlyRate == 0) {
            return amountCents / instalments;
        }
        return Math.round(amountCents * monthlyRate / (1 - Math.pow(1 + monthlyRate, -instalments)));
    }

    public LocalDate dueDate(int number) {
        return firstDueDate.plusMonths(number - 1L);
    }

    /** The last instalment's due date. */
    public LocalDate finalDueDate() {
        return dueDate(instalments);
    }

    /** When instalment {@code number} is paid: on its due date, but {@value #PAID_LATE}, three days late. */
    public LocalDate paidDate(int number) {
        return number == PAID_LATE && instalments > PAID_LATE ? dueDate(number).plusDays(DAYS_LATE) : dueDate(number);
    }

    /** How many instalments are paid by {@code today}. */
    public int paid(LocalDate today) {
        int paid = 0;
        while (paid < instalments && !paidDate(paid + 1).isAfter(today)) {
            paid++;
        }
        return paid;
    }

    /** How many instalments are past due, unpaid, on {@code today}. */
    public int pastDue(LocalDate today) {
        int due = 0;
        while (due < instalments && dueDate(due + 1).isBefore(today)) {
            due++;
        }
        return due - paid(today);
    }

    /** What is still owed after {@code paid} instalments (the Price table's balance). */
    public long outstandingCents(int paid) {
        if (paid >= instalments) {
            return 0;
        }
        double growth = Math.pow(1 + monthlyRate, paid);
        double balance = monthlyRate == 0 ? amountCents - (double) instalmentCents() * paid
                : amountCents * growth - instalmentCents() * (growth - 1) / monthlyRate;
        return Math.max(0, Math.round(balance));
    }

    /** The payments made by {@code today}, oldest first. */
    public List<Release> releases(LocalDate today) {
        List<Release> releases = new ArrayList<>();
        long instalment = instalmentCents();
        for (int number = 1; number <= paid(today); number++) {
            boolean late = !paidDate(number).equals(dueDate(number));
            releases.add(new Release(Draws.of(seed, product.resourceId() + "|payment", number).uuid(),
                    instalmentId(number), number, paidDate(number), instalment, late ? instalment * 2 / 100 : 0,
                    late ? Math.round(instalment * 0.00033 * DAYS_LATE) : 0));
        }
        return releases;
    }

    public String instalmentId(int number) {
        return Draws.of(seed, product.resourceId() + "|instalment", number).uuid();
    }
}
