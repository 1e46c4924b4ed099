package br.com.ponte.sandbox.payments;

import br.com.ponte.sandbox.resource.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

    /** OpenAPI 3.0 schemas, plus the document's own keywords that say nothing about an instance. */
    private static final JsonMetaSchema OPENAPI_30 = JsonMetaSchema.builder(OpenApi30.getInstance())
            .keywords(Stream.of("openapi", "info", "servers", "paths", "components", "tags",
                            "x-pattern-message", "x-required-message")
                    .map(NonValidationKeyword::new).collect(Collectors.toList()))
            .build();

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(OPENAPI_30).defaultMetaSchemaIri(OPENAPI_30.getIri()));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final JsonSchema createConsent = schema("CreatePaymentConsent");
    private final JsonSchema createPixPayment = schema("CreatePixPayment");
    private final JsonSchema patchPixPayment = schema("PatchPixPayment");

    /** Any schema of the document, by its name under {@code components/schemas}. */
    public JsonSchema schema(String name) {
        return factory.getSchema(SchemaLocation.of(DOCUMENT + "#/components/schemas/" + name), config);
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
            throw ApiError.badRequest("PARAMETRO_INVALIDO", describe(errors));
        }
    }

    private static void require(JsonSchema schema, JsonNode claims) {
        Set<ValidationMessage> errors = schema.validate(claims);
        if (errors.isEmpty()) {
            return;
        }
        throw errors.stream().anyMatch(error -> "required".equals(error.getType()))
                ? ApiError.missingParameter(describe(errors))
                : ApiError.invalidParameter(describe(errors));
    }

    private static String describe(Set<ValidationMessage> errors) {
        String all = errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "));
        return all.length() > 2000 ? all.substring(0, 2000) : all;
    }
}
