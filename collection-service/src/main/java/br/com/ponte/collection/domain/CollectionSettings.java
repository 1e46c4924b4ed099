package br.com.ponte.collection.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A partner's collection settings; none stored means the defaults. */
@Entity
@Table(name = "collection_settings")
public class CollectionSettings extends PanacheEntityBase {

    @Id
    @Column(name = "partner_id")
    public String partnerId;

    @Enumerated(EnumType.STRING)
    public Retention retention;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
