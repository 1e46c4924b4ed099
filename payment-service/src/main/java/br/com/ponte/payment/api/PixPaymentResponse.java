package br.com.ponte.payment.api;

import br.com.ponte.payment.domain.PixPayment;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record PixPaymentResponse(
        String id,
        String consentId,
        String status,
        String transmitterPaymentId,
        String endToEndId,
        String rejectionCode,
        String rejectionDetail,
        Instant creationDateTime,
        Instant statusUpdateDateTime,
        String initiation,
        String initiationError) {

    static PixPaymentResponse of(PixPayment p) {
        return new PixPaymentResponse(p.id.toString(), p.consentId.toString(),
                p.status == null ? null : p.status.wireValue(), p.transmitterPaymentId, p.endToEndId, p.rejectionCode,
                p.rejectionDetail, p.createdAt, p.statusUpdatedAt, p.initiation, p.initiationError);
    }
}
