package br.com.ponte.collection.domain;

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

/**
 * One run collecting the data a user shared through a data-sharing consent from its transmitter.
 * (Not {@link java.util.Collection}: mind the import.)
 */
@Entity
@Table(name = "collection")
public class Collection extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "partner_id")
    public String partnerId;

    /** The data-sharing consent (consent-service's id) whose data is collected. */
    @Column(name = "consent_id")
    public UUID consentId;

    public String transmitter;

    @Enumerated(EnumType.STRING)
    public CollectionStatus status;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public static Uni<Collection> findForPartner(UUID id, String partnerId) {
        return find("id = ?1 and partnerId = ?2", id, partnerId).firstResult();
    }
}
