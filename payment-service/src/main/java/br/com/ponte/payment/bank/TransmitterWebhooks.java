package br.com.ponte.payment.bank;

import br.com.ponte.payment.domain.PixPayment;
import br.com.ponte.payment.domain.PixPayments;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

/**
 * The Open Finance webhook API (webhook 1.2.0) on Ponte's side: a transmitter tells the initiator
 * that a payment changed, and the initiator reads it. The call carries nothing but a timestamp and
 * is not signed, so it is only a hint: it makes the payment's next read due now, and the read (over
 * mutual TLS, signed answer) is what counts. Unknown ids are answered the same way, revealing nothing.
 */
@Path("/open-banking/payments/v4")
@Tag(name = "Open Finance webhooks (transmitters)")
@PermitAll
@Consumes(MediaType.WILDCARD)
public class TransmitterWebhooks {

    private final PixPayments payments;

    public TransmitterWebhooks(PixPayments payments) {
        this.payments = payments;
    }

    @POST
    @Path("/pix/payments/{paymentId}")
    @Operation(summary = "A transmitter's notice that a Pix payment changed: read it now")
    public Uni<Response> paymentChanged(@PathParam("paymentId") String transmitterPaymentId) {
        return Panache.withSession(() -> PixPayment.findByTransmitterPaymentId(transmitterPaymentId))
                .chain(payment -> payment == null ? Uni.createFrom().nullItem() : payments.pollAt(payment.id, Instant.now()))
                .map(ignored -> Response.accepted().build());
    }

    @POST
    @Path("/consents/{consentId}")
    @Operation(summary = "A transmitter's notice that a consent changed (followed by consent-service; acknowledged here)")
    public Response consentChanged(@PathParam("consentId") String consentId) {
        return Response.accepted().build();
    }
}
