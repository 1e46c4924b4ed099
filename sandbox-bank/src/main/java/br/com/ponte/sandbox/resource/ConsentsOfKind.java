package br.com.ponte.sandbox.resource;

/**
 * The consents of one {@link ConsentKind}, as the authorisation server and the resource server ask
 * about them: which kind a {@code consent:<id>} scope names, and whether the user may still decide
 * on it. {@link ConsentLookup} asks every kind.
 */
public interface ConsentsOfKind {

    ConsentKind kind();

    /** Whether the client has this consent, whatever its status. */
    boolean isOfClient(String consentId, String clientId);

    /** Whether the client's consent waits for the user's decision: what a pushed request may name. */
    boolean isAwaitingAuthorisation(String consentId, String clientId);

    /** Whether tokens issued for the consent may still be refreshed (a revoked data-sharing consent's may not). */
    boolean allowsRefresh(String consentId);
}
