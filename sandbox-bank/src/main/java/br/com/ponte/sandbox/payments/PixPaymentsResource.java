package br.com.ponte.sandbox.payments;

import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.oauth.HttpsOnly;
import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.resource.Caller;
import br.com.ponte.sandbox.resource.ConsentKind;
import br.com.ponte.sandbox.resource.IdempotencyKeys;
import br.com.ponte.sandbox.resource.IdempotencyKeys.Answer;
import br.com.ponte.sandbox.resource.OpenFinanceApi;
import br.com.ponte.sandbox.resource.ResourceAccess;
import br.com.ponte.sandbox.resource.ResourceAccess.Grant;
import br.com.ponte.sandbox.resource.SignedBodies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;

/**
 * Payments v4 Pix payments: {@code POST /pix/payments} on the consent the user authorised (one item,
 * or one per scheduled date), {@code GET} and {@code PATCH} (cancellation) of
 * {@code /pix/payments/{paymentId}}, and {@code PATCH /pix/payments/consents/{consentId}} (cancellation
 * of all of a consent's).
 *
 * <p>Once the consent is known to be AUTHORISED, the answer decides its fate as the spec has it: a
 * 422 consumes it, and so does a 201 that leaves no scheduled date without its payment; any other
 * answer (a 5xx, say) leaves it AUTHORISED for another try.
 */
@Path(PaymentsPaths.PIX_PAYMENTS)
@HttpsOnly
@OpenFinanceApi
@Tag(name = "Payments v4")
public class PixPaymentsResource {

    private final ResourceAccess access;
    private final SignedBodies signed;
    private final PaymentsResponses responses;
    private final PaymentsSpec spec;
    private final IdempotencyKeys idempotency;
    private final PaymentConsents consents;
    private final PixPayments payments;
    private final BrandContext bank;
    private final ObjectMapper json;

    public PixPaymentsResource(ResourceAccess access, SignedBodies signed, PaymentsResponses responses,
                               PaymentsSpec spec, IdempotencyKeys idempotency, PaymentConsents consents,
                               PixPayments payments, BrandContext bank, ObjectMapper json) {
        this.access = access;
        this.signed = signed;
        this.responses = responses;
        this.spec = spec;
        this.idempotency = idempotency;
        this.consents = consents;
        this.payments = payments;
        this.bank = bank;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Initiate Pix payments (signed JWT body, authorization code token with consent:<id>)")
    public Response initiate(String body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                             @HeaderParam(HttpHeaders.ACCEPT) String accept,
                             @HeaderParam("x-idempotency-key") String idempotencyKey,
                             @Context HttpServerRequest request) {
        Caller caller = access.authorise(request, authorization, Grant.AUTHORIZATION_CODE, PaymentsPaths.SCOPE,
                ConsentKind.PAYMENT);
        String consentId = caller.consentId();
        PaymentsResponses.requireJwtAccepted(accept);
        PaymentsResponses.requireJwtBody(contentType);
        String key = IdempotencyKeys.require(idempotencyKey);
        JsonNode claims = signed.verify(body, caller.client());
        JsonNode data = claims.path("data");
        Answer answer = idempotency.once(caller.clientId(), PaymentsPaths.PIX_PAYMENTS, key, data, () -> {
            PaymentConsent consent = authorisedConsent(consentId, caller);
            try {
                return new Answer(201, initiate(caller, consent, claims));
            } catch (ApiError refused) {
                if (!consumesConsent(refused)) {
                    throw refused;
                }
                consents.consume(consent.consentId());
                return new Answer(422, responses.sign(refused.body(), caller));
            }
        });
        return PaymentsResponses.jwt(answer.status(), answer.body());
    }

    @GET
    @Path("/{paymentId}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Read a Pix payment (client credentials token, scope payments)")
    public Response read(@PathParam("paymentId") String paymentId,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request) {
        Caller caller = access.authorise(request, authorization, Grant.CLIENT_CREDENTIALS, PaymentsPaths.SCOPE,
                ConsentKind.PAYMENT);
        PaymentsResponses.requireJwtAccepted(accept);
        PixPayment payment = paymentOf(paymentId, caller);
        return PaymentsResponses.jwt(200, responses.sign(PaymentsViews.answer(PaymentsViews.payment(payment),
                bank.url(PaymentsPaths.pixPayment(paymentId))), caller));
    }

    @PATCH
    @Path("/{paymentId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Cancel a PDNG or SCHD Pix payment (signed JWT body, client credentials token)")
    public Response cancel(@PathParam("paymentId") String paymentId, String body,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request) {
        Caller caller = access.authorise(request, authorization, Grant.CLIENT_CREDENTIALS, PaymentsPaths.SCOPE,
                ConsentKind.PAYMENT);
        PaymentsResponses.requireJwtAccepted(accept);
        PaymentsResponses.requireJwtBody(contentType);
        JsonNode claims = signed.verify(body, caller.client());
        spec.requireCancellation(claims);
        paymentOf(paymentId, caller);
        PixPayment cancelled = payments.cancel(paymentId, claims.path("data").path("cancellation").path("cancelledBy"));
        return PaymentsResponses.jwt(200, responses.sign(PaymentsViews.answer(PaymentsViews.payment(cancelled),
                bank.url(PaymentsPaths.pixPayment(paymentId))), caller));
    }

    @PATCH
    @Path("/consents/{consentId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Cancel every PDNG or SCHD Pix payment of a consent (signed JWT body, client credentials token)")
    public Response cancelAll(@PathParam("consentId") String consentId, String body,
                              @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                              @HeaderParam(HttpHeaders.ACCEPT) String accept,
                              @HeaderParam("x-idempotency-key") String idempotencyKey,
                              @Context HttpServerRequest request) {
        Caller caller = access.authorise(request, authorization, Grant.CLIENT_CREDENTIALS, PaymentsPaths.SCOPE,
                ConsentKind.PAYMENT);
        PaymentsResponses.requireJwtAccepted(accept);
        PaymentsResponses.requireJwtBody(contentType);
        String key = IdempotencyKeys.require(idempotencyKey);
        JsonNode claims = signed.verify(body, caller.client());
        String path = PaymentsPaths.pixPaymentsOfConsent(consentId);
        Answer answer = idempotency.once(caller.clientId(), path, key, claims.path("data"), () -> {
            spec.requireCancellation(claims);
            consents.ofClient(consentId, caller.clientId());
            ArrayNode data = json.createArrayNode();
            payments.cancelAll(consentId, claims.path("data").path("cancellation").path("cancelledBy"))
                    .forEach(cancelled -> data.add(PaymentsViews.cancelled(cancelled)));
            return new Answer(200, responses.sign(PaymentsViews.answer(data, bank.url(path)), caller));
        });
        return PaymentsResponses.jwt(answer.status(), answer.body());
    }

    /** Whether the consent of a payment request is used up by this answer (payments v4: a 422 consumes it). */
    private static boolean consumesConsent(ApiError refusal) {
        return refusal.status() == 422 && !"CONSENTIMENTO_INVALIDO".equals(refusal.code())
                && !"CONSENTIMENTO_PENDENTE_AUTORIZACAO".equals(refusal.code());
    }

    /** The token's consent, if it can be paid now; the 422s here do not consume it. */
    private PaymentConsent authorisedConsent(String consentId, Caller caller) {
        PaymentConsent consent = consents.find(consentId).filter(found -> found.clientId().equals(caller.clientId()))
                .orElseThrow(() -> ApiError.forbidden("Consentimento " + consentId + " não encontrado."));
        if (consent.status() == ConsentStatus.PARTIALLY_ACCEPTED) {
            throw ApiError.unprocessable("CONSENTIMENTO_PENDENTE_AUTORIZACAO",
                    "Consentimento pendente autorização de múltiplas alçadas.",
                    "Consentimento pendente autorização de múltiplas alçadas (status “PARTIALLY_ACCEPTED”).");
        }
        if (consent.status() != ConsentStatus.AUTHORISED) {
            throw ApiError.unprocessable("CONSENTIMENTO_INVALIDO", "Consentimento inválido.",
                    "Consentimento em " + consent.status() + ": não pode ser usado.");
        }
        return consent;
    }

    /**
     * The signed 201 answer, once the payments are accepted: one per item, each for its date when the
     * consent is scheduled. Refusals are thrown.
     */
    private String initiate(Caller caller, PaymentConsent consent, JsonNode claims) {
        spec.requirePixPaymentRequest(claims);
        JsonNode items = claims.path("data");
        List<LocalDate> dates = PaymentRules.checkDates(items, consent);
        items.forEach(item -> PaymentRules.checkAgainstConsent(item, consent));
        Scenario scenario = Scenario.forAmount(consent.amount());
        switch (scenario.answer()) {
            case SERVER_ERROR -> throw new ApiError(500, "ERRO_INTERNO", "Erro interno.",
                    "Falha simulada do sandbox (valor " + scenario.amount() + ").");
            case OVERLOADED -> throw new ApiError(529, "SITE_SOBRECARREGADO", "Site sobrecarregado.",
                    "Sobrecarga simulada do sandbox (valor " + scenario.amount() + ").");
            case UNPROCESSABLE -> throw ApiError.unprocessable(scenario.rejection().code(),
                    "Detalhe do pagamento inválido.", scenario.rejection().detail());
            case SLOW -> pause(Scenario.SLOW_ANSWER_SECONDS);
            case CREATED -> {
            }
        }
        consents.pay(consent.consentId(), dates);
        ArrayNode data = json.createArrayNode();
        for (int item = 0; item < items.size(); item++) {
            data.add(PaymentsViews.payment(payments.receive(consent, items.get(item), dates.get(item), scenario)));
        }
        return responses.sign(PaymentsViews.answer(data, bank.url(PaymentsPaths.PIX_PAYMENTS)), caller);
    }

    private PixPayment paymentOf(String paymentId, Caller caller) {
        PixPayment payment = payments.find(paymentId)
                .orElseThrow(() -> ApiError.notFound("Pagamento " + paymentId + " não encontrado."));
        if (!payment.clientId().equals(caller.clientId())) {
            throw ApiError.forbidden("O pagamento não é deste cliente.");
        }
        return payment;
    }

    private static void pause(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
