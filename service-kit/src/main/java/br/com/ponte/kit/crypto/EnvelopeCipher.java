package br.com.ponte.kit.crypto;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Envelope encryption for secrets at rest: every record gets its own random AES-256 data key; the
 * secret is encrypted under it with AES-256-GCM, and the data key is wrapped (AES-256-GCM) by a
 * master key from configuration. Only ciphertext and wrapped data keys reach the database. The
 * record's id is bound as additional authenticated data, so a ciphertext copied onto another record
 * does not open.
 *
 * <p>Master keys rotate without downtime: configure the new key as current and keep the old ones
 * as previous keys ({@link #withPreviousKeys}). Records sealed under a previous key still open, and
 * {@link #rewrap} moves a record to the current key by re-wrapping its data key only (the secret's
 * ciphertext does not change). Once no record names an old key, drop it from the configuration.
 */
public final class EnvelopeCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey masterKey;
    private final String masterKeyId;
    private final java.util.Map<String, SecretKey> previousKeys;
    private final SecureRandom random = new SecureRandom();

    /** What is stored for one sealed secret. */
    public record Sealed(byte[] ciphertext, byte[] iv, byte[] wrappedDataKey, byte[] dataKeyIv, String masterKeyId) {
    }

    /**
     * @param masterKeyBase64 base64 of 32 random bytes
     * @param masterKeyId     names the master key, stored beside each wrapped data key
     * @param property        the configuration property the key came from, for error messages
     */
    public EnvelopeCipher(String masterKeyBase64, String masterKeyId, String property) {
        this(key(masterKeyBase64, property), masterKeyId, java.util.Map.of());
    }

    private EnvelopeCipher(SecretKey masterKey, String masterKeyId, java.util.Map<String, SecretKey> previousKeys) {
        this.masterKey = masterKey;
        this.masterKeyId = masterKeyId;
        this.previousKeys = previousKeys;
    }

    /**
     * The same cipher, also able to open records sealed under earlier master keys (id to base64).
     * New records are always sealed under the current key.
     */
    public EnvelopeCipher withPreviousKeys(java.util.Map<String, String> previous, String property) {
        java.util.Map<String, SecretKey> keys = new java.util.HashMap<>();
        previous.forEach((id, base64) -> {
            if (id.equals(masterKeyId)) {
                throw new IllegalStateException(property + "." + id + " has the id of the current master key");
            }
            keys.put(id, key(base64, property + "." + id));
        });
        return new EnvelopeCipher(masterKey, masterKeyId, java.util.Map.copyOf(keys));
    }

    public String masterKeyId() {
        return masterKeyId;
    }

    /** The record sealed under the current master key: its data key re-wrapped, its ciphertext unchanged. */
    public Sealed rewrap(Sealed sealed, String recordId) {
        if (masterKeyId.equals(sealed.masterKeyId())) {
            return sealed;
        }
        try {
            byte[] dataKey = gcm(Cipher.DECRYPT_MODE, masterKeyFor(sealed, recordId), sealed.dataKeyIv(), recordId,
                    sealed.wrappedDataKey());
            byte[] dataKeyIv = iv();
            byte[] wrapped = gcm(Cipher.ENCRYPT_MODE, masterKey, dataKeyIv, recordId, dataKey);
            java.util.Arrays.fill(dataKey, (byte) 0);
            return new Sealed(sealed.ciphertext(), sealed.iv(), wrapped, dataKeyIv, masterKeyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Re-wrapping failed: wrong master key or tampered record " + recordId, e);
        }
    }

    private static SecretKey key(String base64, String property) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64", e);
        }
        if (key.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes (256 bits), base64; got " + key.length + " bytes");
        }
        return new SecretKeySpec(key, "AES");
    }

    private SecretKey masterKeyFor(Sealed sealed, String recordId) {
        if (masterKeyId.equals(sealed.masterKeyId())) {
            return masterKey;
        }
        SecretKey previous = previousKeys.get(sealed.masterKeyId());
        if (previous == null) {
            throw new IllegalStateException("Record " + recordId + " is sealed under master key " + sealed.masterKeyId()
                    + ", which is neither the current master key (" + masterKeyId + ") nor a configured previous one");
        }
        return previous;
    }

    public Sealed seal(byte[] plaintext, String recordId) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            SecretKey dataKey = generator.generateKey();
            byte[] iv = iv();
            byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, dataKey, iv, recordId, plaintext);
            byte[] dataKeyIv = iv();
            byte[] wrapped = gcm(Cipher.ENCRYPT_MODE, masterKey, dataKeyIv, recordId, dataKey.getEncoded());
            return new Sealed(ciphertext, iv, wrapped, dataKeyIv, masterKeyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public byte[] open(Sealed sealed, String recordId) {
        SecretKey master = masterKeyFor(sealed, recordId);
        try {
            byte[] dataKey = gcm(Cipher.DECRYPT_MODE, master, sealed.dataKeyIv(), recordId, sealed.wrappedDataKey());
            try {
                return gcm(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), sealed.iv(), recordId, sealed.ciphertext());
            } finally {
                java.util.Arrays.fill(dataKey, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed: wrong master key or tampered record " + recordId, e);
        }
    }

    private byte[] iv() {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        return iv;
    }

    private static byte[] gcm(int mode, SecretKey key, byte[] iv, String aad, byte[] input) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(input);
    }
}
