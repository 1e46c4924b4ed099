package br.com.ponte.fapi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer to a dynamic client registration (RFC 7591/7592): the client id, and the
 * registration access token needed to read, update or delete the registration later (a secret).
 */
public record Registration(String clientId, String registrationAccessToken, String registrationClientUri,
                           JsonNode metadata) {

    static Registration of(JsonNode body) {
        if (!body.hasNonNull("client_id")) {
            throw new FapiException(0, "invalid_response", "The registration response has no client_id");
        }
        return new Registration(body.get("client_id").asText(), body.path("registration_access_token").asText(null),
                body.path("registration_client_uri").asText(null), body);
    }

    @Override
    public String toString() {
        return "Registration[clientId=" + clientId + ", registrationClientUri=" + registrationClientUri + "]";
    }
}
