package br.com.ponte.fapi;

import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Client-credentials access tokens kept per client and scope until a minute before they expire, so
 * that reading consents and payments does not ask the transmitter for a token per call.
 */
public final class ClientTokens {

    ClientTokens() {
    }

    private static final long MARGIN_SECONDS = 60;

    private record Kept(String token, Instant until) {
    }

    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    Uni<String> get(String key, Supplier<Uni<Tokens>> fetch) {
        Kept token = kept.get(key);
        if (token != null && token.until().isAfter(Instant.now())) {
            return Uni.createFrom().item(token.token());
        }
        return fetch.get().map(tokens -> {
            kept.put(key, new Kept(tokens.accessToken(), Instant.now().plusSeconds(Math.max(0, tokens.expiresIn() - MARGIN_SECONDS))));
            return tokens.accessToken();
        });
    }

    void forget(String key) {
        kept.remove(key);
    }
}
