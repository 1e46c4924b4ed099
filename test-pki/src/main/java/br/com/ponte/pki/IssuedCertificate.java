package br.com.ponte.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** A leaf certificate, its private key and its chain (the leaf first, the root left out). */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

    /** The leaf and its intermediates, PEM. */
    public String chainPem() {
        return Pem.encode(chain.toArray(X509Certificate[]::new));
    }

    /** The leaf only, PEM. */
    public String certificatePem() {
        return Pem.encode(certificate);
    }

    /** PKCS#8 {@code PRIVATE KEY}, unencrypted. */
    public String privateKeyPem() {
        return Pem.encode(privateKey);
    }

    /** PKCS#8 {@code ENCRYPTED PRIVATE KEY} (AES-256-CBC, PBKDF2). */
    public String encryptedPrivateKeyPem(char[] password) {
        return Pem.encrypted(privateKey, password);
    }

    /** A PKCS#12 file with the key and the chain under alias {@code 1}, protected by {@code password}. */
    public byte[] pkcs12(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("1", privateKey, password, chain.toArray(Certificate[]::new));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Writing PKCS#12 failed", e);
        }
    }

    public String pkcs12Base64(char[] password) {
        return Base64.getEncoder().encodeToString(pkcs12(password));
    }
}
