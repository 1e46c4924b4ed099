package br.com.ponte.sandbox.payments;

import java.util.Arrays;
import java.util.List;

import static br.com.ponte.sandbox.payments.PaymentStatus.ACCP;
import static br.com.ponte.sandbox.payments.PaymentStatus.ACPD;
import static br.com.ponte.sandbox.payments.PaymentStatus.ACSC;
import static br.com.ponte.sandbox.payments.PaymentStatus.PDNG;
import static br.com.ponte.sandbox.payments.PaymentStatus.RJCT;

/**
 * What the sandbox does with a Pix payment, chosen by its amount so that an initiator can provoke
 * every answer a real bank may give (the table in the README). Any other amount is settled.
 *
 * <p>{@code path} is the statuses the payment goes through after RCVD, one per
 * {@code sandbox.payment.step}; a path ending in RJCT rejects it with {@code rejection}. A scheduled
 * payment takes its path after SCHD, on its date ({@link #scheduledPath}).
 */
public enum Scenario {
    SETTLED(null, Answer.CREATED, List.of(ACCP, ACPD, ACSC), null),
    INSUFFICIENT_BALANCE("1001.01", Answer.CREATED, List.of(RJCT), new Reason("SALDO_INSUFICIENTE",
            "A conta selecionada não possui saldo suficiente para realizar o pagamento.")),
    ABOVE_LIMIT("1001.02", Answer.CREATED, List.of(RJCT), new Reason("VALOR_ACIMA_LIMITE",
            "O valor ultrapassa a faixa de limite parametrizada na detentora.")),
    INVALID_AMOUNT("1001.03", Answer.CREATED, List.of(RJCT), new Reason("VALOR_INVALIDO",
            "O valor enviado não é válido para o QR Code informado.")),
    INVALID_CHARGE("1001.04", Answer.CREATED, List.of(RJCT), new Reason("COBRANCA_INVALIDA",
            "Cobrança expirada ou vencida.")),
    NOT_INFORMED("1001.05", Answer.CREATED, List.of(RJCT), new Reason("NAO_INFORMADO",
            "Não reportado/identificado pela instituição detentora de conta (suspeita de fraude).")),
    DIVERGENT_FROM_CONSENT("1001.06", Answer.CREATED, List.of(RJCT), new Reason("PAGAMENTO_DIVERGENTE_CONSENTIMENTO",
            "Dados do pagamento divergentes dos dados do consentimento.")),
    INVALID_DETAIL("1001.07", Answer.CREATED, List.of(RJCT), new Reason("DETALHE_PAGAMENTO_INVALIDO",
            "Parâmetro creditorAccount não obedece às regras de negócio.")),
    REFUSED_BY_HOLDER("1001.08", Answer.CREATED, List.of(ACCP, RJCT), new Reason("PAGAMENTO_RECUSADO_DETENTORA",
            "Conta bloqueada.")),
    REFUSED_BY_SPI("1001.09", Answer.CREATED, List.of(ACCP, ACPD, RJCT), new Reason("PAGAMENTO_RECUSADO_SPI",
            "AC03: conta do recebedor inválida.")),
    INFRASTRUCTURE_FAILURE("1001.10", Answer.CREATED, List.of(ACCP, ACPD, RJCT), new Reason("FALHA_INFRAESTRUTURA",
            "Falha de infraestrutura na detentora.")),
    PENDING("1002.00", Answer.CREATED, List.of(PDNG), null),
    /** Accepted (201 RCVD, consent consumed); the asynchronous DICT check refuses the key on a later poll. */
    DICT_REJECTION("1003.00", Answer.CREATED, List.of(RJCT), new Reason("DETALHE_PAGAMENTO_INVALIDO",
            "Chave Pix não encontrada no DICT.")),
    /** 422 at creation (the synchronous DICT check): the consent is consumed. */
    REFUSED_AT_CREATION("1004.00", Answer.UNPROCESSABLE, List.of(), new Reason("DETALHE_PAGAMENTO_INVALIDO",
            "Parâmetro proxy não obedece às regras de negócio: chave Pix inválida.")),
    /** 500: the consent stays AUTHORISED and may be used again. */
    SERVER_ERROR("1005.00", Answer.SERVER_ERROR, List.of(), null),
    /** 529: the consent stays AUTHORISED and may be used again. */
    OVERLOADED("1005.29", Answer.OVERLOADED, List.of(), null),
    /** Answers after {@link #SLOW_ANSWER_SECONDS} seconds, then settles. */
    SLOW("1006.00", Answer.SLOW, List.of(ACCP, ACPD, ACSC), null);

    public static final int SLOW_ANSWER_SECONDS = 3;

    /** How the creation request is answered. */
    public enum Answer {
        CREATED, SLOW, UNPROCESSABLE, SERVER_ERROR, OVERLOADED
    }

    private final String amount;
    private final Answer answer;
    private final List<PaymentStatus> path;
    private final Reason rejection;

    Scenario(String amount, Answer answer, List<PaymentStatus> path, Reason rejection) {
        this.amount = amount;
        this.answer = answer;
        this.path = path;
        this.rejection = rejection;
    }

    public static Scenario forAmount(String amount) {
        return Arrays.stream(values()).filter(scenario -> amount != null && amount.equals(scenario.amount))
                .findFirst().orElse(SETTLED);
    }

    public String amount() {
        return amount;
    }

    public Answer answer() {
        return answer;
    }

    public List<PaymentStatus> path() {
        return path;
    }

    /**
     * The path of a scheduled payment once its date comes: this one, so that a rejection happens when
     * the spec checks balance and limits (at settlement); settled for one that SCHD cannot lead to
     * (holding for analysis).
     */
    public List<PaymentStatus> scheduledPath() {
        return PaymentStatus.SCHD.canBecome(path.get(0)) ? path : SETTLED.path;
    }

    public Reason rejection() {
        return rejection;
    }
}
