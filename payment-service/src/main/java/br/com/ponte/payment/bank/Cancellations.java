package br.com.ponte.payment.bank;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.ErrorResponse;
import br.com.ponte.payment.domain.PixPayment;
import br.com.ponte.payment.domain.PixPayments;
import br.com.ponte.payment.domain.PixStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/** Cancels a held (PDNG) or scheduled (SCHD) payment at the transmitter, for the consent's user. */
@ApplicationScoped
public class Cancellations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BankPayments bank;
    private final PixPayments payments;

    public Cancellations(BankPayments bank, PixPayments payments) {
        this.bank = bank;
        this.payments = payments;
    }

    public Uni<PixPayment> cancel(String partnerId, UUID paymentId) {
        return Panache.withSession(() -> PixPayment.findForPartner(paymentId, partnerId)).chain(payment -> {
            if (payment == null) {
                throw ApiException.notFound("No Pix payment " + paymentId);
            }
            if (payment.status != PixStatus.PDNG && payment.status != PixStatus.SCHD) {
                throw ApiException.unprocessable("PAGAMENTO_NAO_PERMITE_CANCELAMENTO", "The payment is "
                        + (payment.status == null ? "not initiated" : payment.status.wireValue())
                        + "; only PDNG and SCHD payments can be cancelled");
            }
            return bank.cancel(partnerId, payment.transmitter, payment.transmitterPaymentId, loggedUser(payment))
                    .chain(answer -> {
                        if (answer.status() == 200) {
                            PaymentReport report = PaymentReport.of(answer.data());
                            return payments.reported(payment.id, report.status(), report.code(), report.detail());
                        }
                        throw new ApiException(answer.status() == 422 ? 422 : 502, List.of(new ErrorResponse.Error(
                                answer.errorCode(), "Cancelamento recusado", answer.errorDetail() == null
                                ? "The transmitter answered HTTP " + answer.status() : answer.errorDetail())));
                    });
        });
    }

    private static String loggedUser(PixPayment payment) {
        try {
            return JSON.readTree(payment.consent).path("loggedUser").path("document").path("identification").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
