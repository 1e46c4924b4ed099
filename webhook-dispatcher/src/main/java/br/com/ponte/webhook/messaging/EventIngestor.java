package br.com.ponte.webhook.messaging;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.MalformedEventException;
import br.com.ponte.kit.outbox.ProcessedEvents;
import br.com.ponte.webhook.delivery.DeliveryWorker;
import br.com.ponte.webhook.domain.WebhookDelivery;
import br.com.ponte.webhook.domain.WebhookEndpoint;
import br.com.ponte.webhook.domain.WebhookMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Turns every event on the platform's topics into deliveries for the partner's matching endpoints.
 * The event id goes into the processed-event log in the same transaction as the deliveries, so a
 * redelivered event creates nothing twice. A record that is not an event goes to the topic's
 * {@code .dlq}; a database outage is waited out (the record is retried, never skipped).
 */
@ApplicationScoped
public class EventIngestor {

    static final String CONSUMER = "webhook-dispatcher";
    private static final Logger LOG = Logger.getLogger(EventIngestor.class);

    private final ProcessedEvents processed;
    private final DeliveryWorker worker;

    public EventIngestor(ProcessedEvents processed, DeliveryWorker worker) {
        this.processed = processed;
        this.worker = worker;
    }

    @Incoming("consent-events")
    Uni<Void> consentEvents(ConsumerRecord<String, String> record) {
        return ingest(record);
    }

    @Incoming("payment-events")
    Uni<Void> paymentEvents(ConsumerRecord<String, String> record) {
        return ingest(record);
    }

    @Incoming("sharing-events")
    Uni<Void> sharingEvents(ConsumerRecord<String, String> record) {
        return ingest(record);
    }

    @Incoming("collection-events")
    Uni<Void> collectionEvents(ConsumerRecord<String, String> record) {
        return ingest(record);
    }

    @Incoming("certificate-events")
    Uni<Void> certificateEvents(ConsumerRecord<String, String> record) {
        return ingest(record);
    }

    @Incoming("webhook-events")
    Uni<Void> webhookEvents(ConsumerRecord<String, String> record) {
        return ingest(record);
    }

    @Incoming("webhook-dead-letters")
    Uni<Void> webhookDeadLetters(ConsumerRecord<String, String> record) {
        return ingest(record);
    }

    Uni<Void> ingest(ConsumerRecord<String, String> record) {
        return Uni.createFrom().item(() -> EventCodec.decode(record.value()))
                .onFailure(MalformedEventException.class).invoke(e -> LOG.warnf(
                        "Malformed record %s-%d@%d sent to dead letters: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage()))
                .chain(event -> Panache.withTransaction(() -> processed.markProcessed(CONSUMER, event.id())
                                .chain(first -> first ? fanOut(event, record.value()) : Uni.createFrom().item(0)))
                        .onFailure().invoke(e -> LOG.warnf("Ingesting event %s failed, retrying: %s", event.id(), e.getMessage()))
                        .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely())
                .invoke(deliveries -> {
                    if (deliveries > 0) {
                        worker.wakeUp();
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Integer> fanOut(EventEnvelope event, String payload) {
        if (event.partnerId() == null) {
            return Uni.createFrom().item(0);
        }
        return WebhookEndpoint.receivingFor(event.partnerId()).chain(endpoints -> {
            // An operational event about an endpoint (its subject) is not sent to that endpoint:
            // it failed or is disabled, and a notice of its failure must not loop back to it.
            boolean aboutAnEndpoint = event.type().startsWith("webhook:") && !event.type().equals("webhook:test");
            List<WebhookEndpoint> matching = endpoints.stream()
                    .filter(e -> e.accepts(event.type()))
                    .filter(e -> !(aboutAnEndpoint && e.id.toString().equals(event.subject())))
                    .toList();
            if (matching.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Instant now = Instant.now();
            WebhookMessage message = WebhookMessage.of(event, payload, now);
            List<WebhookDelivery> deliveries = matching.stream()
                    .map(e -> WebhookDelivery.due(message, e.id, WebhookDelivery.SCHEDULED, now)).toList();
            return message.persist()
                    .chain(() -> Panache.getSession())
                    .chain(session -> session.persistAll(deliveries.toArray()))
                    .replaceWith(deliveries.size());
        });
    }
}
