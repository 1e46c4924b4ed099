package br.com.ponte.consent.api;

import br.com.ponte.consent.domain.PaymentConsent;
import br.com.ponte.consent.domain.PaymentConsents;
import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventTime;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.security.CurrentPartner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

@Path("/v1/payment-consents")
@Tag(name = "Payment consents")
@SecurityRequirement(name = "partnerToken")
@RolesAllowed(CurrentPartner.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PaymentConsentResource {

    private final PaymentConsents consents;
    private final CurrentPartner partner;
    private final br.com.ponte.consent.config.ConsentConfig config;

    public PaymentConsentResource(PaymentConsents consents, CurrentPartner partner,
                                  br.com.ponte.consent.config.ConsentConfig config) {
        this.consents = consents;
        this.partner = partner;
        this.config = config;
    }

    @POST
    @Operation(summary = "Create a payment consent",
            description = "Validates the Open Finance consent request and stores the consent as AWAITING_AUTHORISATION; "
                    + "emits before:consent:create and after:consent:create.")
    public Uni<Response> create(PaymentConsentRequest request) {
        Instant receivedAt = EventTime.now();
        ConsentRequestValidator.validate(request);
        PaymentConsent consent = PaymentConsent.awaitingAuthorisation(partner.id(), receivedAt, config.authorisationWindow());
        consent.transmitter = request.transmitter().strip();
        consent.redirectUri = request.redirectUri();
        consent.loggedUserDocument = request.loggedUser().document().identification();
        if (request.businessEntity() != null && request.businessEntity().document() != null) {
            consent.businessEntityDocument = request.businessEntity().document().identification();
        }
        consent.creditorName = request.creditor().name();
        consent.creditorPersonType = request.creditor().personType();
        consent.creditorCpfCnpj = request.creditor().cpfCnpj();
        consent.amount = new BigDecimal(request.payment().amount());
        consent.currency = request.payment().currency();
        consent.paymentDate = request.payment().date() == null ? null : LocalDate.parse(request.payment().date());
        consent.request = EventCodec.toTree(request).toString();
        return consents.create(consent, receivedAt).map(created -> Response
                .created(URI.create("/v1/payment-consents/" + created.id))
                .entity(PaymentConsentResponse.of(created))
                .build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a payment consent")
    public Uni<PaymentConsentResponse> get(@PathParam("id") String id) {
        UUID consentId = ApiException.uuidOrNotFound(id, "payment consent");
        String partnerId = partner.id();
        return Panache.withSession(() -> PaymentConsent.findForPartner(consentId, partnerId))
                .map(consent -> {
                    if (consent == null) {
                        throw ApiException.notFound("No payment consent " + id);
                    }
                    return PaymentConsentResponse.of(consent);
                });
    }
}
