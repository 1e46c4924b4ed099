package br.com.ponte.consent.api;

import br.com.ponte.consent.sharing.RequestedGroup;
import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.consent.sharing.SharingSession;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A session and its progress: its status, the URL to send the user to while it is ACTIVE, what was
 * asked for, what the user confirmed, and the consents made in it (one per institution visited).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SharingSessionResponse(String id, String status, String url, String purpose,
                                     List<SharingSessionRequest.Group> permissionGroups, Integer durationMonths,
                                     Boolean indefinite, String redirectUri, List<String> institutions,
                                     List<String> chosenGroups, Instant creationDateTime, Instant expirationDateTime,
                                     Instant statusUpdateDateTime, List<Consent> consents) {

    /** A consent made in the session, at one institution. */
    public record Consent(String id, String transmitter, String status) {
    }

    static SharingSessionResponse of(SharingSession s, String url, List<SharingConsent> consents) {
        return new SharingSessionResponse(s.id.toString(), s.status.name(), url, s.purpose,
                s.requested().stream().map(SharingSessionResponse::group).toList(), s.durationMonths,
                s.durationMonths == null ? Boolean.TRUE : null, s.redirectUri, s.institutionList(),
                s.dataConfirmed() ? s.chosen().stream().map(Enum::name).toList() : null, s.createdAt, s.expiresAt,
                s.statusUpdatedAt, consents.stream().map(c -> new Consent(c.id.toString(), c.transmitter, c.status.name())).toList());
    }

    private static SharingSessionRequest.Group group(RequestedGroup g) {
        return new SharingSessionRequest.Group(g.group().name(), g.mandatory(), g.justification());
    }
}
