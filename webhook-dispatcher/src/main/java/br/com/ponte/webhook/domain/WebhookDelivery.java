package br.com.ponte.webhook.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The delivery of one message to one endpoint. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    public static final String SCHEDULED = "SCHEDULED";
    public static final String MANUAL = "MANUAL";

    @Id
    public UUID id;

    @Column(name = "message_id")
    public UUID messageId;

    @Column(name = "endpoint_id")
    public UUID endpointId;

    /** The message's subject and sequence, copied here for ordered delivery. */
    public String subject;

    public long sequence;

    @Enumerated(EnumType.STRING)
    public DeliveryStatus status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "locked_until")
    public Instant lockedUntil;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error")
    public String lastError;

    /** What the next attempt is: SCHEDULED (the retry schedule) or MANUAL (a retry or recovery asked by the partner). */
    @Column(name = "trigger_kind")
    public String triggerKind;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Due at once: the first attempt of the schedule is immediate. */
    public static WebhookDelivery due(WebhookMessage message, UUID endpointId, String trigger, Instant now) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.id = UUID.randomUUID();
        delivery.messageId = message.id;
        delivery.endpointId = endpointId;
        delivery.subject = message.subject;
        delivery.sequence = message.sequence;
        delivery.status = DeliveryStatus.PENDING;
        delivery.attempts = 0;
        delivery.nextAttemptAt = now;
        delivery.triggerKind = trigger;
        delivery.createdAt = now;
        delivery.updatedAt = now;
        return delivery;
    }
}
