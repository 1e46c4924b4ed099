package br.com.ponte.vault.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Hashes client secrets with Argon2id (OWASP's minimum: 19 MiB, 2 iterations, 1 lane) in the PHC
 * string format, so parameters can be raised later without invalidating stored hashes. CPU-bound:
 * call it off the event loop.
 */
@ApplicationScoped
public class SecretHasher {

    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int HASH_LENGTH = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    /** Verified against when a client id is unknown, so the answer takes as long as for a known one. */
    private final String decoy = hash("decoy-" + System.nanoTime());

    public String hash(String secret) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = argon2(secret, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_LENGTH);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    public boolean verify(String secret, String encoded) {
        if (encoded == null) {
            verify(secret, decoy);
            return false;
        }
        String[] parts = encoded.split("\\$");
        // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]
        if (parts.length != 6 || !"argon2id".equals(parts[1])) {
            return false;
        }
        int m = 0, t = 0, p = 0;
        for (String param : parts[3].split(",")) {
            String[] kv = param.split("=");
            switch (kv[0]) {
                case "m" -> m = Integer.parseInt(kv[1]);
                case "t" -> t = Integer.parseInt(kv[1]);
                case "p" -> p = Integer.parseInt(kv[1]);
                default -> {
                    return false;
                }
            }
        }
        byte[] salt = B64D.decode(parts[4]);
        byte[] expected = B64D.decode(parts[5]);
        byte[] actual = argon2(secret, salt, m, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] argon2(String secret, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(secret.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
