package br.com.ponte.sandbox.payments;

import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.resource.OpenApiDocument;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * The official payments 4.0.0 OpenAPI document ({@code ofb/payments_4.0.0.yml}, a copy of the
 * shared {@code ofb/} one), read once, as the judge of the request bodies the API receives: what it
 * refuses is answered 422 {@code PARAMETRO_NAO_INFORMADO} (a required field is missing) or
 * {@code PARAMETRO_INVALIDO}. Read at start, so that a broken copy stops the sandbox at once.
 */
@Startup
@ApplicationScoped
public class PaymentsSpec {

    static final String DOCUMENT = "classpath:ofb/payments_4.0.0.yml";

    private final OpenApiDocument document = new OpenApiDocument(DOCUMENT);
    private final JsonSchema createConsent = schema("CreatePaymentConsent");
    private final JsonSchema createPixPayment = schema("CreatePixPayment");
    private final JsonSchema patchPixPayment = schema("PatchPixPayment");

    /** Any schema of the document, by its name under {@code components/schemas}. */
    public JsonSchema schema(String name) {
        return document.schema(name);
    }

    void requireConsentRequest(JsonNode claims) {
        require(createConsent, claims);
    }

    void requirePixPaymentRequest(JsonNode claims) {
        require(createPixPayment, claims);
    }

    void requireCancellation(JsonNode claims) {
        Set<ValidationMessage> errors = patchPixPayment.validate(claims);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("PARAMETRO_INVALIDO", OpenApiDocument.describe(errors));
        }
    }

    private static void require(JsonSchema schema, JsonNode claims) {
        Set<ValidationMessage> errors = schema.validate(claims);
        if (errors.isEmpty()) {
            return;
        }
        throw errors.stream().anyMatch(error -> "required".equals(error.getType()))
                ? ApiError.missingParameter(OpenApiDocument.describe(errors))
                : ApiError.invalidParameter(OpenApiDocument.describe(errors));
    }
}
