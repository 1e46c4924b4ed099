package br.com.ponte.sandbox.resource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * An error answer of an Open Finance API the bank serves: HTTP status and Open Finance's
 * {@code {"errors":[{"code","title","detail"}],"meta"}}. The payments API signs its 422s (see
 * {@link ApiErrorMapper}); every other answer is plain JSON.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final long retryAfterSeconds;

    public ApiError(int status, String code, String title, String detail) {
        this(status, code, title, detail, 0);
    }

    private ApiError(int status, String code, String title, String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429: a limit was reached; the caller may try again in {@code retryAfterSeconds} ({@code Retry-After}). */
    public static ApiError tooManyRequests(String detail, long retryAfterSeconds) {
        return new ApiError(429, "TOO_MANY_REQUESTS", "Muitas requisições.", detail, retryAfterSeconds);
    }

    public static ApiError unprocessable(String code, String title, String detail) {
        return new ApiError(422, code, title, detail);
    }

    public static ApiError invalidParameter(String detail) {
        return unprocessable("PARAMETRO_INVALIDO", "Parâmetro inválido.", detail);
    }

    public static ApiError missingParameter(String detail) {
        return unprocessable("PARAMETRO_NAO_INFORMADO", "Parâmetro não informado.", detail);
    }

    public static ApiError badRequest(String code, String detail) {
        return new ApiError(400, code, "Requisição malformada.", detail);
    }

    public static ApiError unauthorized(String detail) {
        return new ApiError(401, "UNAUTHORIZED", "Não autorizado.", detail);
    }

    public static ApiError forbidden(String detail) {
        return new ApiError(403, "FORBIDDEN", "Acesso negado.", detail);
    }

    public static ApiError notFound(String detail) {
        return new ApiError(404, "NOT_FOUND", "Recurso não encontrado.", detail);
    }

    public static ApiError notAcceptable(String detail) {
        return new ApiError(406, "NOT_ACCEPTABLE", "Formato não aceito.", detail);
    }

    public static ApiError unsupportedMediaType(String detail) {
        return new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Formato não suportado.", detail);
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

    /** For a 429, how long until a call may succeed, in seconds. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The spec's {@code ResponseError}: {@code {"errors":[{"code","title","detail"}],"meta":{"requestDateTime"}}}. */
    public ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("errors").addObject().put("code", code).put("title", title).put("detail", getMessage());
        body.putObject("meta").put("requestDateTime", WireFormat.dateTime(Instant.now()));
        return body;
    }
}
