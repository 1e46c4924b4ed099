package br.com.ponte.sandbox.token;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An access token as issued (RFC 8705): who it was issued to, for which user ({@code subject}; null
 * for client credentials), with which scopes, until when, and the {@code x5t#S256} thumbprint of
 * the certificate it is bound to. Stored by the hash of its value.
 */
public record AccessToken(String clientId, String subject, List<String> scopes, String certificateThumbprint,
                          Instant expiresAt,
                          /** The identity claims the userinfo endpoint answers besides {@code sub} (a claims request's). */
                          Map<String, Object> userinfo,
                          /** The authorisation code's grant it comes from (null for client credentials). */
                          String grant) {

    public AccessToken {
        userinfo = userinfo == null ? Map.of() : Map.copyOf(userinfo);
    }

    public boolean expired() {
        return !expiresAt.isAfter(Instant.now());
    }
}
