package br.com.ponte.consent.authorisation;

import br.com.ponte.kit.crypto.EnvelopeCipher;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;

/**
 * What lets Ponte act on a consent at the bank, sealed in its authorisation's {@code grant_*}
 * columns: the PKCE verifier while the user is at the bank, then the user's access and refresh
 * tokens. Sealed with the consent id as associated data, so a sealed grant cannot be moved to
 * another consent. {@link #toString()} never shows a value.
 */
public record SealedGrant(String codeVerifier, String accessToken, String refreshToken) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static SealedGrant verifier(String codeVerifier) {
        return new SealedGrant(codeVerifier, null, null);
    }

    public static SealedGrant tokens(String accessToken, String refreshToken) {
        return new SealedGrant(null, accessToken, refreshToken);
    }

    /** Seals this grant into the authorisation. */
    public void sealInto(Authorisation authorisation, EnvelopeCipher cipher, Instant accessTokenExpiresAt) {
        try {
            EnvelopeCipher.Sealed sealed = cipher.seal(JSON.writeValueAsBytes(this), authorisation.consentId.toString());
            authorisation.grantCiphertext = sealed.ciphertext();
            authorisation.grantIv = sealed.iv();
            authorisation.grantWrappedKey = sealed.wrappedDataKey();
            authorisation.grantKeyIv = sealed.dataKeyIv();
            authorisation.grantMasterKeyId = sealed.masterKeyId();
            authorisation.accessTokenExpiresAt = accessTokenExpiresAt;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The authorisation's grant, or null when it holds none (forgotten). */
    public static SealedGrant of(Authorisation authorisation, EnvelopeCipher cipher) {
        if (authorisation.grantCiphertext == null) {
            return null;
        }
        byte[] plain = cipher.open(new EnvelopeCipher.Sealed(authorisation.grantCiphertext, authorisation.grantIv,
                authorisation.grantWrappedKey, authorisation.grantKeyIv, authorisation.grantMasterKeyId),
                authorisation.consentId.toString());
        try {
            return JSON.readValue(plain, SealedGrant.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "SealedGrant[redacted]";
    }
}
