package br.com.ponte.vault.certificate;

/** What a certificate is for, in Open Finance Brasil's terms (cert-id1). */
public enum CertificateUsage {
    /** BRCAC client certificate: mutual TLS and {@code private_key_jwt} client authentication. */
    TRANSPORT,
    /** BRSEAL signature certificate: JWS signatures of request objects and payment bodies. */
    SIGNING
}
