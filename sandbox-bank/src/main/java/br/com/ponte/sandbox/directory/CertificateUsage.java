package br.com.ponte.sandbox.directory;

/** What a certificate the directory issues is for (cert-id1). */
public enum CertificateUsage {
    /** BRCAC client certificate: mutual TLS. Published in {@code transport.jwks}, {@code use} "tls". */
    TRANSPORT("tls"),
    /** BRSEAL signature certificate: client assertions, request objects, signed messages. {@code use} "sig". */
    SIGNING("sig");

    private final String jwkUse;

    CertificateUsage(String jwkUse) {
        this.jwkUse = jwkUse;
    }

    public String jwkUse() {
        return jwkUse;
    }
}
