package br.com.ponte.sandbox.books;

import java.util.ArrayList;
import java.util.List;

/**
 * The kinds of transaction the bank books, each with the wire values the data APIs give it (accounts
 * v2's {@code type}, or credit cards v2's {@code transactionType}), its direction, how its name reads,
 * who the other party is and the range of its amounts (spread over their logarithm).
 */
public enum Pattern {
    // accounts: everyday life
    PIX_SENT("PIX", false, "PIX ENVIADO %s", Party.PERSON, 500, 40_000),
    PIX_RECEIVED("PIX", true, "PIX RECEBIDO %s", Party.PERSON, 1_000, 60_000),
    PIX_TO_SHOP("PIX", false, "PIX ENVIADO %s", Party.COMPANY, 800, 30_000),
    DEBIT_CARD("CARTAO", false, "COMPRA CARTAO DEBITO %s", Party.SHOP, 800, 25_000),
    BOLETO("BOLETO", false, "PAGAMENTO BOLETO %s", Party.PAYEE, 5_000, 90_000),
    UTILITY("CONVENIO_ARRECADACAO", false, "PAGAMENTO CONVENIO %s", Party.PAYEE, 6_000, 40_000),
    TED_SENT("TED", false, "TED ENVIADA %s", Party.PERSON, 20_000, 300_000),
    TED_RECEIVED("TED", true, "TED RECEBIDA %s", Party.PERSON, 20_000, 300_000),
    TRANSFER_SENT("TRANSFERENCIA_MESMA_INSTITUICAO", false, "TRANSFERENCIA ENVIADA %s", Party.PERSON, 5_000, 100_000),
    WITHDRAWAL("SAQUE", false, "SAQUE 24H", Party.NONE, 5_000, 50_000),
    CASH_DEPOSIT("DEPOSITO", true, "DEPOSITO EM DINHEIRO", Party.NONE, 5_000, 80_000),
    SERVICE_FEE("TARIFA_SERVICOS_AVULSOS", false, "TARIFA AVULSA TED", Party.NONE, 1_050, 1_050),
    // accounts: a company's
    CARD_SALES("TED", true, "CREDITO VENDAS CARTAO %s", Party.COMPANY, 30_000, 400_000),
    SUPPLIER("BOLETO", false, "PAGAMENTO FORNECEDOR %s", Party.PAYEE, 20_000, 600_000),
    // accounts: once a month
    SALARY("FOLHA_PAGAMENTO", true, "SALARIO %s", Party.EMPLOYER, 0, 0),
    SERVICE_PACKAGE("PACOTE_TARIFA_SERVICOS", false, "PACOTE DE SERVICOS", Party.NONE, 3_990, 3_990),
    INTEREST("RENDIMENTO_APLIC_FINANCEIRA", true, "RENDIMENTO POUPANCA", Party.NONE, 0, 0),
    // accounts: booked ahead (a future posting) or late (a date in the past)
    SCHEDULED_BOLETO("BOLETO", false, "PAGAMENTO AGENDADO BOLETO %s", Party.PAYEE, 5_000, 120_000),
    SCHEDULED_PIX("PIX", false, "PIX AGENDADO %s", Party.PERSON, 2_000, 80_000),
    CHEQUE_DEPOSIT("DEPOSITO", true, "DEPOSITO CHEQUE COMPENSADO", Party.NONE, 5_000, 150_000),
    // accounts: the monthly sweep that keeps the balance where the bank wants it
    SWEEP_IN("RESGATE_APLIC_FINANCEIRA", true, "RESGATE AUTOMATICO APLICACAO", Party.NONE, 0, 0),
    SWEEP_OUT("TRANSFERENCIA_MESMA_INSTITUICAO", false, "APLICACAO AUTOMATICA", Party.NONE, 0, 0),
    TRANSFER_IN("TRANSFERENCIA_MESMA_INSTITUICAO", true, "TRANSFERENCIA RECEBIDA CONTA CORRENTE", Party.NONE, 0, 0),
    TRANSFER_OUT("TRANSFERENCIA_MESMA_INSTITUICAO", false, "TRANSFERENCIA PARA CONTA CORRENTE", Party.NONE, 0, 0),
    // credit cards
    PURCHASE("OUTROS", false, "%s", Party.SHOP, 500, 30_000),
    FOREIGN_PURCHASE("OUTROS", false, "%s", Party.FOREIGN_SHOP, 500, 20_000),
    REFUND("ESTORNO", true, "ESTORNO %s", Party.SHOP, 800, 20_000),
    CASHBACK("CASHBACK", true, "CASHBACK", Party.NONE, 100, 1_500),
    ANNUAL_FEE("TARIFA", false, "ANUIDADE PARCELA", Party.NONE, 2_990, 2_990),
    BILL_PAYMENT("PAGAMENTO", true, "PAGAMENTO DE FATURA", Party.NONE, 0, 0);

    /** Who a transaction's other party is. */
    enum Party {
        NONE, PERSON, COMPANY, SHOP, FOREIGN_SHOP, PAYEE, EMPLOYER
    }

    /** An account's everyday patterns, by weight, for a person. */
    static final List<Pattern> PERSON_DAY = weighted(PIX_SENT, 30, PIX_RECEIVED, 10, PIX_TO_SHOP, 10, DEBIT_CARD, 25,
            BOLETO, 5, UTILITY, 3, TED_SENT, 2, TED_RECEIVED, 2, TRANSFER_SENT, 3, WITHDRAWAL, 2, CASH_DEPOSIT, 1,
            SERVICE_FEE, 1);
    /** A company account's everyday patterns, by weight. */
    static final List<Pattern> COMPANY_DAY = weighted(PIX_RECEIVED, 30, CARD_SALES, 10, PIX_TO_SHOP, 10, SUPPLIER, 8,
            UTILITY, 3, TED_SENT, 3, TED_RECEIVED, 3, CASH_DEPOSIT, 3, SERVICE_FEE, 1);
    /** A savings account's few movements. */
    static final List<Pattern> SAVINGS_DAY = weighted(CASH_DEPOSIT, 2, PIX_RECEIVED, 1, WITHDRAWAL, 1);
    /** A credit card's. */
    static final List<Pattern> CARD_DAY = weighted(PURCHASE, 40, FOREIGN_PURCHASE, 2, REFUND, 2, CASHBACK, 1);

    private final String wireType;
    private final boolean credit;
    private final String name;
    private final Party party;
    private final long minCents;
    private final long maxCents;

    Pattern(String wireType, boolean credit, String name, Party party, long minCents, long maxCents) {
        this.wireType = wireType;
        this.credit = credit;
        this.name = name;
        this.party = party;
        this.minCents = minCents;
        this.maxCents = maxCents;
    }

    /** accounts v2's {@code type} or credit cards v2's {@code transactionType}. */
    public String wireType() {
        return wireType;
    }

    public boolean credit() {
        return credit;
    }

    Party party() {
        return party;
    }

    /** The transaction's name, given its other party's. */
    String name(String partyName) {
        return name.contains("%s") ? String.format(name, partyName) : name;
    }

    /** An amount of this pattern; a pattern without a range has its amount set by whoever books it. */
    long cents(Draws draws) {
        return minCents == maxCents ? minCents : draws.cents(minCents, maxCents);
    }

    private static List<Pattern> weighted(Object... patternsAndWeights) {
        List<Pattern> all = new ArrayList<>();
        for (int i = 0; i < patternsAndWeights.length; i += 2) {
            for (int w = 0; w < (Integer) patternsAndWeights[i + 1]; w++) {
                all.add((Pattern) patternsAndWeights[i]);
            }
        }
        return List.copyOf(all);
    }
}
