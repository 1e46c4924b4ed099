package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.books.CardBook;
import br.com.ponte.sandbox.books.CardBook.Bill;
import br.com.ponte.sandbox.books.CardBook.CardEntry;
import br.com.ponte.sandbox.books.CardBook.Limits;
import br.com.ponte.sandbox.books.Entry;
import br.com.ponte.sandbox.books.Entry.Details;
import br.com.ponte.sandbox.books.Pattern;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.resource.WireFormat;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Credit card accounts, limits, transactions and bills as credit cards 2.3.1 has them. */
final class CardViews {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CardViews() {
    }

    /** {@code CreditCardAccountsData}: an item of the cards list. */
    static ObjectNode account(Brand brand, CardBook card) {
        return NODES.objectNode().put("creditCardAccountId", card.product().resourceId())
                .put("brandName", brand.displayName()).put("companyCnpj", brand.cnpj())
                .put("name", card.product().description()).put("productType", card.terms().productType())
                .put("creditCardNetwork", card.terms().network().name());
    }

    /** {@code CreditCardsAccountsIdentificationData}: one card, paid by itself (no multiple card). */
    static ObjectNode identification(CardBook card) {
        ObjectNode data = NODES.objectNode().put("name", card.product().description())
                .put("productType", card.terms().productType()).put("creditCardNetwork", card.terms().network().name());
        data.putArray("paymentMethod").addObject().put("identificationNumber", card.terms().finalDigits())
                .put("isMultipleCreditCard", false);
        return data;
    }

    /** {@code CreditCardAccountsLimitsData}: the card's total limit, one line. */
    static ArrayNode limits(CardBook card, Limits limits) {
        ArrayNode data = NODES.arrayNode();
        ObjectNode limit = data.addObject().put("creditLineLimitType", "LIMITE_CREDITO_TOTAL")
                .put("consolidationType", "CONSOLIDADO").put("identificationNumber", card.terms().finalDigits())
                .put("isLimitFlexible", false);
        limit.set("limitAmount", Amounts.money(limits.limitCents()));
        limit.set("usedAmount", Amounts.money(limits.usedCents()));
        limit.set("availableAmount", Amounts.money(limits.availableCents()));
        return data;
    }

    /**
     * {@code CreditCardAccountsTransaction} (and a bill's transaction): with its bill's id once that bill has
     * closed, the date it was posted to the bill, a purchase's MCC, a purchase abroad in its currency.
     */
    static ObjectNode transaction(CardBook card, CardEntry cardEntry) {
        Entry entry = cardEntry.entry();
        Details details = entry.details();
        ObjectNode data = NODES.objectNode().put("transactionId", entry.transactionId())
                .put("identificationNumber", card.terms().finalDigits()).put("transactionName", details.name());
        if (cardEntry.billId() != null) {
            data.put("billId", cardEntry.billId());
        }
        data.put("creditDebitType", entry.pattern().credit() ? "CREDITO" : "DEBITO")
                .put("transactionType", entry.pattern().wireType());
        if (entry.pattern() == Pattern.PURCHASE || entry.pattern() == Pattern.FOREIGN_PURCHASE) {
            data.put("paymentType", "A_VISTA");
        }
        if (entry.pattern() == Pattern.ANNUAL_FEE) {
            data.put("feeType", "ANUIDADE");
        }
        data.set("brazilianAmount", Amounts.money(entry.cents()));
        data.set("amount", details.foreignCents() == null ? Amounts.money(entry.cents())
                : Amounts.money(details.foreignCents(), details.foreignCurrency()));
        data.put("transactionDateTime", WireFormat.dateTimeMillis(entry.bookedAt()))
                .put("billPostDate", cardEntry.billPostDate().toString());
        if (details.mcc() != null) {
            data.put("payeeMCC", details.mcc());
        }
        return data;
    }

    /** {@code CreditCardAccountsBillsData}: a closed bill, with its payment once paid. */
    static ObjectNode bill(Bill bill) {
        ObjectNode data = NODES.objectNode().put("billId", bill.billId()).put("dueDate", bill.dueDate().toString());
        data.set("billTotalAmount", Amounts.money(bill.totalCents()));
        data.set("billMinimumAmount", Amounts.money(bill.minimumCents()));
        data.put("isInstalment", false);
        ArrayNode payments = data.putArray("payments");
        if (bill.payment() != null) {
            payments.addObject().put("valueType", "VALOR_PAGAMENTO_FATURA_REALIZADO")
                    .put("paymentDate", bill.payment().bookingDate().toString()).put("paymentMode", "DEBITO_CONTA_CORRENTE")
                    .put("amount", Amounts.amount(bill.payment().cents())).put("currency", Amounts.BRL);
        }
        return data;
    }
}
