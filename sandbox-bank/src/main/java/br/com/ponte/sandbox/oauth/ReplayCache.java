package br.com.ponte.sandbox.oauth;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code jti} values already seen, per kind of JWT and client, until the JWT they came in expires
 * (and the clock skew allowed after that):
 * a client assertion or request object is accepted once. Kept in memory only: after a restart, a JWT
 * from before it could be accepted again within its (short) lifetime.
 */
@ApplicationScoped
public class ReplayCache {

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    /** True the first time this {@code jti} comes from this client for this kind of JWT. */
    public boolean firstUse(String kind, String clientId, String jti, Instant expiresAt) {
        Instant now = Instant.now();
        seen.values().removeIf(until -> until.isBefore(now));
        return seen.putIfAbsent(kind + " " + clientId + " " + jti,
                expiresAt.plusSeconds(JwtChecks.CLOCK_SKEW_SECONDS)) == null;
    }
}
