package br.com.ponte.vault.domain;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.vault.VaultConfig;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import br.com.ponte.kit.crypto.EnvelopeCipher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.mutiny.Uni;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Signs partner access tokens (RS256 JWTs) with the vault's key and publishes the public half as a
 * JWKS. The key pair is made once, on the first start, and kept sealed in the database, so tokens
 * stay valid across restarts and replicas share it.
 */
@ApplicationScoped
public class TokenSigner {

    private static final Logger LOG = Logger.getLogger(TokenSigner.class);

    private final VaultConfig config;
    private final EnvelopeCipher cipher;
    private final Mutiny.SessionFactory sessions;
    private volatile LoadedKey key;

    record LoadedKey(String kid, PrivateKey privateKey, RSAPublicKey publicKey) {
    }

    public record IssuedToken(String token, long expiresIn) {
    }

    public TokenSigner(VaultConfig config, EnvelopeCipher cipher, Mutiny.SessionFactory sessions) {
        this.config = config;
        this.cipher = cipher;
        this.sessions = sessions;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        // Load (or create) the key before the first request; a failure here stops the service early.
        // A replica that loses the race to create the first key (unique index) loads the winner's.
        VertxContextSupport.subscribeAndAwait(() -> loadOrCreate()
                .onFailure().retry().withBackOff(Duration.ofMillis(200)).atMost(3));
    }

    public IssuedToken issue(Partner partner) {
        LoadedKey current = key;
        long ttl = config.tokenTtl().toSeconds();
        String token = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(partner.id.toString())
                .upn(partner.clientId)
                .groups(Set.of("partner"))
                .claim("client_id", partner.clientId)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(Instant.now())
                .expiresIn(ttl)
                .jws()
                .keyId(current.kid())
                .algorithm(SignatureAlgorithm.RS256)
                .sign(current.privateKey());
        return new IssuedToken(token, ttl);
    }

    /**
     * The partner a bearer token was issued to, verified in process (the vault holds the key):
     * RS256 under the current key, {@code iss}, {@code aud} and {@code exp} (30 s of clock skew).
     * Anything else is 401.
     */
    public UUID verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("A partner access token is required (Authorization: Bearer ...)");
        }
        LoadedKey current = key;
        try {
            JwtClaims claims = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setAllowedClockSkewInSeconds(30)
                    .setExpectedIssuer(config.issuer())
                    .setExpectedAudience(config.audience())
                    .setRequireSubject()
                    .setVerificationKey(current.publicKey())
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                    .build()
                    .processToClaims(authorization.substring(7).trim());
            return UUID.fromString(claims.getSubject());
        } catch (InvalidJwtException | MalformedClaimException | IllegalArgumentException e) {
            throw ApiException.unauthorized("The access token is invalid or expired");
        }
    }

    /** The JWKS services verify tokens against. */
    public Map<String, Object> jwks() {
        LoadedKey current = key;
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", current.kid());
        jwk.put("n", base64Url(current.publicKey().getModulus()));
        jwk.put("e", base64Url(current.publicKey().getPublicExponent()));
        return Map.of("keys", List.of(jwk));
    }

    Uni<Void> loadOrCreate() {
        return sessions.withTransaction(session -> session
                        .createSelectionQuery("from TokenSigningKey where active = true", TokenSigningKey.class)
                        .getSingleResultOrNull()
                        .chain(existing -> existing != null ? Uni.createFrom().item(existing) : create(session)))
                .invoke(stored -> key = unseal(stored))
                .invoke(() -> LOG.infof("Signing partner tokens with key %s", key.kid()))
                .replaceWithVoid();
    }

    private Uni<TokenSigningKey> create(Mutiny.Session session) {
        KeyPair pair = generate();
        TokenSigningKey stored = new TokenSigningKey();
        stored.kid = UUID.randomUUID().toString();
        stored.publicKey = pair.getPublic().getEncoded();
        EnvelopeCipher.Sealed sealed = cipher.seal(pair.getPrivate().getEncoded(), stored.kid);
        stored.privateKeyCipher = sealed.ciphertext();
        stored.privateKeyIv = sealed.iv();
        stored.dataKeyWrapped = sealed.wrappedDataKey();
        stored.dataKeyIv = sealed.dataKeyIv();
        stored.masterKeyId = sealed.masterKeyId();
        stored.active = true;
        stored.createdAt = Instant.now();
        return session.persist(stored).replaceWith(stored);
    }

    private LoadedKey unseal(TokenSigningKey stored) {
        try {
            byte[] pkcs8 = cipher.open(new EnvelopeCipher.Sealed(stored.privateKeyCipher, stored.privateKeyIv,
                    stored.dataKeyWrapped, stored.dataKeyIv, stored.masterKeyId), stored.kid);
            KeyFactory factory = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(stored.publicKey));
            return new LoadedKey(stored.kid, privateKey, publicKey);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the token signing key " + stored.kid, e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
