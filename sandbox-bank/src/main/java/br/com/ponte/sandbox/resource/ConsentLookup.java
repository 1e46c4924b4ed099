package br.com.ponte.sandbox.resource;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Which kind of consent a {@code consent:<id>} scope names: one lookup over every kind, for the PAR
 * endpoint, the authorisation page, the token endpoint and the resource server alike.
 */
@ApplicationScoped
public class ConsentLookup {

    private final List<ConsentsOfKind> kinds;

    public ConsentLookup(@All List<ConsentsOfKind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    /** The kind of the client's consent, whatever its status; empty when the client has no such consent. */
    public Optional<ConsentKind> kindOf(String consentId, String clientId) {
        return kinds.stream().filter(kind -> kind.isOfClient(consentId, clientId)).map(ConsentsOfKind::kind).findFirst();
    }

    /** The kind of the client's consent when it waits for the user's decision; empty otherwise. */
    public Optional<ConsentKind> awaitingAuthorisation(String consentId, String clientId) {
        return kinds.stream().filter(kind -> kind.isAwaitingAuthorisation(consentId, clientId))
                .map(ConsentsOfKind::kind).findFirst();
    }

    /** Whether tokens for the consent may still be refreshed. */
    public boolean allowsRefresh(String consentId) {
        return kinds.stream().allMatch(kind -> kind.allowsRefresh(consentId));
    }
}
