package br.com.ponte.infra.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One operation of a service's OpenAPI document, as much of it as the fuzzer needs: where it is,
 * what it takes, and whether it answers screens (HTML) or an API (JSON).
 */
public record Operation(String method, String path, List<Parameter> parameters, String mediaType,
                        JsonNode bodySchema, boolean secured, boolean screen) {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    public record Parameter(String name, String in, JsonNode schema, boolean required) {
    }

    public String id() {
        return method + " " + path;
    }

    public boolean hasBody() {
        return mediaType != null;
    }

    public boolean form() {
        return "application/x-www-form-urlencoded".equals(mediaType);
    }

    public boolean json() {
        return mediaType != null && mediaType.contains("json");
    }

    public List<Parameter> in(String where) {
        return parameters.stream().filter(p -> p.in().equals(where)).toList();
    }

    /** Every operation of the document outside Quarkus' own {@code /q} endpoints. */
    public static List<Operation> of(JsonNode openapi) {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().startsWith("/q/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                operations.add(operation(openapi, path.getKey(), path.getValue(), op.getKey(), op.getValue()));
            }
        }
        return operations;
    }

    private static Operation operation(JsonNode openapi, String path, JsonNode pathItem, String method, JsonNode op) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode list : List.of(pathItem.path("parameters"), op.path("parameters"))) {
            for (JsonNode p : list) {
                JsonNode resolved = Samples.resolve(openapi, p);
                parameters.add(new Parameter(resolved.path("name").asText(), resolved.path("in").asText(),
                        resolved.path("schema"), resolved.path("required").asBoolean(false)));
            }
        }
        String mediaType = null;
        JsonNode bodySchema = null;
        Iterator<Map.Entry<String, JsonNode>> content = op.path("requestBody").path("content").fields();
        if (content.hasNext()) {
            Map.Entry<String, JsonNode> first = content.next();
            mediaType = first.getKey();
            bodySchema = first.getValue().path("schema");
        }
        boolean screen = false;
        for (JsonNode response : op.path("responses")) {
            screen |= response.path("content").has("text/html");
        }
        boolean secured = op.path("security").size() > 0;
        return new Operation(method.toUpperCase(), path, List.copyOf(parameters), mediaType, bodySchema, secured, screen);
    }
}
