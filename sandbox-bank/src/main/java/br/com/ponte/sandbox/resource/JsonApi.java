package br.com.ponte.sandbox.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Content negotiation of the Open Finance APIs whose bodies are plain JSON (consents, resources, data):
 * anything else sent is 415, anything else asked for 406, a body that is not JSON 400. Answers carry
 * {@code x-v}, the version of the spec the bank implements.
 */
public final class JsonApi {

    public static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonApi() {
    }

    public static void requireJsonBody(String contentType) {
        if (contentType == null || !MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw ApiError.unsupportedMediaType("O corpo deve ser application/json.");
        }
    }

    public static void requireJsonAccepted(String accept) {
        if (accept == null || accept.isBlank()) {
            return;
        }
        for (String type : accept.split(",")) {
            if (MediaType.valueOf(type.strip()).isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return;
            }
        }
        throw ApiError.notAcceptable("As respostas são application/json.");
    }

    /** The body as JSON; 400 when it is not a JSON object. */
    public static JsonNode parse(String body) {
        try {
            JsonNode json = body == null || body.isBlank() ? null : MAPPER.readTree(body);
            if (json == null || !json.isObject()) {
                throw ApiError.badRequest("PARAMETRO_INVALIDO", "O corpo deve ser um objeto JSON.");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("PARAMETRO_INVALIDO", "O corpo não é JSON: " + e.getOriginalMessage());
        }
    }

    /** An answer of the API at {@code version} (null: an API whose spec has no {@code x-v}): {@code body} (null for none), never cached. */
    public static Response answer(int status, String body, String version) {
        Response.ResponseBuilder answer = Response.status(status).header("Cache-Control", "no-store");
        if (version != null) {
            answer.header("x-v", version);
        }
        return body == null ? answer.build() : answer.type(JSON).entity(body).build();
    }
}
