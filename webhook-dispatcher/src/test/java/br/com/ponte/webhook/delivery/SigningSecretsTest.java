package br.com.ponte.webhook.delivery;

import br.com.ponte.kit.crypto.EnvelopeCipher;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningSecretsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private final EnvelopeCipher cipher = new EnvelopeCipher(randomKey(), "mk1", "test");
    private final SigningSecrets secrets = new SigningSecrets(cipher);
    private final UUID endpoint = UUID.randomUUID();

    @Test
    void aSecretIsOpenedOnceAndServesEveryDeliveryAfter() {
        EnvelopeCipher.Sealed sealed = seal("whsec_one", endpoint);

        assertThat(secrets.signing(endpoint, sealed, null, null, NOW)).containsExactly("whsec_one");
        // the same value read again from the database: other arrays, same bytes
        assertThat(secrets.signing(endpoint, copy(sealed), null, null, NOW)).containsExactly("whsec_one");
        assertThat(secrets.size()).isEqualTo(1);
    }

    @Test
    void aRotatedSecretSignsBesideThePreviousOneUntilTheOverlapEnds() {
        EnvelopeCipher.Sealed old = seal("whsec_old", endpoint);
        EnvelopeCipher.Sealed fresh = seal("whsec_new", endpoint);
        secrets.signing(endpoint, old, null, null, NOW);

        assertThat(secrets.signing(endpoint, fresh, old, NOW.plusSeconds(60), NOW)).containsExactly("whsec_new", "whsec_old");
        assertThat(secrets.signing(endpoint, fresh, old, NOW.plusSeconds(60), NOW.plusSeconds(61))).containsExactly("whsec_new");
    }

    @Test
    void aSecretSealedForAnotherEndpointDoesNotOpen() {
        EnvelopeCipher.Sealed othersSecret = seal("whsec_other", UUID.randomUUID());

        assertThatThrownBy(() -> secrets.signing(endpoint, othersSecret, null, null, NOW)).isInstanceOf(RuntimeException.class);
        assertThat(secrets.size()).isZero();
    }

    @Test
    void theCacheIsBounded() {
        for (int i = 0; i <= SigningSecrets.MAX_ENTRIES; i++) {
            UUID id = UUID.randomUUID();
            secrets.signing(id, seal("whsec_" + i, id), null, null, NOW);
        }
        assertThat(secrets.size()).isLessThanOrEqualTo(SigningSecrets.MAX_ENTRIES);
    }

    private EnvelopeCipher.Sealed seal(String secret, UUID endpointId) {
        return cipher.seal(secret.getBytes(StandardCharsets.UTF_8), endpointId.toString());
    }

    private static EnvelopeCipher.Sealed copy(EnvelopeCipher.Sealed s) {
        return new EnvelopeCipher.Sealed(s.ciphertext().clone(), s.iv().clone(), s.wrappedDataKey().clone(),
                s.dataKeyIv().clone(), s.masterKeyId());
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
