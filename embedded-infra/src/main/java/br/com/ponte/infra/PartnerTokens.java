package br.com.ponte.infra;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

/**
 * Partner access tokens for a service's own tests, shaped like certificate-vault's (RS256, issuer
 * {@value #ISSUER}, audience {@value #AUDIENCE}, subject = partner id, group {@code partner}) but
 * signed by a key pair made once per JVM, never stored in the repository. The end-to-end tests use
 * the real vault instead.
 */
public final class PartnerTokens {

    public static final String ISSUER = "https://vault.ponte.local";
    public static final String AUDIENCE = "ponte";

    private static KeyPair keys;
    private static Path publicKeyPem;

    private PartnerTokens() {
    }

    /** A PEM file with the public key, for {@code mp.jwt.verify.publickey.location}. */
    public static synchronized Path publicKeyPem() {
        init();
        return publicKeyPem;
    }

    public static String issue(String partnerId) {
        init();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(partnerId).groups(Set.of("partner"))
                .expiresIn(900).sign(keys.getPrivate());
    }

    /** The key these tokens are signed with, for tests that sign tokens wrong in one way (issuer, audience). */
    public static synchronized java.security.PrivateKey signingKey() {
        init();
        return keys.getPrivate();
    }

    /** A token that is correct in every way but expired. */
    public static String expired(String partnerId) {
        init();
        long past = System.currentTimeMillis() / 1000 - 3600;
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(partnerId).groups(Set.of("partner"))
                .issuedAt(past - 900).expiresAt(past).sign(keys.getPrivate());
    }

    private static synchronized void init() {
        if (keys != null) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            publicKeyPem = Files.createTempFile("ponte-test-partner-tokens", ".pem");
            publicKeyPem.toFile().deleteOnExit();
            Files.writeString(publicKeyPem, pem);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
