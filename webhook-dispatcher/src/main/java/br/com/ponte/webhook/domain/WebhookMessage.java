package br.com.ponte.webhook.domain;

import br.com.ponte.events.EventEnvelope;
import br.com.ponte.kit.tracing.Traceparent;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An event to deliver to a partner; its id is the event id, which is also the {@code webhook-id}. */
@Entity
@Table(name = "webhook_message")
public class WebhookMessage extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "partner_id")
    public String partnerId;

    @Column(name = "event_type")
    public String eventType;

    public String subject;

    public long sequence;

    @Column(name = "event_time")
    public Instant eventTime;

    /** The envelope exactly as it is sent (and signed). */
    public String payload;

    @Column(name = "received_at")
    public Instant receivedAt;

    /** The trace the event belongs to (W3C traceparent), or null. */
    public String traceparent;

    /** A message made here (a test message), in the current trace. */
    public static WebhookMessage of(EventEnvelope event, String payload, Instant now) {
        WebhookMessage message = new WebhookMessage();
        message.id = UUID.fromString(event.id());
        message.partnerId = event.partnerId();
        message.eventType = event.type();
        message.subject = event.subject();
        message.sequence = event.sequence();
        message.eventTime = event.time();
        message.payload = payload;
        message.receivedAt = now;
        message.traceparent = Traceparent.current();
        return message;
    }
}
