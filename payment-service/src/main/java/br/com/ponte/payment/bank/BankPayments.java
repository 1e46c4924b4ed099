package br.com.ponte.payment.bank;

import br.com.ponte.fapi.BankConnection;
import br.com.ponte.fapi.BankConnections;
import br.com.ponte.fapi.PaymentsApi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Pix payments at the transmitter (payments API v4): create one with the user's token, read and
 * cancel with a client-credentials token (which the bank connection keeps between calls, so
 * polling does not ask for a token per read). Answers come back as they are, verified.
 */
@ApplicationScoped
public class BankPayments {

    private final BankConnections banks;

    public BankPayments(BankConnections banks) {
        this.banks = banks;
    }

    /** {@code POST /pix/payments} with one item; {@code idempotencyKey} makes a resend safe. */
    public Uni<BankConnection.Answer> create(String partnerId, String transmitter, String userAccessToken,
                                             String idempotencyKey, Object paymentData) {
        return banks.open(partnerId, transmitter).chain(bank -> bank.post(bank.server().endpoint(PaymentsApi.PIX),
                userAccessToken, idempotencyKey, List.of(paymentData)));
    }

    /** {@code GET /pix/payments/{paymentId}}. */
    public Uni<BankConnection.Answer> read(String partnerId, String transmitter, String transmitterPaymentId) {
        return banks.open(partnerId, transmitter).chain(bank -> bank.withClientToken("payments",
                token -> bank.get(bank.server().endpoint(PaymentsApi.PIX) + "/" + transmitterPaymentId, token)));
    }

    /** {@code PATCH /pix/payments/{paymentId}} to CANC, asked by the user with this CPF. */
    public Uni<BankConnection.Answer> cancel(String partnerId, String transmitter, String transmitterPaymentId, String cpf) {
        return banks.open(partnerId, transmitter).chain(bank -> bank.withClientToken("payments",
                token -> bank.patch(bank.server().endpoint(PaymentsApi.PIX) + "/" + transmitterPaymentId, token, null,
                        PaymentsApi.cancellation(cpf))));
    }
}
