package br.com.ponte.collection.api;

import br.com.ponte.kit.api.ApiException;

import java.time.Instant;

/** The partner API's refusals that service-kit does not name. */
final class Problems {

    private Problems() {
    }

    /** 429: the month's operational limit (with the reserve, for live reads) is spent at this bank. */
    static ApiException budgetExhausted(String detail) {
        return new ApiException(429, "LIMITE_OPERACIONAL_ATINGIDO", "Limite operacional atingido", detail);
    }

    static ApiException invalid(String parameter, String detail) {
        return ApiException.badRequest("PARAMETRO_INVALIDO", parameter + ": " + detail);
    }

    static ApiException consentEnded(String status) {
        return ApiException.unprocessable("CONSENTIMENTO_INVALIDO", "The sharing consent is " + status
                + ": its data can be read as collected, nothing more is collected");
    }

    static ApiException transmitter(int status, String detail) {
        return new ApiException(status, "ERRO_TRANSMISSORA", "Erro na instituição transmissora", detail);
    }

    static String at(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
