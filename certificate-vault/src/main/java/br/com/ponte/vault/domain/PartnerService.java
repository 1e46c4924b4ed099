package br.com.ponte.vault.domain;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.audit.Actor;
import br.com.ponte.kit.audit.Audit;
import br.com.ponte.vault.VaultConfig;
import br.com.ponte.vault.crypto.SecretHasher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

@ApplicationScoped
public class PartnerService {

    public record Registered(Partner partner, String clientSecret) {
    }

    private final VaultConfig config;
    private final SecretHasher hasher;
    private final Vertx vertx;
    private final Audit audit;
    private final SecureRandom random = new SecureRandom();

    public PartnerService(VaultConfig config, SecretHasher hasher, Vertx vertx, Audit audit) {
        this.config = config;
        this.hasher = hasher;
        this.vertx = vertx;
        this.audit = audit;
    }

    /** Checks the operator's admin bearer token in constant time. */
    public void requireAdmin(String authorization) {
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : "";
        boolean ok = MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                config.adminToken().getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            throw ApiException.unauthorized("An operator (admin) token is required");
        }
    }

    public Uni<Registered> register(String name) {
        String clientId = "ponte_" + HexFormat.of().formatHex(bytes(12));
        String secret = "pcs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
        return offloop(() -> hasher.hash(secret))
                .chain(hash -> Panache.withTransaction(() ->
                        Partner.register(name, clientId, hash, Instant.now()).<Partner>persist()
                                // the operator created it and its API credentials (the client id; never the secret)
                                .call(partner -> audit.record(Actor.operator(), "partner.created", "partner",
                                        partner.id.toString(), partner.id.toString(),
                                        Map.of("name", partner.name, "clientId", partner.clientId), partner.createdAt))))
                .map(partner -> new Registered(partner, secret));
    }

    /** The partner whose credentials these are; 401 otherwise (same answer for unknown id or wrong secret). */
    public Uni<Partner> authenticate(String clientId, String clientSecret) {
        return Panache.withSession(() -> Partner.findByClientId(clientId))
                .chain(partner -> offloop(() -> hasher.verify(clientSecret, partner == null ? null : partner.secretHash))
                        .map(valid -> {
                            if (!valid || !partner.canAuthenticate()) {
                                throw ApiException.unauthorized("Client authentication failed");
                            }
                            return partner;
                        }));
    }

    /** Argon2 is deliberately slow: keep it off the event loop, then continue on the caller's context. */
    private <T> Uni<T> offloop(java.util.function.Supplier<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(work));
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
