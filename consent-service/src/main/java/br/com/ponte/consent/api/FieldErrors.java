package br.com.ponte.consent.api;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.ErrorResponse;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in a request body, collected so that the partner gets all of them in one 422
 * (Open Finance's shape): {@code PARAMETRO_NAO_INFORMADO} for a missing field,
 * {@code PARAMETRO_INVALIDO} for an invalid one, the {@code detail} naming the field.
 */
public final class FieldErrors {

    private final List<ErrorResponse.Error> errors = new ArrayList<>();

    public void missing(String field) {
        add("PARAMETRO_NAO_INFORMADO", "Parâmetro não informado", field + " is required");
    }

    public void invalid(String field, String why) {
        add("PARAMETRO_INVALIDO", "Parâmetro inválido", field + " " + why);
    }

    public void add(String code, String title, String detail) {
        errors.add(new ErrorResponse.Error(code, title, detail));
    }

    /** Throws a 422 {@link ApiException} listing every problem, or returns when there is none. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ApiException(422, errors);
        }
    }

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Whether {@code value} is an absolute http or https URL with a host. */
    public static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
