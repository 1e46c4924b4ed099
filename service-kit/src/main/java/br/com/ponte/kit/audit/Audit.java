package br.com.ponte.kit.audit;

import br.com.ponte.events.EventTime;
import br.com.ponte.events.data.AuditRecorded;
import br.com.ponte.kit.outbox.Outbox;
import br.com.ponte.kit.tracing.Traceparent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Records a security-relevant action in the audit log: an {@code audit:recorded} event appended to
 * the outbox inside the caller's transaction, like {@link Outbox#append}, so the action and its
 * entry commit (or roll back) together. The relay publishes it on {@code audit.events}, where
 * certificate-vault stores it in its append-only {@code audit_log}.
 *
 * <pre>{@code
 * Panache.withTransaction(() -> certificate.persist()
 *         .call(() -> audit.record(Actor.partner(partnerId), "certificate.uploaded", "certificate",
 *                 certificate.id.toString(), partnerId, Map.of("usage", "SIGNING"))))
 * }</pre>
 *
 * Details are ids, usages, thumbprints, names and reasons. A detail whose name says it is a secret
 * (secret, password, token, private key, ...) or whose value is a PEM block is refused: the entry is
 * not written and the caller's transaction fails, so a mistake shows in tests rather than in the log.
 */
@ApplicationScoped
public class Audit {

    static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");
    static final Pattern RESOURCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(secret|password|passphrase|token|privatekey|private-key"
            + "|private_key|credential|pkcs12|jws|jwt|assertion).*");

    private final Outbox outbox;

    public Audit(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Records an action that happened now. Must run inside the action's transaction. */
    public Uni<Void> record(Actor actor, String action, String resourceType, String resourceId, String partnerId,
                            Map<String, String> details) {
        return record(actor, action, resourceType, resourceId, partnerId, details, EventTime.now());
    }

    /** Records an action that happened at {@code time} (the state change's own time). */
    public Uni<Void> record(Actor actor, String action, String resourceType, String resourceId, String partnerId,
                            Map<String, String> details, Instant time) {
        AuditRecorded entry;
        try {
            entry = entry(actor, action, resourceType, resourceId, details, Traceparent.current());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return outbox.append(entry, subject(resourceType, resourceId), partnerId, time).replaceWithVoid();
    }

    /** The event's subject: a subject of its own, so the resource's own events keep their sequence. */
    public static String subject(String resourceType, String resourceId) {
        return "audit:" + resourceType + ":" + resourceId;
    }

    /** The entry, checked: a well-formed action and resource, and no detail that could be a secret. */
    static AuditRecorded entry(Actor actor, String action, String resourceType, String resourceId,
                               Map<String, String> details, String traceparent) {
        if (actor == null) {
            throw new IllegalArgumentException("An audit entry needs an actor");
        }
        if (action == null || action.length() > 64 || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("Audit action '" + action + "' is not <resource>.<past tense>");
        }
        if (resourceType == null || resourceType.length() > 64 || !RESOURCE_TYPE.matcher(resourceType).matches()) {
            throw new IllegalArgumentException("Audit resource type '" + resourceType + "' is not lower-case-with-dashes");
        }
        if (resourceId == null || resourceId.isBlank() || resourceId.length() > 180) {
            throw new IllegalArgumentException("An audit entry needs the resource's id (at most 180 characters)");
        }
        Map<String, String> checked = new LinkedHashMap<>();
        if (details != null) {
            details.forEach((name, value) -> {
                if (name == null || SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                    throw new IllegalArgumentException("Audit detail '" + name + "' may hold a secret; record an id instead");
                }
                if (value != null && value.contains("-----BEGIN")) {
                    throw new IllegalArgumentException("Audit detail '" + name + "' holds a PEM block");
                }
                if (value != null) {
                    checked.put(name, value);
                }
            });
        }
        return new AuditRecorded(actor.type().name(), actor.id(), action, resourceType, resourceId,
                java.util.Collections.unmodifiableMap(checked),
                traceparent);
    }
}
