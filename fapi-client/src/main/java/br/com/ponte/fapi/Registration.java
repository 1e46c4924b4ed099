package br.com.ponte.fapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a dynamic client registration (RFC 7591/7592): the client id, and the
 * registration access token needed to read, update or delete the registration later (a secret).
 */
public record Registration(String clientId, String registrationAccessToken, String registrationClientUri,
                           JsonNode metadata) {

    /**
     * The client metadata Ponte registers under the Brazil profile (dcr-id3): the redirect URIs given, or
     * those of the software statement when none are; the hybrid flow and code with JARM; {@code private_key_jwt}
     * and PS256 everywhere; the keys at the statement's {@code software_jwks_uri}. The statement is read, not
     * verified (the authorisation server verifies it). A mutable map, for additions such as webhook URIs.
     *
     * @throws IllegalArgumentException when the statement is not a readable JWT
     */
    public static Map<String, Object> metadataFor(String softwareStatement, List<String> redirectUris) {
        JsonNode ssa;
        try {
            ssa = Json.read(new String(Base64.getUrlDecoder().decode(softwareStatement.split("\\.")[1]),
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The software statement assertion cannot be read", e);
        }
        List<String> uris = new ArrayList<>();
        if (redirectUris != null && !redirectUris.isEmpty()) {
            uris.addAll(redirectUris);
        } else {
            ssa.path("software_redirect_uris").forEach(uri -> uris.add(uri.asText()));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("redirect_uris", uris);
        metadata.put("grant_types", List.of("authorization_code", "refresh_token", "client_credentials", "implicit"));
        metadata.put("response_types", List.of("code id_token", "code"));
        metadata.put("token_endpoint_auth_method", "private_key_jwt");
        metadata.put("token_endpoint_auth_signing_alg", "PS256");
        metadata.put("id_token_signed_response_alg", "PS256");
        metadata.put("request_object_signing_alg", "PS256");
        // JARM 3: the signature of authorisation responses, when the bank answers with JARM
        metadata.put("authorization_signed_response_alg", "PS256");
        if (ssa.hasNonNull("software_jwks_uri")) {
            metadata.put("jwks_uri", ssa.get("software_jwks_uri").asText());
        }
        return metadata;
    }

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
