package br.com.ponte.sandbox.client;

import java.time.Instant;
import java.util.List;

/**
 * A client registered at the bank (RFC 7591). It is the software statement {@code softwareId} of
 * organisation {@code organisationId}: only that software statement's transport certificate may act
 * for it, and only its signing keys sign its JWTs. The registration access token is kept as a hash.
 */
public record RegisteredClient(
        String clientId,
        Instant issuedAt,
        String registrationAccessTokenHash,
        String organisationId,
        String softwareId,
        String clientName,
        List<String> redirectUris,
        List<String> grantTypes,
        List<String> responseTypes,
        List<String> scopes,
        String jwksUri,
        String softwareStatement,
        /** The initiator's webhook base URIs; empty when it registered none. */
        List<String> webhookUris) {

    /** Never null, also for clients stored before webhook URIs were kept. */
    @Override
    public List<String> webhookUris() {
        return webhookUris == null ? List.of() : webhookUris;
    }

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }
}
