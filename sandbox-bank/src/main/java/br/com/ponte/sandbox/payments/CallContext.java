package br.com.ponte.sandbox.payments;

import jakarta.enterprise.context.RequestScoped;

/**
 * What one call to the payments API has established, for the answer whatever it is: the
 * {@code x-fapi-interaction-id} to echo, and the caller's organisation (the {@code aud} of a signed
 * error) once its access token was accepted.
 */
@RequestScoped
public class CallContext {

    private String interactionId;
    private String clientOrganisationId;

    public String interactionId() {
        return interactionId;
    }

    void interactionId(String interactionId) {
        this.interactionId = interactionId;
    }

    public String clientOrganisationId() {
        return clientOrganisationId;
    }

    void clientOrganisationId(String organisationId) {
        this.clientOrganisationId = organisationId;
    }
}
