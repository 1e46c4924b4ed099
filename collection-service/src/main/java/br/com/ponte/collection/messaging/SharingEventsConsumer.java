package br.com.ponte.collection.messaging;

import br.com.ponte.collection.domain.ConsentStatus;
import br.com.ponte.collection.domain.Consents;
import br.com.ponte.kit.messaging.Effects;
import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.EventType;
import br.com.ponte.events.MalformedEventException;
import br.com.ponte.events.data.SharingConsentAuthorised;
import br.com.ponte.events.data.SharingResourceMultipleApproval;
import br.com.ponte.events.data.SharingResourceShared;
import br.com.ponte.events.data.SharingResourceStatusChanged;
import br.com.ponte.kit.messaging.DeadLetters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;


/**
 * Consumes {@code sharing.events} (group {@code collection-service}): one-line handlers that call the
 * {@link Consents} domain service. A record that is not a Ponte event (or whose data does not fit its
 * type) goes to {@code sharing.events.dlq} unchanged with {@code dead-letter-*} headers, counted in
 * {@code ponte_events_dead_lettered_total}; consumption goes on. A transient failure (database,
 * broker) is retried with backoff, never skipped: the offset is committed only after the effect.
 */
@ApplicationScoped
public class SharingEventsConsumer {

    private static final Logger LOG = Logger.getLogger(SharingEventsConsumer.class);

    private final Consents consents;
    private final MutinyEmitter<String> deadLetters;
    private final Counter deadLettered;
    private final io.vertx.mutiny.core.Vertx vertx;

    public SharingEventsConsumer(Consents consents, @Channel("sharing-dead-letters") MutinyEmitter<String> deadLetters,
                                 MeterRegistry registry, io.vertx.mutiny.core.Vertx vertx) {
        this.consents = consents;
        this.vertx = vertx;
        this.deadLetters = deadLetters;
        this.deadLettered = Counter.builder("ponte.events.dead.lettered").tag("topic", "sharing.events")
                .description("Records of sharing.events that were not events, sent to sharing.events.dlq").register(registry);
    }

    @Incoming("sharing-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        EventEnvelope event;
        java.util.function.Supplier<Uni<Void>> effect;
        try {
            event = EventCodec.decode(record.value());
            effect = effect(event);
        } catch (MalformedEventException e) {
            LOG.warnf("Malformed record %s-%d@%d sent to dead letters: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return DeadLetters.send(deadLetters, record, e.getMessage()).invoke(() -> deadLettered.increment());
        }
        return Effects.untilApplied(vertx, event.type() + " " + event.id(), effect);
    }

    /** The effect of one event; its data is decoded here, so a wrong shape is a malformed record. */
    private java.util.function.Supplier<Uni<Void>> effect(EventEnvelope event) {
        EventType type = event.eventType().orElse(null);
        if (type == null) {
            return () -> Uni.createFrom().voidItem();
        }
        return switch (type) {
            case SHARING_CONSENT_AUTHORISED -> {
                SharingConsentAuthorised d = event.dataAs(SharingConsentAuthorised.class);
                yield () -> consents.authorised(event.id(), new Consents.Authorised(event.subject(), event.partnerId(), d.transmitter(),
                        d.transmitterConsentId(), d.permissions(), d.authorisedAt(), d.expirationDateTime()));
            }
            case SHARING_RESOURCE_SHARED -> {
                SharingResourceShared d = event.dataAs(SharingResourceShared.class);
                yield () -> consents.resourceAvailable(event.id(), event.subject(), d.resourceId(), d.resourceType());
            }
            case SHARING_RESOURCE_MULTIPLE_APPROVAL -> {
                SharingResourceMultipleApproval d = event.dataAs(SharingResourceMultipleApproval.class);
                yield () -> consents.resourceAvailable(event.id(), event.subject(), d.resourceId(), d.resourceType());
            }
            case SHARING_RESOURCE_STATUS_CHANGED -> {
                SharingResourceStatusChanged d = event.dataAs(SharingResourceStatusChanged.class);
                yield () -> consents.resourceStatusChanged(event.id(), event.subject(), d.resourceId(), d.resourceType(), d.status());
            }
            case SHARING_CONSENT_REVOKED -> () -> consents.ended(event.id(), event.subject(), ConsentStatus.REVOKED);
            case SHARING_CONSENT_EXPIRED -> () -> consents.ended(event.id(), event.subject(), ConsentStatus.EXPIRED);
            default -> () -> Uni.createFrom().voidItem();
        };
    }
}
