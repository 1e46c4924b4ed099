package br.com.ponte.consent.authorisation;

import br.com.ponte.fapi.BankConnection;
import br.com.ponte.fapi.BankConnections;
import br.com.ponte.fapi.FapiException;
import br.com.ponte.kit.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * A partner's connection to a transmitter for any kind of consent, and the one way a bank's
 * failure becomes the partner's error: 422 for what the partner can fix (an unknown transmitter,
 * no client or certificates there), 502 when the bank answered uselessly, 504 when it did not answer.
 */
@ApplicationScoped
public class Transmitters {

    private static final Logger LOG = Logger.getLogger(Transmitters.class);

    private final BankConnections banks;

    public Transmitters(BankConnections banks) {
        this.banks = banks;
    }

    public Uni<BankConnection> open(String partnerId, String transmitter) {
        return banks.open(partnerId, transmitter)
                .onFailure(FapiException.class).transform(e -> {
                    FapiException f = (FapiException) e;
                    if ("unknown_transmitter".equals(f.error())) {
                        return ApiException.unprocessable("PARAMETRO_INVALIDO",
                                "transmitter " + transmitter + " is no authorisation server in the directory");
                    }
                    if (f.error().startsWith("vault_")) {
                        return ApiException.unprocessable("CREDENCIAIS_AUSENTES", "The partner has no client at transmitter "
                                + transmitter + " or no active certificates in the vault (" + f.error() + ")");
                    }
                    return f;
                });
    }

    /** The bank answered, but not usefully: 502 {@code ERRO_TRANSMISSORA}. */
    public static ApiException unavailable(String transmitter, Object subject, int status, String code) {
        LOG.warnf("Transmitter %s answered HTTP %d (%s) for %s", transmitter, status, code, subject);
        return new ApiException(502, "ERRO_TRANSMISSORA", "Transmitter error",
                "The transmitter answered HTTP " + status + " (" + code + "); retry with the same x-idempotency-key");
    }

    /** The bank could not be reached (504) or its answer could not be used (502): {@code TRANSMISSORA_INDISPONIVEL}. */
    public static ApiException unavailable(String transmitter, Object subject, FapiException e) {
        LOG.warnf("Calling transmitter %s for %s failed: %s %s", transmitter, subject, e.error(), e.getMessage());
        if (e.error().equals("transmitter_circuit_open") || e.error().equals("transmitter_busy")) {
            return new ApiException(503, "TRANSMISSORA_INDISPONIVEL", "Transmitter unavailable", "The transmitter was not called: "
                    + e.getMessage() + "; retry with the same x-idempotency-key");
        }
        // 504 only when no answer came; an answer that failed its checks (a signature, an interaction id) is 502
        return new ApiException(e.error().equals("transport_error") ? 504 : 502, "TRANSMISSORA_INDISPONIVEL", "Transmitter unavailable",
                "The transmitter could not be reached or answered unexpectedly (" + e.error()
                        + "); retry with the same x-idempotency-key");
    }
}
