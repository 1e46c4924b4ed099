package br.com.ponte.vault.audit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the append-only audit log: who did what to which resource, when. Inserted once per
 * {@code audit:recorded} event; the table refuses UPDATE, DELETE and TRUNCATE (V5__audit_log.sql).
 */
@Entity
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {

    /** The audit event's id. */
    @Id
    public UUID id;

    /** When the action happened. */
    @Column(name = "occurred_at", updatable = false)
    public Instant occurredAt;

    /** When the vault stored it. */
    @Column(name = "recorded_at", updatable = false)
    public Instant recordedAt;

    /** The service that acted. */
    @Column(updatable = false)
    public String source;

    @Column(name = "actor_type", updatable = false)
    public String actorType;

    @Column(name = "actor_id", updatable = false)
    public String actorId;

    @Column(updatable = false)
    public String action;

    @Column(name = "resource_type", updatable = false)
    public String resourceType;

    @Column(name = "resource_id", updatable = false)
    public String resourceId;

    @Column(name = "partner_id", updatable = false)
    public String partnerId;

    /** The details, a JSON object of strings. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(updatable = false)
    public String details;

    @Column(updatable = false)
    public String traceparent;
}
