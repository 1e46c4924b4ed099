package br.com.ponte.payment.bank;

import br.com.ponte.fapi.BankConnection;
import br.com.ponte.fapi.BankConnections;
import br.com.ponte.fapi.Tokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pix payments at the transmitter (payments API v4): create one with the user's token, read and
 * cancel with a client-credentials token (kept per partner and transmitter until a minute before it
 * expires, so polling does not ask for a token per read). Answers come back as they are, verified.
 */
@ApplicationScoped
public class BankPayments {

    static final String PIX_API = "payments-pix";

    private record ClientToken(String token, Instant until) {
    }

    private final BankConnections banks;
    private final Map<String, ClientToken> clientTokens = new ConcurrentHashMap<>();

    public BankPayments(BankConnections banks) {
        this.banks = banks;
    }

    /** {@code POST /pix/payments} with one item; {@code idempotencyKey} makes a resend safe. */
    public Uni<BankConnection.Answer> create(String partnerId, String transmitter, String userAccessToken,
                                             String idempotencyKey, Object paymentData) {
        return banks.open(partnerId, transmitter).chain(bank -> bank.post(bank.server().endpoint(PIX_API),
                userAccessToken, idempotencyKey, List.of(paymentData)));
    }

    /** {@code GET /pix/payments/{paymentId}}. */
    public Uni<BankConnection.Answer> read(String partnerId, String transmitter, String transmitterPaymentId) {
        return banks.open(partnerId, transmitter).chain(bank -> clientToken(partnerId, transmitter, bank)
                .chain(token -> bank.get(bank.server().endpoint(PIX_API) + "/" + transmitterPaymentId, token)));
    }

    /** {@code PATCH /pix/payments/{paymentId}} to CANC, asked by the user with this CPF. */
    public Uni<BankConnection.Answer> cancel(String partnerId, String transmitter, String transmitterPaymentId, String cpf) {
        Map<String, Object> data = Map.of("status", "CANC",
                "cancellation", Map.of("cancelledBy", Map.of("document", Map.of("identification", cpf, "rel", "CPF"))));
        return banks.open(partnerId, transmitter).chain(bank -> clientToken(partnerId, transmitter, bank)
                .chain(token -> bank.patch(bank.server().endpoint(PIX_API) + "/" + transmitterPaymentId, token, null, data)));
    }

    private Uni<String> clientToken(String partnerId, String transmitter, BankConnection bank) {
        String key = partnerId + "|" + transmitter;
        ClientToken kept = clientTokens.get(key);
        if (kept != null && kept.until().isAfter(Instant.now())) {
            return Uni.createFrom().item(kept.token());
        }
        return bank.fapi().clientCredentials(bank.transmitter(), bank.signer(), "payments").map((Tokens tokens) -> {
            clientTokens.put(key, new ClientToken(tokens.accessToken(), Instant.now().plusSeconds(Math.max(0, tokens.expiresIn() - 60))));
            return tokens.accessToken();
        });
    }

    /** Forgets a client token the transmitter refused (401), so the next call asks for a new one. */
    public void forgetClientToken(String partnerId, String transmitter) {
        clientTokens.remove(partnerId + "|" + transmitter);
    }
}
