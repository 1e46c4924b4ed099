package br.com.ponte.sandbox.token;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A refresh token as issued: the client, the user, the scopes and login time it carries on. Stored
 * by the hash of its value.
 */
public record RefreshToken(String clientId, String subject, List<String> scopes, Instant authTime, Instant expiresAt,
                           /** The identity claims of the id_tokens and the userinfo of what it refreshes. */
                           Map<String, Object> idTokenClaims, Map<String, Object> userinfo,
                           /** The authorisation code's grant it comes from, through every rotation. */
                           String grant) {

    public RefreshToken {
        idTokenClaims = idTokenClaims == null ? Map.of() : Map.copyOf(idTokenClaims);
        userinfo = userinfo == null ? Map.of() : Map.copyOf(userinfo);
    }

    public boolean expired() {
        return !expiresAt.isAfter(Instant.now());
    }
}
