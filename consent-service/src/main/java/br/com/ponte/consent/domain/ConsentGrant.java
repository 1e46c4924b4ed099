package br.com.ponte.consent.domain;

import br.com.ponte.kit.crypto.EnvelopeCipher;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * What lets Ponte act on a consent at the bank, sealed in the consent's {@code grant_*} columns: the
 * PKCE verifier while the user is at the bank, then the user's access and refresh tokens. Sealed
 * with the consent id as associated data, so a sealed grant cannot be moved to another consent.
 * {@link #toString()} never shows a value.
 */
public record ConsentGrant(String codeVerifier, String accessToken, String refreshToken) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ConsentGrant verifier(String codeVerifier) {
        return new ConsentGrant(codeVerifier, null, null);
    }

    public static ConsentGrant tokens(String accessToken, String refreshToken) {
        return new ConsentGrant(null, accessToken, refreshToken);
    }

    /** Seals this grant into the consent. */
    public void sealInto(PaymentConsent consent, EnvelopeCipher cipher, Instant accessTokenExpiresAt) {
        try {
            EnvelopeCipher.Sealed sealed = cipher.seal(JSON.writeValueAsBytes(this), consent.id.toString());
            consent.grantCiphertext = sealed.ciphertext();
            consent.grantIv = sealed.iv();
            consent.grantWrappedKey = sealed.wrappedDataKey();
            consent.grantKeyIv = sealed.dataKeyIv();
            consent.grantMasterKeyId = sealed.masterKeyId();
            consent.accessTokenExpiresAt = accessTokenExpiresAt;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The consent's grant, or null when it holds none (never authorised, consumed, rejected). */
    public static ConsentGrant of(PaymentConsent consent, EnvelopeCipher cipher) {
        if (consent.grantCiphertext == null) {
            return null;
        }
        byte[] plain = cipher.open(new EnvelopeCipher.Sealed(consent.grantCiphertext, consent.grantIv,
                consent.grantWrappedKey, consent.grantKeyIv, consent.grantMasterKeyId), consent.id.toString());
        try {
            return JSON.readValue(plain, ConsentGrant.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "ConsentGrant[redacted]";
    }
}
