package br.com.ponte.sandbox.directory;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A refused directory call, answered in Open Finance's error shape {@code {"errors":[{"code","title","detail"}]}}. */
public final class DirectoryError extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;

    private DirectoryError(int status, String code, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public static DirectoryError invalid(String detail) {
        return new DirectoryError(400, "PARAMETRO_INVALIDO", "Invalid parameter", detail);
    }

    public static DirectoryError conflict(String detail) {
        return new DirectoryError(409, "CONFLITO", "Conflict", detail);
    }

    public static DirectoryError notFound(String detail) {
        return new DirectoryError(404, "NAO_ENCONTRADO", "Not found", detail);
    }

    public record Body(@JsonProperty("errors") List<Error> errors) {
    }

    public record Error(@JsonProperty("code") String code, @JsonProperty("title") String title,
                        @JsonProperty("detail") String detail) {
    }

    public int status() {
        return status;
    }

    public Body body() {
        return new Body(List.of(new Error(code, title, getMessage())));
    }
}
