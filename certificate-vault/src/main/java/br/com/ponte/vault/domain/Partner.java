package br.com.ponte.vault.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A partner (data receiver or payment initiator) and its API credentials. */
@Entity
@Table(name = "partner")
public class Partner extends PanacheEntityBase {

    public enum Status { ACTIVE, SUSPENDED }

    @Id
    public UUID id;

    public String name;

    @Column(name = "client_id")
    public String clientId;

    /** Argon2id hash of the client secret; the secret itself is shown once and never stored. */
    @Column(name = "secret_hash")
    public String secretHash;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Partner register(String name, String clientId, String secretHash, Instant now) {
        Partner partner = new Partner();
        partner.id = UUID.randomUUID();
        partner.name = name;
        partner.clientId = clientId;
        partner.secretHash = secretHash;
        partner.status = Status.ACTIVE;
        partner.createdAt = now;
        return partner;
    }

    public boolean canAuthenticate() {
        return status == Status.ACTIVE;
    }

    public static Uni<Partner> findByClientId(String clientId) {
        return find("clientId", clientId).firstResult();
    }
}
