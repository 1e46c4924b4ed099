package br.com.ponte.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Test helper: loads the JSON Schemas and golden files from the classpath and validates with them. */
final class Schemas {

    static final String ENVELOPE = "/schemas/v1/envelope.json";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final ConcurrentHashMap<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private Schemas() {
    }

    static JsonNode json(String resource) {
        try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource " + resource);
            }
            return EventCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String resource) {
        try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource " + resource);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String goldenResource(EventType type) {
        return "/golden/v" + type.version() + "/" + type.fileName() + ".json";
    }

    static JsonSchema schema(String resource) {
        return CACHE.computeIfAbsent(resource, r -> FACTORY.getSchema(json(r), CONFIG));
    }

    /** The validation errors, as readable strings; empty when valid. */
    static Set<String> errors(String schemaResource, JsonNode instance) {
        Set<ValidationMessage> messages = schema(schemaResource).validate(instance);
        return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }
}
