package br.com.ponte.consent.dashboard;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's open dashboard: what a link was exchanged for. The browser holds its token in a cookie;
 * it is found by the token's hash, and shows the consents of its user with its partner until it
 * expires.
 */
@Entity
@Table(name = "dashboard_session")
public class DashboardSession extends PanacheEntityBase {

    /** SHA-256 (hex) of the cookie's token. */
    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "link_id")
    public UUID linkId;

    @Column(name = "partner_id")
    public String partnerId;

    @Column(name = "logged_user_document")
    public String loggedUserDocument;

    @Column(name = "business_entity_document")
    public String businessEntityDocument;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public boolean openAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
