package br.com.ponte.sandbox.payments;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * An error answer of the payments API: HTTP status and Open Finance's
 * {@code {"errors":[{"code","title","detail"}],"meta"}}. 422s are signed JWTs, as the spec has them;
 * the others plain JSON.
 */
public final class PaymentsError extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;

    public PaymentsError(int status, String code, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    static PaymentsError unprocessable(String code, String title, String detail) {
        return new PaymentsError(422, code, title, detail);
    }

    static PaymentsError invalidParameter(String detail) {
        return unprocessable("PARAMETRO_INVALIDO", "Parâmetro inválido.", detail);
    }

    static PaymentsError missingParameter(String detail) {
        return unprocessable("PARAMETRO_NAO_INFORMADO", "Parâmetro não informado.", detail);
    }

    static PaymentsError invalidPaymentDetail(String detail) {
        return unprocessable("DETALHE_PAGAMENTO_INVALIDO", "Detalhe do pagamento inválido.", detail);
    }

    static PaymentsError invalidPaymentDate(String detail) {
        return unprocessable("DATA_PAGAMENTO_INVALIDA", "Data de pagamento inválida.", detail);
    }

    static PaymentsError badRequest(String code, String detail) {
        return new PaymentsError(400, code, "Requisição malformada.", detail);
    }

    static PaymentsError unauthorized(String detail) {
        return new PaymentsError(401, "UNAUTHORIZED", "Não autorizado.", detail);
    }

    static PaymentsError forbidden(String detail) {
        return new PaymentsError(403, "FORBIDDEN", "Acesso negado.", detail);
    }

    static PaymentsError notFound(String detail) {
        return new PaymentsError(404, "NOT_FOUND", "Recurso não encontrado.", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** Whether the consent of a payment request is used up by this answer (payments v4: a 422 consumes it). */
    boolean consumesConsent() {
        return status == 422 && !"CONSENTIMENTO_INVALIDO".equals(code) && !"CONSENTIMENTO_PENDENTE_AUTORIZACAO".equals(code);
    }

    /** The spec's {@code ResponseError}: {@code {"errors":[{"code","title","detail"}],"meta":{"requestDateTime"}}}. */
    ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("errors").addObject().put("code", code).put("title", title).put("detail", getMessage());
        body.putObject("meta").put("requestDateTime", WireFormat.dateTime(Instant.now()));
        return body;
    }
}
