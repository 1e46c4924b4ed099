package br.com.ponte.fapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A transmitter's OpenID discovery document, with the mTLS endpoint aliases applied: the token,
 * PAR and registration calls go where {@code mtls_endpoint_aliases} says (RFC 8705).
 */
public record Discovery(String issuer, String authorizationEndpoint, String tokenEndpoint, String parEndpoint,
                        String registrationEndpoint, String jwksUri, List<String> responseModesSupported) {

    /** The server answers authorisation requests with JARM ({@code response_mode=jwt}). */
    public boolean jarm() {
        return responseModesSupported.contains("jwt");
    }

    static Discovery of(JsonNode document) {
        JsonNode aliases = document.path("mtls_endpoint_aliases");
        return new Discovery(
                required(document, "issuer"),
                required(document, "authorization_endpoint"),
                aliased(document, aliases, "token_endpoint"),
                aliased(document, aliases, "pushed_authorization_request_endpoint"),
                aliased(document, aliases, "registration_endpoint"),
                required(document, "jwks_uri"),
                strings(document.path("response_modes_supported")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }

    private static String aliased(JsonNode document, JsonNode aliases, String name) {
        return aliases.hasNonNull(name) ? aliases.get(name).asText() : required(document, name);
    }

    private static String required(JsonNode document, String name) {
        if (!document.hasNonNull(name)) {
            throw new FapiException(0, "invalid_response", "The discovery document lacks '" + name + "'");
        }
        return document.get(name).asText();
    }
}
