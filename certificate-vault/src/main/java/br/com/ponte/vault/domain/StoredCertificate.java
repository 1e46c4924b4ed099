package br.com.ponte.vault.domain;

import br.com.ponte.kit.crypto.EnvelopeCipher;
import br.com.ponte.vault.certificate.CertificateUsage;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A partner's certificate with its private key, sealed (envelope encryption). The key columns are
 * cleared when the certificate is revoked: the key is shredded, not just marked.
 */
@Entity
@Table(name = "certificate")
public class StoredCertificate extends PanacheEntityBase {

    public enum Status { ACTIVE, REPLACED, REVOKED, EXPIRED }

    @Id
    public UUID id;

    @Column(name = "partner_id")
    public UUID partnerId;

    @Enumerated(EnumType.STRING)
    public CertificateUsage usage;

    @Enumerated(EnumType.STRING)
    public Status status;

    public String subject;

    public String issuer;

    @Column(name = "serial_number")
    public String serialNumber;

    @Column(name = "not_before")
    public Instant notBefore;

    @Column(name = "not_after")
    public Instant notAfter;

    @Column(name = "fingerprint_sha256")
    public String fingerprintSha256;

    /** The certificate and its intermediates, PEM: public. */
    @Column(name = "chain_pem")
    public String chainPem;

    @Column(name = "key_algorithm")
    public String keyAlgorithm;

    @Column(name = "key_cipher")
    public byte[] keyCipher;

    @Column(name = "key_iv")
    public byte[] keyIv;

    @Column(name = "key_data_key_wrapped")
    public byte[] keyDataKeyWrapped;

    @Column(name = "key_data_key_iv")
    public byte[] keyDataKeyIv;

    @Column(name = "master_key_id")
    public String masterKeyId;

    @Column(name = "expiry_notice_days")
    public Integer expiryNoticeDays;

    @Column(name = "replaces_id")
    public UUID replacesId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "replaced_at")
    public Instant replacedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revocation_reason")
    public String revocationReason;

    public void sealKey(EnvelopeCipher.Sealed sealed) {
        keyCipher = sealed.ciphertext();
        keyIv = sealed.iv();
        keyDataKeyWrapped = sealed.wrappedDataKey();
        keyDataKeyIv = sealed.dataKeyIv();
        masterKeyId = sealed.masterKeyId();
    }

    public EnvelopeCipher.Sealed sealedKey() {
        if (keyCipher == null) {
            throw new IllegalStateException("The key of certificate " + id + " was shredded");
        }
        return new EnvelopeCipher.Sealed(keyCipher, keyIv, keyDataKeyWrapped, keyDataKeyIv, masterKeyId);
    }

    public void replaced(Instant now) {
        status = Status.REPLACED;
        replacedAt = now;
    }

    public void revoke(String reason, Instant now) {
        status = Status.REVOKED;
        revokedAt = now;
        revocationReason = reason;
        keyCipher = null;
        keyIv = null;
        keyDataKeyWrapped = null;
        keyDataKeyIv = null;
        masterKeyId = null;
    }

    public static Uni<List<StoredCertificate>> listForPartner(UUID partnerId) {
        return list("partnerId = ?1 order by createdAt desc", partnerId);
    }

    /** The partner's certificate, or null: another partner's certificate does not exist for it. */
    public static Uni<StoredCertificate> findForPartner(UUID id, UUID partnerId) {
        return find("id = ?1 and partnerId = ?2", id, partnerId).firstResult();
    }

    public static Uni<StoredCertificate> activeFor(UUID partnerId, CertificateUsage usage) {
        return find("partnerId = ?1 and usage = ?2 and status = ?3", partnerId, usage, Status.ACTIVE).firstResult();
    }
}
