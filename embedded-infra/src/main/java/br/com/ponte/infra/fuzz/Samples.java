package br.com.ponte.infra.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** A value that fits a schema: the starting point every mutation departs from. */
final class Samples {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 5;

    private Samples() {
    }

    static JsonNode resolve(JsonNode openapi, JsonNode node) {
        int hops = 0;
        while (node.has("$ref") && hops++ < 20) {
            String ref = node.get("$ref").asText();
            JsonNode target = openapi;
            for (String part : ref.substring(ref.indexOf('#') + 2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            node = target;
        }
        return node;
    }

    static JsonNode of(JsonNode openapi, JsonNode schema, Random random) {
        return of(openapi, schema, random, 0);
    }

    private static JsonNode of(JsonNode openapi, JsonNode schema, Random random, int depth) {
        schema = resolve(openapi, schema);
        for (String combinator : new String[]{"allOf", "oneOf", "anyOf"}) {
            if (schema.path(combinator).size() > 0) {
                return of(openapi, schema.path(combinator).get(0), random, depth);
            }
        }
        if (schema.path("enum").size() > 0) {
            JsonNode values = schema.path("enum");
            return values.get(random.nextInt(values.size()));
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        switch (type) {
            case "string":
                return JSON.textNode(string(schema, random));
            case "integer":
                return JSON.numberNode(schema.path("minimum").asLong(1));
            case "number":
                return JSON.numberNode(schema.path("minimum").asDouble(1.5));
            case "boolean":
                return JSON.booleanNode(random.nextBoolean());
            case "array": {
                ArrayNode array = JSON.arrayNode();
                if (depth < MAX_DEPTH) {
                    array.add(of(openapi, schema.path("items"), random, depth + 1));
                }
                return array;
            }
            case "object": {
                ObjectNode object = JSON.objectNode();
                if (depth < MAX_DEPTH) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> property = it.next();
                        object.set(property.getKey(), of(openapi, property.getValue(), random, depth + 1));
                    }
                    if (schema.path("additionalProperties").isObject() && !schema.has("properties")) {
                        object.set("key", of(openapi, schema.path("additionalProperties"), random, depth + 1));
                    }
                }
                return object;
            }
            default:
                return JSON.objectNode();
        }
    }

    private static String string(JsonNode schema, Random random) {
        String value = switch (schema.path("format").asText("")) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date-time" -> Instant.now().toString();
            case "date" -> LocalDate.now().toString();
            case "email" -> "user@example.com";
            case "uri", "url" -> "https://partner.example.com/return";
            case "byte" -> "c2FtcGxl";
            default -> "sample-" + Integer.toString(random.nextInt(1_000_000), 36);
        };
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        return value.length() > max ? value.substring(0, max) : value;
    }
}
