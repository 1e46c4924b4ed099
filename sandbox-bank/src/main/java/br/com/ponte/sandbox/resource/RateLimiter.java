package br.com.ponte.sandbox.resource;

import br.com.ponte.sandbox.config.SandboxConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code sandbox.rate-limit.per-second} calls per client in each second (a fixed window);
 * the next is 429, as a bank's traffic limits would answer (and which initiators must cope with).
 */
@ApplicationScoped
public class RateLimiter {

    private record Window(long second, int calls) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int perSecond;

    public RateLimiter(SandboxConfig config) {
        this.perSecond = config.rateLimit().perSecond();
    }

    void acquire(String clientId) {
        long second = Instant.now().getEpochSecond();
        Window window = windows.merge(clientId, new Window(second, 1),
                (previous, fresh) -> previous.second() == second ? new Window(second, previous.calls() + 1) : fresh);
        if (window.calls() > perSecond) {
            throw ApiError.tooManyRequests("Limite de " + perSecond + " requisições por segundo excedido.", 1);
        }
    }
}
