package br.com.ponte.fapi;

import io.smallrye.mutiny.Uni;

import java.util.Map;

/**
 * Signs JWTs PS256 with the partner's signing (BRSEAL) key: client assertions, request objects,
 * payment request bodies. In Ponte the key never leaves certificate-vault, so services sign
 * through the vault; {@link LocalJwsSigner} is the in-process implementation the vault itself uses.
 */
@FunctionalInterface
public interface JwsSigner {

    /**
     * @param claims the JWT claims
     * @param type   the {@code typ} header, e.g. {@code JWT}
     * @return the compact JWS, header {@code alg} PS256 and {@code kid} the signing key's RFC 7638 thumbprint
     */
    Uni<String> sign(Map<String, Object> claims, String type);
}
