package br.com.ponte.kit.api;

import br.com.ponte.kit.security.CurrentPartner;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Each partner's requests are limited by a token bucket per service instance: {@code burst}
 * requests at once, refilled at {@code requests-per-second}. Over it a request gets 429 in Open
 * Finance's shape with {@code Retry-After}; every partner answer says where the partner stands in
 * the IETF draft's fields ({@code RateLimit-Policy: "partner";q=200;w=2},
 * {@code RateLimit: "partner";r=180;t=1}). Only requests authenticated as a partner count; the
 * identity is the verified token's subject, so a forged token cannot spend another partner's budget.
 */
@ApplicationScoped
public class PartnerRateLimits {

    private static final String DECISION = PartnerRateLimits.class.getName();

    /** Where a partner's bucket stands after a request took (or failed to take) a token. */
    record Decision(boolean allowed, long remaining, long secondsToFull, long retryAfter) {
    }

    private final double perSecond;
    private final int burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    CurrentIdentityAssociation identities;

    public PartnerRateLimits(@ConfigProperty(name = "ponte.api.rate-limit.requests-per-second", defaultValue = "100") double perSecond,
                             @ConfigProperty(name = "ponte.api.rate-limit.burst", defaultValue = "200") int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext request) {
        String authorization = request.getHeaderString("Authorization");
        if (perSecond <= 0 || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().nullItem();
        }
        // a token that does not verify is not a partner: the operation's own security answers it
        return identities.getDeferredIdentity().onFailure().recoverWithNull().map(identity -> {
            String partner = partner(identity);
            if (partner == null) {
                return null;
            }
            Decision decision = buckets.computeIfAbsent(partner, p -> new Bucket(burst)).take(perSecond, burst, System.nanoTime());
            request.setProperty(DECISION, decision);
            if (decision.allowed()) {
                return null;
            }
            Response.ResponseBuilder refused = Response.status(429).type(MediaType.APPLICATION_JSON)
                    .header("Retry-After", decision.retryAfter())
                    .entity(ErrorResponse.of("LIMITE_REQUISICOES_EXCEDIDO", "Limite de requisições excedido",
                            "This partner sent more than " + burst + " requests at once or " + format(perSecond)
                                    + " per second; retry after " + decision.retryAfter() + " s"));
            return refused.build();
        });
    }

    @ServerResponseFilter
    public void describe(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof Decision decision) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("RateLimit-Policy", "\"partner\";q=" + burst + ";w=" + Math.max(1, Math.round(burst / perSecond)));
            headers.putSingle("RateLimit", "\"partner\";r=" + decision.remaining() + ";t=" + decision.secondsToFull());
            if (!decision.allowed()) {
                headers.putSingle("Retry-After", decision.retryAfter());
            }
        }
    }

    private static String partner(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !identity.hasRole(CurrentPartner.ROLE)) {
            return null;
        }
        return identity.getPrincipal() instanceof JsonWebToken token ? token.getSubject() : identity.getPrincipal().getName();
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Tokens refill continuously at the configured rate up to the burst. */
    static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(int burst) {
            this.tokens = burst;
            this.updatedAt = System.nanoTime();
        }

        synchronized Decision take(double perSecond, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - updatedAt) / 1e9 * perSecond);
            updatedAt = now;
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            long toFull = (long) Math.ceil((burst - tokens) / perSecond);
            long retryAfter = allowed ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
            return new Decision(allowed, (long) Math.floor(tokens), toFull, retryAfter);
        }
    }
}
