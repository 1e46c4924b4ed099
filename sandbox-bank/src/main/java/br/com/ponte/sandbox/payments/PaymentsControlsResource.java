package br.com.ponte.sandbox.payments;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Development controls (plain HTTP, no authentication: development only): what the bank holds, so a
 * test can count what a client's retries made — one consent, one payment — as the bank sees it.
 */
@Path("/sandbox")
@Tag(name = "Development controls")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentsControlsResource {

    private final PaymentConsents consents;
    private final PixPayments payments;

    public PaymentsControlsResource(PaymentConsents consents, PixPayments payments) {
        this.consents = consents;
        this.payments = payments;
    }

    @GET
    @Path("/payment-consents")
    @Operation(summary = "The ids of every payment consent the bank holds, oldest first")
    public List<String> consents() {
        return consents.ids();
    }

    @GET
    @Path("/pix-payments")
    @Operation(summary = "The ids of the Pix payments made on a consent")
    public List<String> payments(@QueryParam("consentId") String consentId) {
        return consentId == null ? List.of() : payments.idsOfConsent(consentId);
    }
}
