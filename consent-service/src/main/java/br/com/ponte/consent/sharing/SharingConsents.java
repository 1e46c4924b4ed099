package br.com.ponte.consent.sharing;

import br.com.ponte.consent.authorisation.Authorisations;
import br.com.ponte.consent.authorisation.BankAuthorisations;
import br.com.ponte.consent.authorisation.ConsentKind;
import br.com.ponte.consent.config.SharingConfig;
import br.com.ponte.events.EventData;
import br.com.ponte.events.EventTime;
import br.com.ponte.events.data.SharingConsentAuthorised;
import br.com.ponte.events.data.SharingConsentCreated;
import br.com.ponte.events.data.SharingConsentExpired;
import br.com.ponte.events.data.SharingConsentExpiring;
import br.com.ponte.events.data.SharingConsentExtended;
import br.com.ponte.events.data.SharingConsentRejected;
import br.com.ponte.events.data.SharingConsentRevoked;
import br.com.ponte.events.data.SharingResourceMultipleApproval;
import br.com.ponte.events.data.SharingResourcePending;
import br.com.ponte.events.data.SharingResourceShared;
import br.com.ponte.events.data.SharingResourceStatusChanged;
import br.com.ponte.events.data.SharingSessionConsent;
import br.com.ponte.events.data.SharingSessionFinished;
import br.com.ponte.events.data.SharingSessionStarted;
import br.com.ponte.fapi.Tokens;
import br.com.ponte.kit.audit.Actor;
import br.com.ponte.kit.audit.Audit;
import br.com.ponte.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The state changes of sessions, sharing consents and their resources, each committed in one
 * transaction with its events (outbox): session events on the session id, consent and resource
 * events on the consent id, so a receiver orders a consent's story by {@code time}, then
 * {@code sequence}. The calls to the banks happen between these transactions, never inside one.
 */
@ApplicationScoped
public class SharingConsents {

    private static final Logger LOG = Logger.getLogger(SharingConsents.class);
    /** The consents API v3's time to authorise, plus a minute for the institution to have marked it. */
    static final Duration AUTHORISATION_WINDOW = Duration.ofMinutes(61);

    private final Outbox outbox;
    private final Authorisations authorisations;
    private final SharingConfig config;
    private final Audit audit;

    public SharingConsents(Outbox outbox, Authorisations authorisations, SharingConfig config, Audit audit) {
        this.outbox = outbox;
        this.authorisations = authorisations;
        this.config = config;
        this.audit = audit;
    }

    /** Stores a validated session and writes {@code sharing:session:started}. */
    public Uni<SharingSession> start(SharingSession session) {
        String subject = session.id.toString();
        List<RequestedGroup> requested = session.requested();
        return Panache.withTransaction(() -> session.<SharingSession>persist()
                .call(() -> outbox.append(new SharingSessionStarted(subject, session.purpose,
                        requested.stream().map(r -> r.group().name()).toList(),
                        requested.stream().filter(RequestedGroup::mandatory).map(r -> r.group().name()).toList(),
                        session.durationMonths, session.institutionList(), session.expiresAt),
                        subject, session.partnerId, session.createdAt)));
    }

    /** Loads the session in a transaction, locked, applies {@code change} and commits. */
    public Uni<SharingSession> changeSession(UUID id, Function<SharingSession, Uni<SharingSession>> change) {
        return Panache.withTransaction(() -> SharingSession.<SharingSession>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(session -> session == null ? Uni.createFrom().nullItem() : change.apply(session)));
    }

    /**
     * The user finished (FINISHED) or the session's time ran out (EXPIRED): {@code sharing:session:finished}
     * with the consents made in it. A session ended already is left as it is.
     */
    public Uni<SharingSession> endSession(UUID id, boolean finishedByUser) {
        return changeSession(id, session -> {
            if (session.status.isFinal()) {
                return Uni.createFrom().item(session);
            }
            Instant now = EventTime.now();
            if (finishedByUser) {
                session.finish(now);
            } else {
                session.expire(now);
            }
            return SharingConsent.ofSession(session.id).chain(consents -> outbox.append(new SharingSessionFinished(
                    session.id.toString(), finishedByUser ? "FINISHED" : "EXPIRED",
                    consents.stream().map(c -> new SharingSessionConsent(c.id.toString(), c.transmitter, c.status.name())).toList(),
                    now), session.id.toString(), session.partnerId, now)).replaceWith(session);
        });
    }

    /** A consent about to be created at the institution (its id is the creation's idempotency key); no event yet. */
    public Uni<SharingConsent> open(SharingConsent consent) {
        return Panache.withTransaction(consent::persist);
    }

    /**
     * The institution created the consent and its authorisation was pushed: {@code sharing:consent:created}
     * with the permissions it kept. A second call changes nothing.
     */
    public Uni<SharingConsent> createdAtBank(UUID id, SharingBank.Created created) {
        return change(id, consent -> {
            if (consent.transmitterConsentId != null || consent.status.isFinal()) {
                return Uni.createFrom().item(consent);
            }
            consent.createdAtBank(created.transmitterConsentId(), created.permissions(), created.pushed().authorisationUrl());
            // read again once the institution's window to authorise (consents API v3: 60 minutes) is over
            consent.nextCheckAt = EventTime.now().plus(AUTHORISATION_WINDOW);
            return authorisations.pushed(ConsentKind.SHARING, consent.id, consent.partnerId, consent.transmitter,
                            created.transmitterConsentId(), created.pushed())
                    .chain(() -> record(consent, new SharingConsentCreated(s(consent.sessionId), consent.id.toString(),
                            consent.transmitter, consent.transmitterConsentId, consent.status.name(), consent.permissionList(),
                            consent.expirationDateTime), EventTime.now()));
        });
    }

    /** A fresh redirect for a consent still awaiting the user; no event. */
    public Uni<SharingConsent> pushedAgain(UUID id, BankAuthorisations.Pushed pushed) {
        return change(id, consent -> {
            if (consent.status != SharingStatus.AWAITING_AUTHORISATION) {
                return Uni.createFrom().item(consent);
            }
            consent.authorisationUrl = pushed.authorisationUrl();
            return authorisations.pushed(ConsentKind.SHARING, consent.id, consent.partnerId, consent.transmitter,
                    consent.transmitterConsentId, pushed).replaceWith(consent);
        });
    }

    /**
     * The user authorised it at the institution: what was granted, until when, the user's tokens kept;
     * {@code sharing:consent:authorised}. Its resources are read next.
     */
    public Uni<SharingConsent> authorised(UUID id, List<String> granted, Instant expiration, Tokens tokens) {
        return change(id, consent -> {
            if (consent.status != SharingStatus.AWAITING_AUTHORISATION) {
                return Uni.createFrom().item(consent);
            }
            Instant now = EventTime.now();
            consent.authorise(now, granted.isEmpty() ? consent.permissionList() : granted, expiration);
            consent.nextCheckAt = now;
            return authorisations.keepTokens(consent.id, tokens).chain(() -> record(consent, new SharingConsentAuthorised(
                    s(consent.sessionId), consent.id.toString(), consent.transmitter, consent.transmitterConsentId,
                    consent.permissionList(), now, consent.expirationDateTime), now));
        });
    }

    /** Never authorised (refused by the user or the institution): {@code sharing:consent:rejected}. */
    public Uni<SharingConsent> rejected(UUID id, String by, String code, String detail) {
        return change(id, consent -> {
            if (consent.status != SharingStatus.AWAITING_AUTHORISATION) {
                return Uni.createFrom().item(consent);
            }
            Instant now = EventTime.now();
            consent.reject(by, code, detail, now);
            return record(consent, new SharingConsentRejected(s(consent.sessionId), consent.id.toString(),
                    consent.transmitter, consent.transmitterConsentId, by, code, detail), now);
        });
    }

    /**
     * The partner (channel PARTNER_API) or the user (PONTE, the dashboard) ended a consent still awaiting
     * the user: {@code sharing:consent:rejected}, and the cancellation in the audit log, in one transaction.
     */
    public Uni<SharingConsent> cancelled(UUID id, String cancelledBy, String channel, String rejectedBy, String code,
                                        String detail) {
        return change(id, consent -> {
            if (consent.status != SharingStatus.AWAITING_AUTHORISATION) {
                return Uni.createFrom().item(consent);
            }
            Instant now = EventTime.now();
            consent.reject(rejectedBy, code, detail, now);
            return record(consent, new SharingConsentRejected(s(consent.sessionId), consent.id.toString(),
                    consent.transmitter, consent.transmitterConsentId, rejectedBy, code, detail), now)
                    .call(() -> audit.record(actor(consent, channel), "sharing-consent.cancelled", "sharing-consent",
                            consent.id.toString(), consent.partnerId, ended(consent, cancelledBy, channel), now));
        });
    }

    /**
     * An authorised sharing ended before its term: {@code sharing:consent:revoked}, who and where. The
     * user's tokens are destroyed. A consent that ended already is left as it is.
     */
    public Uni<SharingConsent> revoked(UUID id, String revokedBy, String channel, String rejectedBy, String code,
                                       String detail) {
        return change(id, consent -> {
            if (consent.status != SharingStatus.AUTHORISED) {
                return Uni.createFrom().item(consent);
            }
            Instant now = EventTime.now();
            consent.revoke(revokedBy, channel, rejectedBy, code, detail, now);
            return record(consent, new SharingConsentRevoked(s(consent.sessionId), consent.id.toString(),
                    consent.transmitter, consent.transmitterConsentId, revokedBy, channel, code, detail, now), now)
                    .call(() -> audit.record(actor(consent, channel), "sharing-consent.revoked", "sharing-consent",
                            consent.id.toString(), consent.partnerId, ended(consent, revokedBy, channel), now));
        });
    }

    /**
     * Who ended a sharing, by where it was ended: the partner through its API, the user on Ponte's
     * dashboard (named by the consent: no personal data), or the institution, where it was noticed.
     */
    static Actor actor(SharingConsent consent, String channel) {
        return switch (channel) {
            case "PARTNER_API" -> Actor.partner(consent.partnerId);
            case "PONTE" -> Actor.user(consent.id.toString());
            default -> Actor.bank(consent.transmitter);
        };
    }

    private static Map<String, String> ended(SharingConsent consent, String by, String channel) {
        Map<String, String> details = new java.util.LinkedHashMap<>();
        details.put("by", by);
        details.put("channel", channel);
        details.put("transmitter", consent.transmitter);
        details.put("reasonCode", consent.rejectionReasonCode);
        return details;
    }

    /** Its time ran out (here or at the institution): {@code sharing:consent:expired}. */
    public Uni<SharingConsent> expired(UUID id) {
        return change(id, consent -> {
            if (consent.status.isFinal()) {
                return Uni.createFrom().item(consent);
            }
            Instant now = EventTime.now();
            Instant term = consent.expirationDateTime;
            SharingStatus previous = consent.expire(now);
            return record(consent, new SharingConsentExpired(s(consent.sessionId), consent.id.toString(),
                    consent.transmitter, consent.transmitterConsentId, previous.name(), consent.rejectionReasonCode, term), now);
        });
    }

    /** The institution renewed it: the new term, the renewal in the history, {@code sharing:consent:extended}. */
    public Uni<SharingConsent> extended(UUID id, Instant expiration, String requestedBy, String idempotencyKey,
                                        String requestHash) {
        return change(id, consent -> {
            Instant now = EventTime.now();
            Instant previous = consent.expirationDateTime;
            consent.extend(expiration);
            consent.expiringNotifiedFor = null;
            SharingExtension extension = new SharingExtension();
            extension.id = UUID.randomUUID();
            extension.consentId = consent.id;
            extension.partnerId = consent.partnerId;
            extension.requestedAt = now;
            extension.previousExpirationDateTime = previous;
            extension.expirationDateTime = expiration;
            extension.requestedBy = requestedBy;
            extension.idempotencyKey = idempotencyKey;
            extension.requestHash = requestHash;
            return extension.persist().chain(() -> record(consent, new SharingConsentExtended(s(consent.sessionId),
                    consent.id.toString(), consent.transmitter, consent.transmitterConsentId, previous, expiration,
                    requestedBy), now));
        });
    }

    /** {@code sharing:consent:expiring}, once per term. */
    public Uni<SharingConsent> expiring(UUID id, Instant now) {
        return change(id, consent -> {
            if (consent.status != SharingStatus.AUTHORISED || consent.expirationDateTime == null
                    || consent.expirationDateTime.equals(consent.expiringNotifiedFor)) {
                return Uni.createFrom().item(consent);
            }
            consent.expiringNotifiedFor = consent.expirationDateTime;
            int daysLeft = (int) Math.max(0, Duration.between(now, consent.expirationDateTime).toDays());
            return record(consent, new SharingConsentExpiring(s(consent.sessionId), consent.id.toString(),
                    consent.transmitter, consent.transmitterConsentId, consent.expirationDateTime, daysLeft), now);
        });
    }

    /**
     * The institution's list of the consent's resources, read now: each change is mirrored with its
     * event. A resource seen available for the first time is {@code sharing:resource:shared}, or
     * {@code sharing:resource:multiple-approval} when it waited for approvers; one waiting is
     * {@code sharing:resource:pending}; any other move {@code sharing:resource:status:changed}. A
     * resource the institution no longer lists is UNAVAILABLE. The next read is scheduled: soon, with
     * a growing wait, while resources wait for approvers; at the regular interval otherwise.
     */
    public Uni<SharingConsent> resourcesRead(UUID id, List<SharingBank.Resource> listed) {
        return change(id, consent -> {
            if (consent.status != SharingStatus.AUTHORISED) {
                return Uni.createFrom().item(consent);
            }
            Instant now = EventTime.now();
            return SharingResource.ofConsent(consent.id).chain(known -> {
                Map<String, SharingResource> byId = new HashMap<>();
                known.forEach(r -> byId.put(r.resourceId, r));
                List<EventData> events = new ArrayList<>();
                List<SharingResource> changed = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (SharingBank.Resource read : listed) {
                    ResourceStatus status = ResourceStatus.of(read.status()).orElse(null);
                    if (status == null || !seen.add(read.resourceId())) {
                        LOG.warnf("Consent %s: skipping resource %s with status %s", consent.id, read.resourceId(), read.status());
                        continue;
                    }
                    SharingResource resource = byId.get(read.resourceId());
                    if (resource == null) {
                        resource = new SharingResource();
                        resource.consentId = consent.id;
                        resource.resourceId = read.resourceId();
                        resource.type = read.type();
                        resource.firstSeenAt = now;
                        resource.status = status;
                        resource.statusUpdatedAt = now;
                        changed.add(resource);
                        EventData first = firstSeen(consent, resource, now);
                        if (first != null) {
                            events.add(first);
                        }
                    } else if (resource.status != status) {
                        if (!resource.status.canBecome(status)) {
                            LOG.warnf("Consent %s: resource %s cannot go from %s to %s; kept", consent.id,
                                    resource.resourceId, resource.status, status);
                            continue;
                        }
                        events.add(moved(consent, resource, status, now));
                        changed.add(resource);
                    }
                }
                for (SharingResource gone : known) {
                    if (!seen.contains(gone.resourceId) && gone.status != ResourceStatus.UNAVAILABLE) {
                        events.add(moved(consent, gone, ResourceStatus.UNAVAILABLE, now));
                        changed.add(gone);
                    }
                }
                scheduleNextCheck(consent, listed, now);
                Uni<Void> writes = Uni.createFrom().voidItem();
                for (SharingResource resource : changed) {
                    writes = writes.chain(() -> resource.persist()).replaceWithVoid();
                }
                for (EventData event : events) {
                    writes = writes.chain(() -> record(consent, event, now)).replaceWithVoid();
                }
                return writes.replaceWith(consent);
            });
        });
    }

    /** The event of a resource listed for the first time; null when it is not usable yet. */
    private EventData firstSeen(SharingConsent consent, SharingResource resource, Instant now) {
        List<String> permissions = PermissionGroup.permissionsForResource(resource.type, consent.permissionList());
        return switch (resource.status) {
            case AVAILABLE -> {
                resource.availableSince = now;
                yield new SharingResourceShared(s(consent.sessionId), consent.id.toString(), consent.transmitter,
                        consent.transmitterConsentId, resource.resourceId, resource.type, permissions, consent.expirationDateTime);
            }
            case PENDING_AUTHORISATION -> {
                resource.pendingSince = now;
                resource.approvalDeadline = (consent.authorisedAt == null ? now : consent.authorisedAt)
                        .plus(config.multipleApprovalWindow());
                yield new SharingResourcePending(s(consent.sessionId), consent.id.toString(), consent.transmitter,
                        consent.transmitterConsentId, resource.resourceId, resource.type, resource.approvalDeadline);
            }
            // shared, but not usable yet: its first availability will be told when it comes
            default -> null;
        };
    }

    private EventData moved(SharingConsent consent, SharingResource resource, ResourceStatus status, Instant now) {
        ResourceStatus previous = resource.status;
        resource.status = status;
        resource.statusUpdatedAt = now;
        if (status == ResourceStatus.AVAILABLE && resource.availableSince == null) {
            resource.availableSince = now;
            List<String> permissions = PermissionGroup.permissionsForResource(resource.type, consent.permissionList());
            if (resource.neededMultipleApproval()) {
                return new SharingResourceMultipleApproval(s(consent.sessionId), consent.id.toString(), consent.transmitter,
                        consent.transmitterConsentId, resource.resourceId, resource.type, permissions, resource.pendingSince,
                        consent.expirationDateTime);
            }
            return new SharingResourceShared(s(consent.sessionId), consent.id.toString(), consent.transmitter,
                    consent.transmitterConsentId, resource.resourceId, resource.type, permissions, consent.expirationDateTime);
        }
        return new SharingResourceStatusChanged(s(consent.sessionId), consent.id.toString(), consent.transmitter,
                consent.transmitterConsentId, resource.resourceId, resource.type, previous.name(), status.name());
    }

    private void scheduleNextCheck(SharingConsent consent, List<SharingBank.Resource> listed, Instant now) {
        boolean pending = listed.stream().anyMatch(r -> ResourceStatus.PENDING_AUTHORISATION.name().equals(r.status()));
        if (pending) {
            long min = config.pendingCheckMin().toSeconds();
            long wait = consent.checkBackoffSeconds == null ? min
                    : Math.min(config.pendingCheckMax().toSeconds(), Math.max(min, consent.checkBackoffSeconds * 2L));
            consent.checkBackoffSeconds = (int) wait;
            consent.nextCheckAt = now.plusSeconds(wait);
        } else {
            consent.checkBackoffSeconds = null;
            consent.nextCheckAt = now.plus(config.statusCheckInterval());
        }
    }

    /** The consent was read at the bank and nothing changed: read it again at the regular interval. */
    public Uni<SharingConsent> checkedAgainLater(UUID id, Duration after) {
        return change(id, consent -> {
            if (!consent.status.isFinal()) {
                consent.nextCheckAt = Instant.now().plus(after);
            }
            return Uni.createFrom().item(consent);
        });
    }

    /** Loads the consent in a transaction, locked, applies {@code change} and commits. */
    public Uni<SharingConsent> change(UUID id, Function<SharingConsent, Uni<SharingConsent>> change) {
        return Panache.withTransaction(() -> SharingConsent.<SharingConsent>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(consent -> consent == null ? Uni.createFrom().nullItem() : change.apply(consent)));
    }

    /**
     * Writes an event of the consent; runs inside the caller's transaction. A consent that ended has its
     * authorisation forgotten in the same transaction, so no token of the user outlives it.
     */
    Uni<SharingConsent> record(SharingConsent consent, EventData event, Instant time) {
        Uni<Void> forgotten = consent.status.isFinal() ? authorisations.forget(consent.id) : Uni.createFrom().voidItem();
        return forgotten.chain(() -> outbox.append(event, consent.id.toString(), consent.partnerId, time)).replaceWith(consent);
    }

    private static String s(UUID id) {
        return id == null ? null : id.toString();
    }
}
