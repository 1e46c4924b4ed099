package br.com.ponte.vault.certificate;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.audit.Actor;
import br.com.ponte.kit.audit.Audit;
import br.com.ponte.kit.crypto.EnvelopeCipher;
import br.com.ponte.vault.domain.OfbOrganization;
import br.com.ponte.vault.domain.StoredCertificate;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Uploads, replaces and revokes partners' certificates. The checks and the sealing (CPU work:
 * key parsing, PKCS#12 key derivation, RSA) run off the event loop; the key is sealed before
 * anything is written, and the clear key and password are wiped after use.
 */
@ApplicationScoped
public class CertificateService {

    private final CertificateInspector inspector;
    private final EnvelopeCipher cipher;
    private final Vertx vertx;
    private final Audit audit;

    public CertificateService(CertificateInspector inspector, EnvelopeCipher cipher, Vertx vertx, Audit audit) {
        this.inspector = inspector;
        this.cipher = cipher;
        this.vertx = vertx;
        this.audit = audit;
    }

    /** A new certificate; refused while the partner has an ACTIVE one of that usage (replace it instead). */
    public Uni<StoredCertificate> upload(UUID partnerId, CertificateUsage usage, UploadedMaterial material) {
        return inspectAndSeal(partnerId, usage, material).chain(created -> Panache.withTransaction(() ->
                        StoredCertificate.activeFor(partnerId, usage).chain(active -> {
                            if (active != null) {
                                throw ApiException.conflict("CERTIFICADO_ATIVO_EXISTENTE", "There is already an active "
                                        + usage + " certificate (" + active.id + "); replace it with PUT /v1/certificates/"
                                        + active.id);
                            }
                            return created.persist().call(() -> audit.record(Actor.partner(partnerId.toString()),
                                    "certificate.uploaded", "certificate", created.id.toString(), partnerId.toString(),
                                    describe(created), created.createdAt));
                        }))
                .onFailure(CertificateService::isSecondActive).transform(e -> ApiException.conflict(
                        "CERTIFICADO_ATIVO_EXISTENTE", "Another " + usage + " certificate was activated meanwhile"))
                .replaceWith(created));
    }

    /** Replaces the partner's ACTIVE certificate {@code id} by a new one of the same usage, atomically. */
    public Uni<StoredCertificate> replace(UUID partnerId, UUID id, CertificateUsage usage, UploadedMaterial material) {
        return Panache.withSession(() -> StoredCertificate.findForPartner(id, partnerId)).chain(current -> {
            requireActive(current, id);
            if (usage != null && usage != current.usage) {
                throw ApiException.unprocessable("PARAMETRO_INVALIDO", "Certificate " + id + " is a " + current.usage
                        + " certificate; it cannot be replaced by a " + usage + " one");
            }
            return inspectAndSeal(partnerId, current.usage, material);
        }).chain(created -> Panache.withTransaction(() -> StoredCertificate.findForPartner(id, partnerId)
                        .chain(current -> {
                            requireActive(current, id);
                            current.replaced(Instant.now());
                            created.replacesId = current.id;
                            // the old one leaves ACTIVE before the new one enters it (one active per usage)
                            Actor partner = Actor.partner(partnerId.toString());
                            Map<String, String> uploaded = describe(created);
                            uploaded.put("replaces", current.id.toString());
                            Map<String, String> replaced = describe(current);
                            replaced.put("replacedBy", created.id.toString());
                            return current.persistAndFlush().chain(created::persist)
                                    .call(() -> audit.record(partner, "certificate.uploaded", "certificate",
                                            created.id.toString(), partnerId.toString(), uploaded, created.createdAt))
                                    .call(() -> audit.record(partner, "certificate.replaced", "certificate",
                                            current.id.toString(), partnerId.toString(), replaced, current.replacedAt));
                        }))
                .onFailure(CertificateService::isSecondActive).transform(e -> ApiException.conflict(
                        "CERTIFICADO_ATIVO_EXISTENTE", "Another certificate was activated meanwhile"))
                .replaceWith(created));
    }

    /** Revokes and shreds the key. Revoking a revoked certificate changes nothing. */
    public Uni<StoredCertificate> revoke(UUID partnerId, UUID id, String reason) {
        return Panache.withTransaction(() -> StoredCertificate.findForPartner(id, partnerId).chain(certificate -> {
            if (certificate == null) {
                throw ApiException.notFound("No certificate " + id);
            }
            if (certificate.status == StoredCertificate.Status.REVOKED) {
                return Uni.createFrom().item(certificate);
            }
            certificate.revoke(reason, Instant.now());
            Map<String, String> details = describe(certificate);
            if (reason != null) {
                details.put("reason", reason);
            }
            return certificate.persist()
                    .call(() -> audit.record(Actor.partner(partnerId.toString()), "certificate.revoked", "certificate",
                            certificate.id.toString(), partnerId.toString(), details, certificate.revokedAt))
                    .replaceWith(certificate);
        }));
    }

    /** What the audit log says of a certificate: public facts only (never its key). */
    public static Map<String, String> describe(StoredCertificate certificate) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("usage", certificate.usage.name());
        details.put("serialNumber", certificate.serialNumber);
        details.put("fingerprintSha256", certificate.fingerprintSha256);
        details.put("notAfter", String.valueOf(certificate.notAfter));
        return details;
    }

    private static void requireActive(StoredCertificate certificate, UUID id) {
        if (certificate == null) {
            throw ApiException.notFound("No certificate " + id);
        }
        if (certificate.status != StoredCertificate.Status.ACTIVE) {
            throw ApiException.conflict("CERTIFICADO_NAO_ATIVO", "Certificate " + id + " is " + certificate.status
                    + "; only an ACTIVE certificate can be replaced");
        }
    }

    private Uni<StoredCertificate> inspectAndSeal(UUID partnerId, CertificateUsage usage, UploadedMaterial material) {
        return Panache.withSession(() -> OfbOrganization.<OfbOrganization>findById(partnerId)).chain(organization -> {
            if (organization == null) {
                wipe(material);
                throw ApiException.unprocessable("CREDENCIAIS_NAO_CADASTRADAS", "Register the organizationId and "
                        + "softwareStatementId first (PUT /v1/ofb-credentials): certificates are checked against them");
            }
            CertificateInspector.Organization expected = new CertificateInspector.Organization(
                    organization.organizationId, organization.softwareStatementId);
            return vertx.executeBlocking(Uni.createFrom().item(() -> {
                try {
                    return seal(partnerId, usage, inspector.inspect(usage, material, expected, Instant.now()));
                } finally {
                    wipe(material);
                }
            }));
        });
    }

    private StoredCertificate seal(UUID partnerId, CertificateUsage usage, InspectedCertificate inspected) {
        X509Certificate leaf = inspected.leaf();
        StoredCertificate stored = new StoredCertificate();
        stored.id = UUID.randomUUID();
        stored.partnerId = partnerId;
        stored.usage = usage;
        stored.status = StoredCertificate.Status.ACTIVE;
        stored.subject = X500Name.getInstance(BCStyle.INSTANCE, leaf.getSubjectX500Principal().getEncoded()).toString();
        stored.issuer = X500Name.getInstance(BCStyle.INSTANCE, leaf.getIssuerX500Principal().getEncoded()).toString();
        stored.serialNumber = leaf.getSerialNumber().toString(16).toUpperCase();
        stored.notBefore = leaf.getNotBefore().toInstant();
        stored.notAfter = leaf.getNotAfter().toInstant();
        stored.fingerprintSha256 = fingerprint(leaf);
        stored.chainPem = PemFiles.encode(inspected.chain());
        stored.keyAlgorithm = inspected.privateKey().getAlgorithm();
        stored.createdAt = Instant.now();
        byte[] pkcs8 = inspected.privateKey().getEncoded();
        try {
            stored.sealKey(cipher.seal(pkcs8, stored.id.toString()));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        return stored;
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void wipe(UploadedMaterial material) {
        if (material.password() != null) {
            Arrays.fill(material.password(), '\0');
        }
        if (material.pkcs12() != null) {
            Arrays.fill(material.pkcs12(), (byte) 0);
        }
    }

    private static boolean isSecondActive(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("certificate_one_active")) {
                return true;
            }
        }
        return false;
    }
}
