package br.com.ponte.sandbox.sharing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A data-sharing consent (consents v3) and its lifecycle, which it guards itself: created
 * AWAITING_AUTHORISATION with {@code authorisationDeadline} to be decided; AUTHORISED with the
 * resources the user chose; REJECTED when the user rejects or revokes it, or when a deadline passes
 * ({@code CONSENT_EXPIRED} before the decision, {@code CONSENT_MAX_DATE_REACHED} at
 * {@code expirationDateTime}, which is null for an indefinite consent). Resources needing a second
 * approver stay PENDING_AUTHORISATION until {@code approvalDeadline}.
 */
public record SharingConsent(
        String consentId,
        String clientId,
        /** {@code loggedUser.document.identification}: the CPF of the user who asked for it. */
        String loggedUserCpf,
        /** {@code businessEntity.document.identification}: the company whose data it shares; null for a person's. */
        String businessCnpj,
        /** The permissions the bank kept. */
        List<Permission> permissions,
        SharingConsentStatus status,
        Instant creationDateTime,
        Instant statusUpdateDateTime,
        Instant expirationDateTime,
        Instant authorisationDeadline,
        Rejection rejection,
        List<SharedResource> resources,
        /** Until when the second approver may approve the pending resources; null when none is pending. */
        Instant approvalDeadline,
        /** The renewals, oldest first. */
        List<ConsentExtension> extensions) {

    public SharingConsent {
        permissions = List.copyOf(permissions);
        resources = resources == null ? List.of() : List.copyOf(resources);
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }

    static SharingConsent create(String consentId, String clientId, String cpf, String cnpj, List<Permission> permissions,
                                 Instant expirationDateTime, Instant now, Duration authorisationTimeout) {
        return new SharingConsent(consentId, clientId, cpf, cnpj, permissions, SharingConsentStatus.AWAITING_AUTHORISATION,
                now, now, expirationDateTime, now.plus(authorisationTimeout), null, List.of(), null, List.of());
    }

    /** The customer whose data it shares: the company of a business consent, the logged user otherwise. */
    public String customerDocument() {
        return businessCnpj != null ? businessCnpj : loggedUserCpf;
    }

    public boolean business() {
        return businessCnpj != null;
    }

    /** Whether any of its resources needed more than one approver: such a consent is not renewed without redirection. */
    public boolean dependsOnMultipleApproval() {
        return resources.stream().anyMatch(SharedResource::multipleApproval);
    }

    /** The user approved, sharing {@code shared}: AUTHORISED; pending resources wait {@code approvalWindow}. */
    SharingConsent authorise(List<SharedResource> shared, Instant now, Duration approvalWindow) {
        boolean pending = shared.stream().anyMatch(SharedResource::pending);
        return new SharingConsent(consentId, clientId, loggedUserCpf, businessCnpj, permissions,
                checked(SharingConsentStatus.AUTHORISED), creationDateTime, now, expirationDateTime, authorisationDeadline,
                null, shared, pending ? now.plus(approvalWindow) : null, extensions);
    }

    SharingConsent reject(Rejection why, Instant at) {
        return new SharingConsent(consentId, clientId, loggedUserCpf, businessCnpj, permissions,
                checked(SharingConsentStatus.REJECTED), creationDateTime, at, expirationDateTime, authorisationDeadline,
                why, resources, approvalDeadline, extensions);
    }

    /**
     * The receiving institution deleted it on the user's behalf: an authorised consent is revoked, one
     * still awaiting the user is rejected.
     */
    SharingConsent deleteByClient(Instant now) {
        return reject(status == SharingConsentStatus.AWAITING_AUTHORISATION ? Rejection.rejectedByUser()
                : Rejection.revokedByUser(), now);
    }

    /** As if its expiry had been reached now (a development control): REJECTED {@code CONSENT_MAX_DATE_REACHED}. */
    SharingConsent expireNow(Instant now) {
        if (status != SharingConsentStatus.AUTHORISED) {
            throw new IllegalStateException("Consent " + consentId + " is not authorised: " + status);
        }
        return new SharingConsent(consentId, clientId, loggedUserCpf, businessCnpj, permissions, status, creationDateTime,
                statusUpdateDateTime, now, authorisationDeadline, rejection, resources, approvalDeadline, extensions)
                .reject(Rejection.maxDateReached(), now);
    }

    /** The second approver decided: the pending resources become what {@code approved} makes of each. */
    SharingConsent decidePending(UnaryOperator<SharedResource> decision) {
        return withResources(resources.stream().map(resource -> resource.pending() ? decision.apply(resource) : resource)
                .toList(), null);
    }

    /** The bank now holds the product as {@code status}: so is its copy here, unless it is pending or cannot move so. */
    SharingConsent productChanged(String resourceId, ResourceStatus next) {
        return withResources(resources.stream().map(resource -> resource.resourceId().equals(resourceId)
                && !resource.pending() && resource.status().canBecome(next) ? resource.withStatus(next) : resource)
                .toList(), approvalDeadline);
    }

    /** Renewed without redirection until {@code expiration} (null: indefinitely). */
    SharingConsent extend(Instant expiration, ConsentExtension extension) {
        if (status != SharingConsentStatus.AUTHORISED) {
            throw new IllegalStateException("Consent " + consentId + " is not authorised: " + status);
        }
        return new SharingConsent(consentId, clientId, loggedUserCpf, businessCnpj, permissions, status, creationDateTime,
                statusUpdateDateTime, expiration, authorisationDeadline, rejection, resources, approvalDeadline,
                Stream.concat(extensions.stream(), Stream.of(extension)).toList());
    }

    /** What the passing of time has made of the consent by {@code now}: the deadlines that passed. */
    SharingConsent at(Instant now) {
        if (status == SharingConsentStatus.AWAITING_AUTHORISATION && !now.isBefore(authorisationDeadline)) {
            return reject(Rejection.authorisationExpired(), authorisationDeadline);
        }
        if (status == SharingConsentStatus.AUTHORISED && expirationDateTime != null && !now.isBefore(expirationDateTime)) {
            return reject(Rejection.maxDateReached(), expirationDateTime);
        }
        if (status == SharingConsentStatus.AUTHORISED && approvalDeadline != null && !now.isBefore(approvalDeadline)) {
            return decidePending(resource -> resource.withStatus(ResourceStatus.UNAVAILABLE));
        }
        return this;
    }

    private SharingConsent withResources(List<SharedResource> next, Instant deadline) {
        return new SharingConsent(consentId, clientId, loggedUserCpf, businessCnpj, permissions, status, creationDateTime,
                statusUpdateDateTime, expirationDateTime, authorisationDeadline, rejection, next, deadline, extensions);
    }

    private SharingConsentStatus checked(SharingConsentStatus next) {
        if (!status.canBecome(next)) {
            throw new IllegalStateException("Consent " + consentId + " cannot go from " + status + " to " + next);
        }
        return next;
    }
}
