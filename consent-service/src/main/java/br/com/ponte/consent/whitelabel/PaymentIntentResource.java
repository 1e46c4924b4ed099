package br.com.ponte.consent.whitelabel;

import br.com.ponte.consent.api.ConsentRequestValidator;
import br.com.ponte.consent.api.PaymentConsentRequest;
import br.com.ponte.consent.config.ConsentConfig;
import br.com.ponte.consent.domain.PaymentConsent;
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

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * The whitelabel track's partner calls: create a payment intent (call 1), send the user to its
 * {@code url} (call 2, the partner's own redirect), read the outcome (call 3).
 */
@Path("/v1/payment-intents")
@Tag(name = "Payment intents (whitelabel track)")
@SecurityRequirement(name = "partnerToken")
@RolesAllowed(CurrentPartner.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PaymentIntentResource {

    private final CurrentPartner partner;
    private final ConsentConfig config;

    public PaymentIntentResource(CurrentPartner partner, ConsentConfig config) {
        this.partner = partner;
        this.config = config;
    }

    @POST
    @Operation(summary = "Create a payment intent",
            description = "The body of POST /v1/payment-consents without transmitter (the user chooses the bank; sending "
                    + "one is 422 PARAMETRO_INVALIDO), validated the same way, every problem in one 422. Answers 201 with "
                    + "status AWAITING_BANK_CHOICE and the url to send the user to: Ponte's screens, in the partner's "
                    + "whitelabel, where the user chooses the bank, reviews the payment and goes to the bank to authorise "
                    + "it, then lands on a result page linking back to redirectUri with intentId, consentId and status. "
                    + "The id in the url is all the user needs: share it only with the user. A bank must be chosen "
                    + "within the authorisation window (5 minutes), after which the intent is EXPIRED.")
    public Uni<Response> create(PaymentConsentRequest request) {
        Instant now = EventTime.now();
        ConsentRequestValidator.validateWithoutTransmitter(request);
        PaymentIntent intent = PaymentIntent.awaitingBankChoice(partner.id(), request, now, config.authorisationWindow());
        return Panache.withTransaction(intent::persist).map(stored -> Response
                .created(URI.create("/v1/payment-intents/" + intent.id))
                .entity(PaymentIntentResponse.of(intent, null, config.publicUrlOf(intent.screenPath()), now))
                .build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a payment intent",
            description = "Its status (AWAITING_BANK_CHOICE, BANK_CHOSEN or EXPIRED), the url, and once the user chose a "
                    + "bank: transmitter, consentId and the consent's current status (consentStatus: "
                    + "AWAITING_AUTHORISATION, AUTHORISED, REJECTED, CONSUMED, ...) with its rejectionReason. The consent "
                    + "itself is readable at GET /v1/payment-consents/{consentId}, and its events reach the partner's "
                    + "webhooks as on the API track. 404 NAO_ENCONTRADO for an unknown id or another partner's intent.")
    public Uni<PaymentIntentResponse> get(@PathParam("id") String id) {
        UUID intentId = ApiException.uuidOrNotFound(id, "payment intent");
        String partnerId = partner.id();
        Instant now = EventTime.now();
        return Panache.withSession(() -> PaymentIntent.findForPartner(intentId, partnerId)
                .chain(intent -> {
                    if (intent == null) {
                        throw ApiException.notFound("No payment intent " + id);
                    }
                    Uni<PaymentConsent> consent = intent.consentId == null ? Uni.createFrom().nullItem()
                            : PaymentConsent.findById(intent.consentId);
                    return consent.map(c -> PaymentIntentResponse.of(intent, c, config.publicUrlOf(intent.screenPath()), now));
                }));
    }
}
