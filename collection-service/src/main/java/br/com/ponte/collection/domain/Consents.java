package br.com.ponte.collection.domain;

import br.com.ponte.collection.config.CollectionConfig;
import br.com.ponte.collection.persistence.ConsentDataDeletion;
import br.com.ponte.collection.persistence.StoredAnswers;
import br.com.ponte.events.data.CollectionDataDeleted;
import br.com.ponte.kit.outbox.Outbox;
import br.com.ponte.kit.outbox.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The sharing consents collected and their resources, as {@code sharing.events} tells them. Each event
 * takes effect once (processed-event log) in one transaction with what it starts: the consent stored,
 * the tasks planned (initial collection, {@code collection:started}), tasks stopped or resumed, and at
 * the consent's end the partner's retention policy applied ({@code collection:data:deleted}). An event
 * about a consent this service never saw authorised changes nothing.
 */
@ApplicationScoped
public class Consents {

    private static final Logger LOG = Logger.getLogger(Consents.class);
    static final String CONSUMER = "collection-service/sharing-events";

    /** What an event says, already decoded. */
    public record Authorised(String consentId, String partnerId, String transmitter, String transmitterConsentId,
                             List<String> permissions, Instant authorisedAt, Instant expirationDateTime) {
    }

    private final ProcessedEvents processed;
    private final Tasks tasks;
    private final Outbox outbox;
    private final StoredAnswers answers;
    private final ConsentDataDeletion deletion;
    private final CollectionConfig config;

    public Consents(ProcessedEvents processed, Tasks tasks, Outbox outbox, StoredAnswers answers,
                    ConsentDataDeletion deletion, CollectionConfig config) {
        this.processed = processed;
        this.tasks = tasks;
        this.outbox = outbox;
        this.answers = answers;
        this.deletion = deletion;
        this.config = config;
    }

    /** Runs {@code effect} once per event id, in one transaction with the mark. */
    private <T> Uni<Void> once(String eventId, java.util.function.Supplier<Uni<T>> effect) {
        return Panache.withTransaction(() -> processed.markProcessed(CONSUMER, eventId)
                .chain(first -> first ? effect.get().replaceWithVoid() : Uni.createFrom().voidItem()));
    }

    /** The consent, locked, when known; null otherwise. */
    private static Uni<CollectedConsent> locked(String consentId) {
        UUID id;
        try {
            id = UUID.fromString(consentId);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().nullItem();
        }
        return CollectedConsent.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** {@code sharing:consent:authorised}: the consent is stored; its registration data is collected. */
    public Uni<Void> authorised(String eventId, Authorised event) {
        return once(eventId, () -> locked(event.consentId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            Instant now = Instant.now();
            CollectedConsent consent = new CollectedConsent();
            consent.id = UUID.fromString(event.consentId());
            consent.partnerId = event.partnerId();
            consent.transmitter = event.transmitter();
            consent.transmitterConsentId = event.transmitterConsentId();
            consent.permissions = Json.write(event.permissions() == null ? List.of() : event.permissions());
            consent.status = ConsentStatus.AUTHORISED;
            consent.authorisedAt = event.authorisedAt();
            consent.expirationDateTime = event.expirationDateTime();
            consent.createdAt = now;
            consent.updatedAt = now;
            List<Tasks.Planned> registration = Operation.registrationTasks(consent.permissionList()).stream()
                    .map(op -> new Tasks.Planned(op, CollectionTask.WHOLE_CONSENT)).toList();
            return consent.persist().chain(() -> registration.isEmpty() ? Uni.createFrom().voidItem()
                    : tasks.plan(consent, registration, CollectionRun.INITIAL, now.plus(config.initialDelay()), now).replaceWithVoid());
        }));
    }

    /**
     * {@code sharing:resource:shared} / {@code sharing:resource:multiple-approval}: the resource is
     * available; every operation the consent's permissions allow is collected.
     */
    public Uni<Void> resourceAvailable(String eventId, String consentId, String resourceId, String type) {
        return once(eventId, () -> locked(consentId).chain(consent -> {
            if (consent == null || consent.status != ConsentStatus.AUTHORISED || DataGroup.ofResourceType(type) == null) {
                LOG.debugf("Resource %s of consent %s: nothing to collect (unknown consent, ended, or type %s)", resourceId, consentId, type);
                return Uni.createFrom().voidItem();
            }
            return makeAvailable(consent, resourceId, type);
        }));
    }

    private Uni<Void> makeAvailable(CollectedConsent consent, String resourceId, String type) {
        Instant now = Instant.now();
        return SharedResource.find(consent.id, resourceId).chain(resource -> {
            if (resource == null) {
                resource = new SharedResource();
                resource.id = UUID.randomUUID();
                resource.consentId = consent.id;
                resource.resourceId = resourceId;
                resource.type = type;
                resource.status = ResourceStatus.AVAILABLE;
                resource.availableSince = now;
                resource.updatedAt = now;
                return resource.persist().chain(() -> planResource(consent, resourceId, type, CollectionRun.INITIAL, now));
            }
            resource.moveTo(ResourceStatus.AVAILABLE, now);
            return planResource(consent, resourceId, type, null, now);
        });
    }

    private Uni<Void> planResource(CollectedConsent consent, String resourceId, String type, String trigger, Instant now) {
        List<Operation> ops = Operation.tasksForResource(type, consent.permissionList());
        List<Tasks.Planned> planned = new ArrayList<>();
        List<Operation> lists = new ArrayList<>();
        for (Operation op : ops) {
            if (op.perResource()) {
                planned.add(new Tasks.Planned(op, resourceId));
            } else {
                lists.add(op);
            }
        }
        Instant due = now.plus(config.initialDelay());
        // A list already collected is read again only when it lacks this resource: a read that cannot help is not made.
        Uni<Void> listsPlanned = Uni.createFrom().voidItem();
        for (Operation list : lists) {
            listsPlanned = listsPlanned.chain(() -> CollectionTask.find(consent.id, list, CollectionTask.WHOLE_CONSENT)
                    .chain(task -> task == null || task.lastSuccessAt == null ? Uni.createFrom().item(true)
                            : answers.get(consent.id, list, CollectionTask.WHOLE_CONSENT, null)
                            .map(stored -> stored == null || !lists(stored.data(), resourceId)))
                    .invoke(needed -> {
                        if (needed) {
                            planned.add(0, new Tasks.Planned(list, CollectionTask.WHOLE_CONSENT));
                        }
                    }).replaceWithVoid());
        }
        return listsPlanned.chain(() -> tasks.plan(consent, planned, trigger, due, now)).replaceWithVoid();
    }

    /** Whether a list answer (accounts, cards, contracts) names this resource. */
    static boolean lists(com.fasterxml.jackson.databind.JsonNode data, String resourceId) {
        for (com.fasterxml.jackson.databind.JsonNode item : data) {
            for (String field : List.of("accountId", "creditCardAccountId", "contractId")) {
                if (resourceId.equals(item.path(field).asText(null))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code sharing:resource:status:changed}: collection resumes (AVAILABLE) or stops (any other status). */
    public Uni<Void> resourceStatusChanged(String eventId, String consentId, String resourceId, String type, String status) {
        ResourceStatus next = ResourceStatus.fromWire(status);
        return once(eventId, () -> locked(consentId).chain(consent -> {
            if (consent == null || consent.status != ConsentStatus.AUTHORISED || next == null) {
                return Uni.createFrom().voidItem();
            }
            if (next == ResourceStatus.AVAILABLE) {
                return makeAvailable(consent, resourceId, type);
            }
            Instant now = Instant.now();
            return SharedResource.find(consent.id, resourceId).chain(resource -> {
                if (resource == null) {
                    return Uni.createFrom().voidItem();
                }
                if (!resource.moveTo(next, now)) {
                    LOG.infof("Resource %s of consent %s: %s to %s is not a move, ignored", resourceId, consentId, resource.status, next);
                    return Uni.createFrom().voidItem();
                }
                return CollectionTask.ofResource(consent.id, resourceId).chain(list -> tasks.stop(consent, list, now));
            });
        }));
    }

    /**
     * {@code sharing:consent:revoked} / {@code sharing:consent:expired}: collection stops, then the
     * partner's retention policy applies: by default every collected row goes, in this transaction,
     * with {@code collection:data:deleted}; with KEEP the data stays readable.
     */
    public Uni<Void> ended(String eventId, String consentId, ConsentStatus end) {
        return once(eventId, () -> locked(consentId).chain(consent -> {
            if (consent == null || !consent.status.canBecome(end)) {
                return Uni.createFrom().voidItem();
            }
            Instant now = Instant.now();
            consent.end(end, now);
            return tasks.stopAll(consent, now)
                    .chain(() -> CollectionSettings.<CollectionSettings>findById(consent.partnerId))
                    .chain(settings -> {
                        Retention retention = settings == null ? Retention.DELETE_AT_END : settings.retention;
                        if (retention == Retention.KEEP) {
                            return Uni.createFrom().voidItem();
                        }
                        return Panache.getSession().chain(session -> session.flush())
                                .chain(() -> deletion.deleteAll(consent.id)).chain(counts -> {
                            consent.dataDeletedAt = now;
                            return outbox.append(new CollectionDataDeleted(consent.id.toString(), consent.transmitter,
                                    end.name(), counts, now), consent.eventSubject(), consent.partnerId);
                        }).replaceWithVoid();
                    });
        }));
    }

    /** Runs {@code change} on the partner's consent, locked, in a transaction; null when it is not theirs. */
    public <T> Uni<T> withConsent(UUID consentId, String partnerId, Function<CollectedConsent, Uni<T>> change) {
        return Panache.withTransaction(() -> CollectedConsent.<CollectedConsent>findById(consentId, LockModeType.PESSIMISTIC_WRITE)
                .chain(consent -> consent == null || !consent.partnerId.equals(partnerId) ? Uni.createFrom().nullItem()
                        : change.apply(consent)));
    }
}
