package br.com.ponte.vault.certificate;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** An upload that passed every check: the leaf first in {@code chain}, then its intermediates. */
public record InspectedCertificate(X509Certificate leaf, List<X509Certificate> chain, PrivateKey privateKey) {
}
