package br.com.ponte.sandbox.faults;

import br.com.ponte.sandbox.resource.CallContext;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Plays {@link Faults} on the bank's API calls. */
public class FaultFilters {

    private static final Logger LOG = Logger.getLogger(FaultFilters.class);

    private final Faults faults;
    private final CallContext call;

    public FaultFilters(Faults faults, CallContext call) {
        this.faults = faults;
        this.call = call;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> before(ContainerRequestContext request) {
        Faults.Fault fault = faults.take(request.getMethod(), "/" + request.getUriInfo().getPath().replaceFirst("^/", ""),
                Faults.Phase.BEFORE);
        if (fault == null) {
            return Uni.createFrom().nullItem();
        }
        LOG.infof("Fault %s: %s %s before the work (%d ms, status %s)", fault.id(), request.getMethod(),
                request.getUriInfo().getPath(), fault.delayMs(), fault.status());
        // a bank's failure still echoes the client's interaction id, as the FAPI headers require
        String interactionId = request.getHeaderString("x-fapi-interaction-id");
        return delay(fault).map(v -> fault.status() == null ? null : Response.status(fault.status())
                .type(MediaType.APPLICATION_JSON).header("x-fapi-interaction-id", interactionId)
                .entity(error(fault.status())).build());
    }

    @ServerResponseFilter
    public Uni<Void> after(ContainerRequestContext request, ContainerResponseContext response) {
        Faults.Fault fault = faults.take(request.getMethod(), "/" + request.getUriInfo().getPath().replaceFirst("^/", ""),
                Faults.Phase.AFTER);
        if (fault == null) {
            return Uni.createFrom().voidItem();
        }
        LOG.infof("Fault %s: %s %s done, answer held %d ms (status %s instead of %d)", fault.id(), request.getMethod(),
                request.getUriInfo().getPath(), fault.delayMs(), fault.status(), response.getStatus());
        if (fault.status() != null) {
            response.setStatus(fault.status());
            response.setEntity(error(fault.status()), null, MediaType.APPLICATION_JSON_TYPE);
        }
        if (fault.forgery() == Faults.Forgery.INTERACTION_ID) {
            // both: the echo filter may run before this one or after it (filters of equal priority)
            String forged = UUID.randomUUID().toString();
            call.echoInstead(forged);
            response.getHeaders().putSingle("x-fapi-interaction-id", forged);
        } else if (fault.forgery() == Faults.Forgery.SIGNATURE && response.getEntity() instanceof String body
                && body.chars().filter(c -> c == '.').count() == 2) {
            response.setEntity(signedByAnImpostor(body));
        }
        return delay(fault);
    }

    /** The same header and claims, signed by a key the bank never published. */
    private static String signedByAnImpostor(String jwt) {
        try {
            JsonWebSignature original = (JsonWebSignature) JsonWebStructure.fromCompactSerialization(jwt);
            JsonWebSignature forged = new JsonWebSignature();
            forged.setPayload(original.getUnverifiedPayload());
            forged.setAlgorithmHeaderValue(original.getAlgorithmHeaderValue());
            forged.setKeyIdHeaderValue(original.getKeyIdHeaderValue());
            forged.setHeader("typ", "JWT");
            forged.setKey(Impostor.KEY.getPrivate());
            return forged.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot forge the answer", e);
        }
    }

    /** Made on first use only. */
    private static final class Impostor {
        static final KeyPair KEY = generate();

        private static KeyPair generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Uni<Void> delay(Faults.Fault fault) {
        Uni<Void> now = Uni.createFrom().voidItem();
        return fault.delayMs() <= 0 ? now : now.onItem().delayIt().by(Duration.ofMillis(fault.delayMs()));
    }

    private static Map<String, Object> error(int status) {
        return Map.of("errors", List.of(Map.of("code", status >= 500 ? "ERRO_INTERNO" : "ERRO_SIMULADO",
                        "title", "Falha simulada", "detail", "Falha simulada pelo sandbox (HTTP " + status + ").")),
                "meta", Map.of("requestDateTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
    }
}
