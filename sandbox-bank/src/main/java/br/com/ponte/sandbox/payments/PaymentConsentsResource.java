package br.com.ponte.sandbox.payments;

import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.oauth.HttpsOnly;
import br.com.ponte.sandbox.resource.Caller;
import br.com.ponte.sandbox.resource.ConsentKind;
import br.com.ponte.sandbox.resource.IdempotencyKeys;
import br.com.ponte.sandbox.resource.IdempotencyKeys.Answer;
import br.com.ponte.sandbox.resource.OpenFinanceApi;
import br.com.ponte.sandbox.resource.ResourceAccess;
import br.com.ponte.sandbox.resource.ResourceAccess.Grant;
import br.com.ponte.sandbox.resource.SignedBodies;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

/** Payments v4 consents: {@code POST /consents}, {@code GET /consents/{consentId}}. */
@Path(PaymentsPaths.CONSENTS)
@HttpsOnly
@OpenFinanceApi
@Tag(name = "Payments v4")
public class PaymentConsentsResource {

    private final ResourceAccess access;
    private final SignedBodies signed;
    private final PaymentsResponses responses;
    private final PaymentsSpec spec;
    private final IdempotencyKeys idempotency;
    private final PaymentConsents consents;
    private final BrandContext bank;

    public PaymentConsentsResource(ResourceAccess access, SignedBodies signed, PaymentsResponses responses,
                                   PaymentsSpec spec, IdempotencyKeys idempotency, PaymentConsents consents,
                                   BrandContext bank) {
        this.access = access;
        this.signed = signed;
        this.responses = responses;
        this.spec = spec;
        this.idempotency = idempotency;
        this.consents = consents;
        this.bank = bank;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Create a payment consent (signed JWT body, client credentials token, scope payments)")
    public Response create(String body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
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
        JsonNode data = claims.path("data");
        Answer answer = idempotency.once(caller.clientId(), PaymentsPaths.CONSENTS, key, data, () -> {
            PaymentSchedule.checkQuantity(data.path("payment"));
            spec.requireConsentRequest(claims);
            PaymentRules.checkConsent(data);
            PaymentConsent consent = consents.create(caller.clientId(), data);
            return new Answer(201, responses.sign(PaymentsViews.answer(PaymentsViews.consent(consent),
                    bank.url(PaymentsPaths.consent(consent.consentId()))), caller));
        });
        return PaymentsResponses.jwt(answer.status(), answer.body());
    }

    @GET
    @Path("/{consentId}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Read a payment consent (client credentials token, scope payments)")
    public Response read(@PathParam("consentId") String consentId,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request) {
        Caller caller = access.authorise(request, authorization, Grant.CLIENT_CREDENTIALS, PaymentsPaths.SCOPE,
                ConsentKind.PAYMENT);
        PaymentsResponses.requireJwtAccepted(accept);
        PaymentConsent consent = consents.ofClient(consentId, caller.clientId());
        return PaymentsResponses.jwt(200, responses.sign(PaymentsViews.answer(PaymentsViews.consent(consent),
                bank.url(PaymentsPaths.consent(consentId))), caller));
    }
}
