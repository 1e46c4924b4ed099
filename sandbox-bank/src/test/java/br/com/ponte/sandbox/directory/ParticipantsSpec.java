package br.com.ponte.sandbox.directory;

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

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The directory participants OpenAPI document (participants 1.0.0, copied unchanged from
 * /work/shared/ofb into the test resources), as a validator of what the sandbox answers.
 */
public final class ParticipantsSpec {

    /** OpenAPI 3.0 schemas, plus the document's own keywords that say nothing about an instance. */
    private static final JsonMetaSchema OPENAPI_30 = JsonMetaSchema.builder(OpenApi30.getInstance())
            .keywords(Stream.of("openapi", "info", "servers", "paths", "components",
                            "x-pattern-message", "x-required-message")
                    .map(NonValidationKeyword::new).collect(Collectors.toList()))
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(OPENAPI_30).defaultMetaSchemaIri(OPENAPI_30.getIri()));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final JsonSchema PARTICIPANTS = FACTORY.getSchema(SchemaLocation.of(
            "classpath:ofb/participants_1.0.0.yml#/components/schemas/OrganisationsExportOpenData"), CONFIG);

    private ParticipantsSpec() {
    }

    /** Why the body is not a valid {@code GET /participants} answer; empty when it is. */
    public static Set<String> errors(JsonNode body) {
        return PARTICIPANTS.validate(body).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }
}
