package br.com.ponte.fapi;

import com.fasterxml.jackson.databind.JsonNode;

/** A token response. The tokens are secrets: {@link #toString()} shows none. */
public record Tokens(String accessToken, String tokenType, long expiresIn, String refreshToken, String idToken,
                     String scope) {

    static Tokens of(JsonNode body) {
        if (!body.hasNonNull("access_token")) {
            throw new FapiException(0, "invalid_response", "The token response has no access_token");
        }
        return new Tokens(body.get("access_token").asText(), body.path("token_type").asText("Bearer"),
                body.path("expires_in").asLong(0), text(body, "refresh_token"), text(body, "id_token"), text(body, "scope"));
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    @Override
    public String toString() {
        return "Tokens[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scope
                + ", refreshToken=" + (refreshToken != null) + ", idToken=" + (idToken != null) + "]";
    }
}
