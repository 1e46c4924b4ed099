package br.com.ponte.sandbox.resource;

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

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One of the official OpenAPI documents (a copy of the shared {@code ofb/} one under
 * {@code src/main/resources/ofb}), as the judge of bodies: its schemas by name, formats asserted.
 */
public final class OpenApiDocument {

    /** OpenAPI 3.0 schemas, plus the documents' own keywords that say nothing about an instance. */
    private static final JsonMetaSchema OPENAPI_30 = JsonMetaSchema.builder(OpenApi30.getInstance())
            .keywords(Stream.of("openapi", "info", "servers", "paths", "components", "tags",
                            "x-pattern-message", "x-required-message", "x-regulatory-required")
                    .map(NonValidationKeyword::new).collect(Collectors.toList()))
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(OPENAPI_30).defaultMetaSchemaIri(OPENAPI_30.getIri()));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private final String location;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    /** The document at {@code location}, e.g. {@code classpath:ofb/payments_4.0.0.yml}. */
    public OpenApiDocument(String location) {
        this.location = location;
    }

    /**
     * A schema of the document, by its name under {@code components/schemas}, or by a JSON pointer into the
     * document ({@code #/components/responses/...}) for a schema the spec gives inline.
     */
    public JsonSchema schema(String name) {
        return schemas.computeIfAbsent(name, key -> FACTORY.getSchema(
                SchemaLocation.of(location + (key.startsWith("#/") ? key : "#/components/schemas/" + key)), CONFIG));
    }

    /** What is wrong with {@code instance} as a {@code schema}; empty when nothing is. */
    public Set<ValidationMessage> errors(String schema, JsonNode instance) {
        return schema(schema).validate(instance);
    }

    /** The errors in one line (at most 2,000 characters), for an error's {@code detail}. */
    public static String describe(Set<ValidationMessage> errors) {
        String all = errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "));
        return all.length() > 2000 ? all.substring(0, 2000) : all;
    }
}
