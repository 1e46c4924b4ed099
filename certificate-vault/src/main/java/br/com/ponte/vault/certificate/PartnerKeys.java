package br.com.ponte.vault.certificate;

import br.com.ponte.fapi.LocalJwsSigner;
import br.com.ponte.fapi.TransportIdentity;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.crypto.EnvelopeCipher;
import br.com.ponte.vault.domain.StoredCertificate;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * The vault's use of partners' keys. The signing (BRSEAL) key never leaves the vault: it signs on
 * the partner's behalf. The transport (BRCAC) key is needed inside the TLS stack of the service that
 * calls the transmitter, so it is released to authenticated platform services only (never to a
 * partner, never logged), for them to hold in memory.
 */
@ApplicationScoped
public class PartnerKeys {

    private final EnvelopeCipher cipher;
    private final Vertx vertx;

    public PartnerKeys(EnvelopeCipher cipher, Vertx vertx) {
        this.cipher = cipher;
        this.vertx = vertx;
    }

    /** The partner's ACTIVE certificate of that usage; 409 when there is none. */
    public Uni<StoredCertificate> active(UUID partnerId, CertificateUsage usage) {
        return Panache.withSession(() -> StoredCertificate.activeFor(partnerId, usage)).map(certificate -> {
            if (certificate == null) {
                throw ApiException.conflict("CERTIFICADO_NAO_CADASTRADO", "The partner has no active " + usage
                        + " certificate (POST /v1/certificates)");
            }
            return certificate;
        });
    }

    /** A PS256 signature by the partner's active signing key, kid = its RFC 7638 thumbprint. */
    public Uni<String> sign(UUID partnerId, Map<String, Object> claims, String type) {
        return active(partnerId, CertificateUsage.SIGNING).chain(certificate -> sign(certificate, claims, type));
    }

    /** A PS256 signature by this (signing) certificate's key, kid = its RFC 7638 thumbprint. */
    public Uni<String> sign(StoredCertificate certificate, Map<String, Object> claims, String type) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> signer(certificate).signNow(claims, type)));
    }

    /** A signer for the partner's active signing key, for the vault's own calls (DCR). */
    public Uni<LocalJwsSigner> signer(UUID partnerId) {
        return active(partnerId, CertificateUsage.SIGNING).map(this::signer);
    }

    /** The partner's transport certificate chain and key, for mutual TLS. */
    public Uni<TransportIdentity> transportIdentity(UUID partnerId) {
        return active(partnerId, CertificateUsage.TRANSPORT).map(this::transportIdentity);
    }

    /** This (transport) certificate's chain and key, for mutual TLS. */
    public TransportIdentity transportIdentity(StoredCertificate certificate) {
        return new TransportIdentity(certificate.chainPem, PemFiles.encode(privateKey(certificate)));
    }

    LocalJwsSigner signer(StoredCertificate certificate) {
        try {
            RSAPublicKey publicKey = (RSAPublicKey) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(certificate.chainPem.getBytes())).getPublicKey();
            return new LocalJwsSigner(privateKey(certificate), publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Certificate " + certificate.id + " cannot be read", e);
        }
    }

    private PrivateKey privateKey(StoredCertificate certificate) {
        byte[] pkcs8 = cipher.open(certificate.sealedKey(), certificate.id.toString());
        try {
            return KeyFactory.getInstance(certificate.keyAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The key of certificate " + certificate.id + " cannot be read", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }
}
