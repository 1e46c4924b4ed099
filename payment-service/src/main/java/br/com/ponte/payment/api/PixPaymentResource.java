package br.com.ponte.payment.api;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.security.CurrentPartner;
import br.com.ponte.payment.domain.PixPayment;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/v1/pix/payments")
@Tag(name = "Pix payments")
@SecurityRequirement(name = "partnerToken")
@RolesAllowed(CurrentPartner.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class PixPaymentResource {

    private final CurrentPartner partner;

    public PixPaymentResource(CurrentPartner partner) {
        this.partner = partner;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a Pix payment",
            description = "The payment's current status at the transmitter. Another partner's payment is answered as not found.")
    public Uni<PixPaymentResponse> get(@PathParam("id") String id) {
        UUID paymentId = ApiException.uuidOrNotFound(id, "Pix payment");
        String partnerId = partner.id();
        return Panache.withSession(() -> PixPayment.findForPartner(paymentId, partnerId))
                .map(payment -> {
                    if (payment == null) {
                        throw ApiException.notFound("No Pix payment " + id);
                    }
                    return PixPaymentResponse.of(payment);
                });
    }
}
