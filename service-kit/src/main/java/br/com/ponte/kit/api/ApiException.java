package br.com.ponte.kit.api;

import java.util.List;

/**
 * A request Ponte refuses, with the HTTP status and Open Finance error(s) to answer. Thrown by
 * resources and domain code; mapped to {@link ErrorResponse} by {@link ErrorMappers}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<ErrorResponse.Error> errors;

    public ApiException(int status, String code, String title, String detail) {
        this(status, List.of(new ErrorResponse.Error(code, title, detail)));
    }

    public ApiException(int status, List<ErrorResponse.Error> errors) {
        super(errors.isEmpty() ? "error" : errors.get(0).code() + ": " + errors.get(0).detail());
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public List<ErrorResponse.Error> errors() {
        return errors;
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(400, code, "Requisição malformada", detail);
    }

    public static ApiException unprocessable(String code, String detail) {
        return new ApiException(422, code, "Parâmetro inválido", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "NAO_ENCONTRADO", "Recurso não encontrado", detail);
    }

    /** A path id that is not a UUID names nothing: 404 "No {what} {id}", as for an unknown one. */
    public static java.util.UUID uuidOrNotFound(String id, String what) {
        try {
            return java.util.UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound("No " + what + " " + id);
        }
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "NAO_AUTORIZADO", "Não autorizado", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "PROIBIDO", "Proibido", detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(409, code, "Conflito", detail);
    }

    /**
     * Something this service depends on cannot answer right now (not the partner's fault, nor the
     * bank's): 503 {@code SERVICO_INDISPONIVEL}, answered with {@code Retry-After}.
     */
    public static ApiException unavailable(String detail) {
        return new ApiException(503, "SERVICO_INDISPONIVEL", "Serviço indisponível", detail);
    }
}
