package br.com.ponte.sandbox.token;

import java.time.Instant;
import java.util.List;

/**
 * A refresh token as issued: the client, the user, the scopes and login time it carries on. Stored
 * by the hash of its value.
 */
public record RefreshToken(String clientId, String subject, List<String> scopes, Instant authTime, Instant expiresAt) {

    public boolean expired() {
        return !expiresAt.isAfter(Instant.now());
    }
}
