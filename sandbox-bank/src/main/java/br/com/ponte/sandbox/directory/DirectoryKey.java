package br.com.ponte.sandbox.directory;

import br.com.ponte.pki.Pem;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A public key the directory knows for a software statement: the certificate it issued (with its
 * chain below the root) and its {@code kid}, the key's RFC 7638 thumbprint. The private key went to
 * the caller and is not kept.
 */
public record DirectoryKey(String kid, CertificateUsage usage, String chainPem) {

    /** The certificate, then the CAs up to (not including) the root. */
    public List<X509Certificate> chain() {
        return Pem.certificates(chainPem);
    }
}
