package br.com.ponte.consent.dashboard;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A link a partner made for one user (CPF, and the company's CNPJ when the user acts for one) to open
 * their "Meus compartilhamentos": it can be followed once, before it expires. Its token is never
 * stored, only its hash ({@link DashboardKeys}).
 */
@Entity
@Table(name = "dashboard_link")
public class DashboardLink extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "partner_id")
    public String partnerId;

    @Column(name = "logged_user_document")
    public String loggedUserDocument;

    @Column(name = "business_entity_document")
    public String businessEntityDocument;

    /** SHA-256 (hex) of the link's token. */
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    /** When it was followed; null until then. */
    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    /** Whether it can be followed at {@code now}: never before, and not expired. */
    public boolean usableAt(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }

    /** Followed now: it cannot be followed again. */
    public void use(Instant now) {
        if (!usableAt(now)) {
            throw new IllegalStateException("Dashboard link " + id + " was used or expired");
        }
        usedAt = now;
    }

    static Uni<DashboardLink> lockedByTokenHash(String hash) {
        return find("tokenHash", hash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    static Uni<DashboardLink> findByIdempotencyKey(String partnerId, String key) {
        return find("partnerId = ?1 and idempotencyKey = ?2", partnerId, key).firstResult();
    }
}
