package br.com.ponte.vault.certificate;

/**
 * What a partner uploads: either {@code certificatePem} (the certificate, optionally followed by
 * its intermediates) with {@code privateKeyPem} (PKCS#8 or PKCS#1, optionally encrypted with
 * {@code password}), or {@code pkcs12} (the file's bytes) with its {@code password}.
 */
public record UploadedMaterial(String certificatePem, String privateKeyPem, byte[] pkcs12, char[] password) {
}
