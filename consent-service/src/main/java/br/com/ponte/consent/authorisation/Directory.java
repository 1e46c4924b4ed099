package br.com.ponte.consent.authorisation;

import br.com.ponte.fapi.BankConnections;
import br.com.ponte.fapi.Participants.AuthorisationServer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The Open Finance directory as the screens and the APIs read it: every authorisation server of
 * every active participant, with its API families (kept for a while by fapi-client's
 * {@code Participants}). Payment banks and sharing institutions are filtered from it.
 */
@ApplicationScoped
public class Directory {

    private final BankConnections connections;

    public Directory(BankConnections connections) {
        this.connections = connections;
    }

    public Uni<List<AuthorisationServer>> authorisationServers() {
        return connections.directory().authorisationServers();
    }
}
