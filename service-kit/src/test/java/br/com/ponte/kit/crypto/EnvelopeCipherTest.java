package br.com.ponte.kit.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeCipherTest {

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    final String oldKey = randomKey();
    final String newKey = randomKey();
    final byte[] secret = "-----BEGIN PRIVATE KEY-----".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSealedSecretOpensOnlyForItsRecordAndHoldsNoClearText() {
        EnvelopeCipher cipher = new EnvelopeCipher(oldKey, "mk1", "key");
        EnvelopeCipher.Sealed sealed = cipher.seal(secret, "record-1");

        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE KEY");
        assertThat(sealed.masterKeyId()).isEqualTo("mk1");
        assertThat(cipher.open(sealed, "record-1")).isEqualTo(secret);
        assertThatThrownBy(() -> cipher.open(sealed, "record-2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new EnvelopeCipher(newKey, "mk1", "key").open(sealed, "record-1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rotationKeepsOldRecordsReadableAndRewrapsThemUnderTheNewKey() {
        EnvelopeCipher.Sealed old = new EnvelopeCipher(oldKey, "mk1", "key").seal(secret, "record-1");
        EnvelopeCipher rotated = new EnvelopeCipher(newKey, "mk2", "key").withPreviousKeys(Map.of("mk1", oldKey), "previous");

        assertThat(rotated.open(old, "record-1")).isEqualTo(secret);
        EnvelopeCipher.Sealed rewrapped = rotated.rewrap(old, "record-1");
        assertThat(rewrapped.masterKeyId()).isEqualTo("mk2");
        assertThat(rewrapped.ciphertext()).isEqualTo(old.ciphertext());
        assertThat(rewrapped.wrappedDataKey()).isNotEqualTo(old.wrappedDataKey());
        // once re-wrapped, the old key is no longer needed
        assertThat(new EnvelopeCipher(newKey, "mk2", "key").open(rewrapped, "record-1")).isEqualTo(secret);
        assertThat(rotated.rewrap(rewrapped, "record-1")).isSameAs(rewrapped);
        assertThatThrownBy(() -> new EnvelopeCipher(newKey, "mk2", "key").open(old, "record-1"))
                .hasMessageContaining("mk1");
    }

    @Test
    void badKeysAreRefusedWithTheirProperty() {
        assertThatThrownBy(() -> new EnvelopeCipher("c2hvcnQ=", "mk1", "ponte.x.master-key"))
                .hasMessageContaining("ponte.x.master-key").hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new EnvelopeCipher(newKey, "mk2", "k").withPreviousKeys(Map.of("mk2", oldKey), "p"))
                .hasMessageContaining("current master key");
    }
}
