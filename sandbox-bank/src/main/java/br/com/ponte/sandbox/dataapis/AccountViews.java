package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.books.AccountBook;
import br.com.ponte.sandbox.books.AccountBook.Balances;
import br.com.ponte.sandbox.books.AccountBook.OverdraftLimits;
import br.com.ponte.sandbox.books.Entry;
import br.com.ponte.sandbox.books.Entry.Details;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.resource.WireFormat;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Optional;

/** Accounts, balances, limits and transactions as accounts 2.4.2 has them. */
final class AccountViews {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AccountViews() {
    }

    /** {@code AccountData}: an item of the accounts list. */
    static ObjectNode account(Brand brand, AccountBook account) {
        return NODES.objectNode().put("brandName", brand.displayName()).put("companyCnpj", brand.cnpj())
                .put("type", account.terms().accountType().name()).put("compeCode", brand.compeCode())
                .put("branchCode", account.terms().branch()).put("number", account.number())
                .put("checkDigit", account.terms().checkDigit()).put("accountId", account.product().resourceId());
    }

    /** {@code AccountIdentificationData}. */
    static ObjectNode identification(Brand brand, AccountBook account) {
        return NODES.objectNode().put("compeCode", brand.compeCode()).put("branchCode", account.terms().branch())
                .put("number", account.number()).put("checkDigit", account.terms().checkDigit())
                .put("type", account.terms().accountType().name()).put("subtype", "INDIVIDUAL")
                .put("currency", Amounts.BRL);
    }

    /** {@code AccountBalancesData}: the bank reads its books as it answers, so they are as of now. */
    static ObjectNode balances(Balances balances, Instant asOf) {
        ObjectNode data = NODES.objectNode();
        data.set("availableAmount", Amounts.money(balances.availableCents()));
        data.set("blockedAmount", Amounts.money(balances.blockedCents()));
        data.set("automaticallyInvestedAmount", Amounts.money(balances.automaticallyInvestedCents()));
        return data.put("updateDateTime", WireFormat.dateTime(asOf));
    }

    /** {@code AccountOverdraftLimitsData}: empty for an account without limits, as the spec asks. */
    static ObjectNode overdraftLimits(Optional<OverdraftLimits> limits) {
        ObjectNode data = NODES.objectNode();
        limits.ifPresent(present -> {
            data.set("overdraftContractedLimit", Amounts.money(present.contractedCents()));
            data.set("overdraftUsedLimit", Amounts.money(present.usedCents()));
            data.set("unarrangedOverdraftAmount", Amounts.money(present.unarrangedCents()));
        });
        return data;
    }

    /**
     * {@code AccountTransactionsData}: a future posting is {@code LANCAMENTO_FUTURO} until it is posted, then
     * {@code TRANSACAO_EFETIVADA} with the same id; the other party's document and account where the transaction
     * has one (payments, as IN BCB 371 asks).
     */
    static ObjectNode transaction(Entry entry, Instant asOf) {
        Details details = entry.details();
        ObjectNode data = NODES.objectNode().put("transactionId", entry.transactionId())
                .put("completedAuthorisedPaymentType", entry.postedBy(asOf) ? "TRANSACAO_EFETIVADA" : "LANCAMENTO_FUTURO")
                .put("creditDebitType", entry.pattern().credit() ? "CREDITO" : "DEBITO")
                .put("transactionName", details.name()).put("type", entry.pattern().wireType());
        data.set("transactionAmount", Amounts.money(entry.cents()));
        data.put("transactionDateTime", WireFormat.dateTimeMillis(entry.bookedAt()));
        if (details.partyDocument() != null) {
            data.put("partieCnpjCpf", details.partyDocument())
                    .put("partiePersonType", details.partyCompany() ? "PESSOA_JURIDICA" : "PESSOA_NATURAL");
        }
        if (details.partyNumber() != null) {
            data.put("partieCompeCode", details.partyCompeCode()).put("partieBranchCode", details.partyBranch())
                    .put("partieNumber", details.partyNumber()).put("partieCheckDigit", details.partyCheckDigit());
        }
        return data;
    }
}
