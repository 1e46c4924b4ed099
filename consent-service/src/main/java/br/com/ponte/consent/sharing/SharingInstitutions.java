package br.com.ponte.consent.sharing;

import br.com.ponte.consent.authorisation.Directory;
import br.com.ponte.fapi.Participants.AuthorisationServer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.text.Collator;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The institutions a user can share data from: the directory's authorisation servers that offer the
 * consents and resources APIs, by name as a Brazilian user reads a list. One serves a set of groups
 * when it lists the API family of each.
 */
@ApplicationScoped
public class SharingInstitutions {

    private static final Comparator<AuthorisationServer> BY_NAME = Comparator.comparing(
            AuthorisationServer::customerFriendlyName, Collator.getInstance(Locale.forLanguageTag("pt-BR")));

    private final Directory directory;

    public SharingInstitutions(Directory directory) {
        this.directory = directory;
    }

    public Uni<List<AuthorisationServer>> all() {
        return directory.authorisationServers().map(servers -> servers.stream()
                .filter(server -> server.apiEndpoints().containsKey(SharingBank.CONSENTS)
                        && server.apiEndpoints().containsKey(SharingBank.RESOURCES))
                .sorted(BY_NAME)
                .toList());
    }

    /** Those among {@code allowed} (every one when null) that serve all of {@code groups}. */
    public Uni<List<AuthorisationServer>> serving(Collection<PermissionGroup> groups, List<String> allowed) {
        return all().map(servers -> servers.stream()
                .filter(server -> allowed == null || allowed.contains(server.authorisationServerId()))
                .filter(server -> serves(server, groups))
                .toList());
    }

    public Uni<Optional<AuthorisationServer>> find(String authorisationServerId) {
        return all().map(servers -> servers.stream()
                .filter(server -> server.authorisationServerId().equals(authorisationServerId)).findFirst());
    }

    public static boolean serves(AuthorisationServer server, Collection<PermissionGroup> groups) {
        return groups.stream().allMatch(group -> server.apiEndpoints().containsKey(group.apiFamily()));
    }
}
