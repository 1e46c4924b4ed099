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
 */
public final class EnvelopeCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey masterKey;
    private final String masterKeyId;
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
        byte[] key;
        try {
            key = Base64.getDecoder().decode(masterKeyBase64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64", e);
        }
        if (key.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes (256 bits), base64; got " + key.length + " bytes");
        }
        this.masterKey = new SecretKeySpec(key, "AES");
        this.masterKeyId = masterKeyId;
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
        if (!masterKeyId.equals(sealed.masterKeyId())) {
            throw new IllegalStateException("Record sealed under master key " + sealed.masterKeyId()
                    + ", but the configured master key is " + masterKeyId);
        }
        try {
            byte[] dataKey = gcm(Cipher.DECRYPT_MODE, masterKey, sealed.dataKeyIv(), recordId, sealed.wrappedDataKey());
            return gcm(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), sealed.iv(), recordId, sealed.ciphertext());
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
