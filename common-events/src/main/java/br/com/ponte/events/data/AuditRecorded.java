package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.util.Map;

/**
 * {@code audit:recorded}: a security-relevant action happened (a partner created, a certificate
 * uploaded, a partner's key used for signing, a consent revoked, a webhook endpoint changed, ...).
 * Written by the service that acted, in the transaction of the action; stored by certificate-vault.
 * The envelope's {@code time} is when it happened, its {@code partnerId} the partner concerned
 * (absent for a platform-level action), its subject {@code audit:<resourceType>:<resourceId>}.
 *
 * @param actorType    who acted: OPERATOR (the admin token), PARTNER (its access token), SERVICE (a
 *                     platform service on the internal API), USER (the end user, on Ponte's screens),
 *                     BANK (noticed at the transmitter) or SYSTEM (a timer of the service)
 * @param actorId      the partner id, the service's name, the consent the user acted on (no personal
 *                     data), the transmitter's authorisation server id or the component; null for OPERATOR
 * @param action       what happened, {@code <resource>.<past tense>}, e.g. {@code certificate.revoked}
 * @param resourceType what it happened to, e.g. {@code certificate}
 * @param resourceId   which one
 * @param details      ids, usages, thumbprints, names, reasons; never a key, token, secret or password
 * @param traceparent  the W3C traceparent of the request that acted, when there was one
 */
public record AuditRecorded(String actorType, String actorId, String action, String resourceType, String resourceId,
                            Map<String, String> details, String traceparent) implements EventData {
}
