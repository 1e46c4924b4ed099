package br.com.ponte.sandbox.resource;

import jakarta.enterprise.context.RequestScoped;

/**
 * What one call to an Open Finance API has established, for the answer whatever it is: the
 * {@code x-fapi-interaction-id} to echo, once its access token was accepted at an API that signs its
 * bodies the caller's organisation (the {@code aud} of a signed error), and the shape of its errors'
 * {@code meta}.
 */
@RequestScoped
public class CallContext {

    private String interactionId;
    private String signedAnswersFor;
    private boolean pageTotalsInErrors;

    public String interactionId() {
        return interactionId;
    }

    void interactionId(String interactionId) {
        this.interactionId = interactionId;
    }

    /**
     * A fault's forgery: the answer echoes this id instead of the caller's. Set here, where
     * {@link InteractionIdFilter} reads it, the forgery holds whichever response filter runs last.
     */
    public void echoInstead(String interactionId) {
        this.interactionId = interactionId;
    }

    /** The organisation signed answers are for; null until the caller is known, and at APIs that sign nothing. */
    public String signedAnswersFor() {
        return signedAnswersFor;
    }

    void signedAnswersFor(String organisationId) {
        this.signedAnswersFor = organisationId;
    }

    /** Whether the API's error schema has the paginated {@code meta} (accounts' and credit cards' {@code ResponseError}). */
    public boolean pageTotalsInErrors() {
        return pageTotalsInErrors;
    }

    void pageTotalsInErrors(boolean pageTotalsInErrors) {
        this.pageTotalsInErrors = pageTotalsInErrors;
    }
}
