package br.com.ponte.vault.certificate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** PEM as the vault reads it from configured files and writes it for chains and keys. */
final class PemFiles {

    private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private PemFiles() {
    }

    /** Every certificate in the given PEM files; an unreadable file stops the start with {@code property} named. */
    static List<X509Certificate> certificates(List<String> files, String property) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String file : files) {
            try (InputStream in = Files.newInputStream(Path.of(file.trim()))) {
                CertificateFactory.getInstance("X.509").generateCertificates(in)
                        .forEach(certificate -> certificates.add((X509Certificate) certificate));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(property + ": cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return certificates;
    }

    static String encode(List<X509Certificate> chain) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : chain) {
            try {
                out.append(block("CERTIFICATE", certificate.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    /** PKCS#8 {@code PRIVATE KEY}, unencrypted: only for the transport identity handed to services. */
    static String encode(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + MIME.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
