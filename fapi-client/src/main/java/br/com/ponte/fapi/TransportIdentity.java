package br.com.ponte.fapi;

/**
 * The partner's transport (BRCAC) certificate chain and private key, PEM, for mutual TLS. Held in
 * memory only; {@link #toString()} never shows the key.
 */
public record TransportIdentity(String certificateChainPem, String privateKeyPem) {

    @Override
    public String toString() {
        return "TransportIdentity[key redacted]";
    }
}
