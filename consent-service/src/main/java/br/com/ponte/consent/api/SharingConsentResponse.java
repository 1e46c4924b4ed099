package br.com.ponte.consent.api;

import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.consent.sharing.SharingExtension;
import br.com.ponte.consent.sharing.SharingResource;
import br.com.ponte.consent.sharing.SharingStatus;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A sharing consent as the partner reads it: its status (consents API v3 values), what it covers
 * (groups, permissions granted, term or {@code indefinite}), how it ended ({@code rejection}, and
 * {@code revocation} for a sharing that was authorised), every resource with its status, and the
 * renewals. The list leaves out resources and renewals.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SharingConsentResponse(String id, String sessionId, String status, String transmitter,
                                     String transmitterConsentId, String loggedUserDocument,
                                     String businessEntityDocument, String purpose, List<String> groups,
                                     List<String> permissions, Integer durationMonths, Instant expirationDateTime,
                                     Boolean indefinite, Instant creationDateTime, Instant statusUpdateDateTime,
                                     Instant authorisationDateTime, String authorisationUrl, Rejection rejection,
                                     Revocation revocation, List<Resource> resources, List<Extension> extensions) {

    /** @param rejectedBy USER, ASPSP or TPP; {@code reason.code} as the consents API v3 has it */
    public record Rejection(String rejectedBy, Reason reason) {
    }

    public record Reason(String code, String detail) {
    }

    /** @param revokedBy USER, PARTNER or TRANSMITTER; @param channel PONTE, TRANSMITTER or PARTNER_API */
    public record Revocation(String revokedBy, String channel, Instant revocationDateTime) {
    }

    /** @param multipleApproval whether it waited for more than one holder's approval */
    public record Resource(String resourceId, String type, String status, Instant firstSeenDateTime,
                           Instant availableSince, Boolean multipleApproval, Instant approvalDeadline) {
    }

    public record Extension(Instant requestDateTime, Instant previousExpirationDateTime, Instant expirationDateTime,
                            String requestedBy) {
    }

    static SharingConsentResponse of(SharingConsent c, List<SharingResource> resources, List<SharingExtension> extensions) {
        return new SharingConsentResponse(c.id.toString(), c.sessionId == null ? null : c.sessionId.toString(),
                c.status.name(), c.transmitter, c.transmitterConsentId, c.loggedUserDocument, c.businessEntityDocument,
                c.purpose, c.groupList().stream().map(Enum::name).toList(), c.permissionList(), c.durationMonths,
                c.expirationDateTime, c.expirationDateTime == null && c.status != SharingStatus.REJECTED ? Boolean.TRUE : null,
                c.createdAt, c.statusUpdatedAt, c.authorisedAt,
                c.status == SharingStatus.AWAITING_AUTHORISATION ? c.authorisationUrl : null,
                c.rejectionReasonCode == null ? null
                        : new Rejection(c.rejectedBy, new Reason(c.rejectionReasonCode, c.rejectionReasonDetail)),
                c.revoked() ? new Revocation(c.revokedBy, c.revocationChannel, c.statusUpdatedAt) : null,
                resources == null ? null : resources.stream().map(r -> new Resource(r.resourceId, r.type, r.status.name(),
                        r.firstSeenAt, r.availableSince, r.neededMultipleApproval(),
                        r.status == br.com.ponte.consent.sharing.ResourceStatus.PENDING_AUTHORISATION ? r.approvalDeadline : null))
                        .toList(),
                extensions == null ? null : extensions.stream().map(e -> new Extension(e.requestedAt,
                        e.previousExpirationDateTime, e.expirationDateTime, e.requestedBy)).toList());
    }
}
