package br.com.ponte.payment.api;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.IdempotencyKeys;
import br.com.ponte.kit.api.ErrorResponse;
import br.com.ponte.kit.security.CurrentPartner;
import br.com.ponte.payment.bank.Cancellations;
import br.com.ponte.payment.bank.Initiations;
import br.com.ponte.payment.domain.PixPayment;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

@Path("/v1/pix/payments")
@Tag(name = "Pix payments")
@SecurityRequirement(name = "partnerToken")
@RolesAllowed(CurrentPartner.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PixPaymentResource {

    private static final Pattern CNPJ = Pattern.compile("^\\d{14}$");

    private final CurrentPartner partner;
    private final Initiations initiations;
    private final Cancellations cancellations;

    public PixPaymentResource(CurrentPartner partner, Initiations initiations, Cancellations cancellations) {
        this.partner = partner;
        this.initiations = initiations;
        this.cancellations = cancellations;
    }

    @POST
    @Operation(summary = "Initiate a Pix payment on an authorised consent",
            description = "Builds the payment from the consent (amount, creditor account, proxy or QR code) and sends it to "
                    + "the transmitter. 201 with the payment: RCVD (or PDNG, SCHD) when the transmitter accepted it, RJCT with "
                    + "its code when it refused it (its 422); both consume the consent. 422 CONSENTIMENTO_INVALIDO when the "
                    + "consent is not AUTHORISED. 502/504 when the transmitter did not answer usefully: nothing was "
                    + "initiated, the consent stays AUTHORISED; retry with the same x-idempotency-key. The status is then "
                    + "followed at the transmitter (payment:status:changed, consent:polling, consent:finish).")
    public Uni<Response> initiate(@HeaderParam("x-idempotency-key") String idempotencyKey, PixPaymentRequest request) {
        IdempotencyKeys.check(idempotencyKey);
        UUID consentId = validate(request);
        String partnerId = partner.id();
        return initiations.initiate(partnerId, consentId, new Initiations.Instruction(request.cnpjInitiator(),
                        request.remittanceInformation(), request.transactionIdentification(),
                        request.date() == null ? null : java.time.LocalDate.parse(request.date())), idempotencyKey,
                        IdempotencyKeys.requestHash(request))
                .map(payment -> Response.created(URI.create("/v1/pix/payments/" + payment.id))
                        .entity(PixPaymentResponse.of(payment)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a Pix payment",
            description = "The payment's current status, as last read at the transmitter. Another partner's payment is answered as not found.")
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

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Cancel a Pix payment held for analysis (PDNG) or scheduled (SCHD)",
            description = "Asks the transmitter to cancel it on the user's behalf (the consent's logged user). 200 with the "
                    + "payment CANC; 422 PAGAMENTO_NAO_PERMITE_CANCELAMENTO in any other status.")
    public Uni<PixPaymentResponse> cancel(@PathParam("id") String id) {
        UUID paymentId = ApiException.uuidOrNotFound(id, "Pix payment");
        return cancellations.cancel(partner.id(), paymentId).map(PixPaymentResponse::of);
    }

    private static UUID validate(PixPaymentRequest request) {
        if (request == null) {
            throw ApiException.badRequest("PARAMETRO_NAO_INFORMADO", "The request body is required");
        }
        List<ErrorResponse.Error> errors = new ArrayList<>();
        UUID consentId = null;
        if (request.consentId() == null || request.consentId().isBlank()) {
            errors.add(new ErrorResponse.Error("PARAMETRO_NAO_INFORMADO", "Parâmetro não informado", "consentId is required"));
        } else {
            try {
                consentId = UUID.fromString(request.consentId());
            } catch (IllegalArgumentException e) {
                errors.add(new ErrorResponse.Error("PARAMETRO_INVALIDO", "Parâmetro inválido", "consentId is not a Ponte consent id"));
            }
        }
        if (request.cnpjInitiator() == null || request.cnpjInitiator().isBlank()) {
            errors.add(new ErrorResponse.Error("PARAMETRO_NAO_INFORMADO", "Parâmetro não informado", "cnpjInitiator is required"));
        } else if (!CNPJ.matcher(request.cnpjInitiator()).matches()) {
            errors.add(new ErrorResponse.Error("PARAMETRO_INVALIDO", "Parâmetro inválido", "cnpjInitiator must be 14 digits"));
        }
        if (request.date() != null) {
            try {
                java.time.LocalDate.parse(request.date());
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(new ErrorResponse.Error("PARAMETRO_INVALIDO", "Parâmetro inválido", "date must be yyyy-MM-dd"));
            }
        }
        if (request.remittanceInformation() != null && request.remittanceInformation().length() > 140) {
            errors.add(new ErrorResponse.Error("PARAMETRO_INVALIDO", "Parâmetro inválido", "remittanceInformation has more than 140 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(422, errors);
        }
        return consentId;
    }
}
