package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.payments.PaymentsSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks bodies against the payments 4.0.0 OpenAPI document the sandbox itself reads
 * ({@code src/main/resources/ofb/payments_4.0.0.yml}, a copy of the shared {@code ofb/} one).
 *
 * <p>The spec's link pattern wants a host name with a dotted top-level domain, which
 * {@code https://localhost:<port>} (the sandbox under test) is not; links are checked with the
 * sandbox's origin replaced by the spec's example server, everything else as answered.
 */
final class PaymentsSpecCheck {

    private static final PaymentsSpec SPEC = new PaymentsSpec();
    /** The webhook 1.2.0 document (a copy of the shared {@code ofb/} one in the test resources). */
    private static final JsonSchema WEBHOOK_BODY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                    builder -> builder.metaSchema(JsonMetaSchema.builder(OpenApi30.getInstance())
                            .keywords(Stream.of("openapi", "info", "servers", "paths", "components", "tags")
                                    .map(NonValidationKeyword::new).collect(Collectors.toList()))
                            .build()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()))
            .getSchema(SchemaLocation.of("classpath:ofb/webhook_1.2.0.yml#/components/schemas/RequestBodyWebhook"),
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    private static final String SPEC_SERVER = "https://api.banco.com.br";

    private PaymentsSpecCheck() {
    }

    /** Asserts that the body is valid against {@code components/schemas/<schema>}. */
    static void assertValid(String schema, JsonNode body) {
        JsonNode checked = body.deepCopy();
        if (checked.path("links").path("self").isTextual()) {
            ((ObjectNode) checked.get("links")).put("self",
                    checked.get("links").get("self").asText().replace(Sandbox.issuer(), SPEC_SERVER));
        }
        assertNoErrors(SPEC.schema(schema).validate(checked), body, schema);
    }

    /** Asserts that the body is a valid webhook call body (webhook 1.2.0 {@code RequestBodyWebhook}). */
    static void assertValidWebhook(JsonNode body) {
        assertNoErrors(WEBHOOK_BODY.validate(body), body, "RequestBodyWebhook");
    }

    private static void assertNoErrors(Set<ValidationMessage> errors, JsonNode body, String schema) {
        assertThat(errors.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet()))
                .as("%s against %s", body, schema).isEmpty();
    }
}
