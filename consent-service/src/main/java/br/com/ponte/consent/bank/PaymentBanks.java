package br.com.ponte.consent.bank;

import br.com.ponte.consent.authorisation.Directory;
import br.com.ponte.fapi.Participants.AuthorisationServer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The banks a user can pay from: the directory's authorisation servers that offer the payment
 * consents API, by name as a Brazilian user reads a list.
 */
@ApplicationScoped
public class PaymentBanks {

    private static final Comparator<AuthorisationServer> BY_NAME = Comparator.comparing(
            AuthorisationServer::customerFriendlyName, Collator.getInstance(Locale.forLanguageTag("pt-BR")));

    private final Directory directory;

    public PaymentBanks(Directory directory) {
        this.directory = directory;
    }

    public Uni<List<AuthorisationServer>> all() {
        return directory.authorisationServers().map(servers -> servers.stream()
                .filter(server -> server.apiEndpoints().containsKey(br.com.ponte.fapi.PaymentsApi.CONSENTS))
                .sorted(BY_NAME)
                .toList());
    }

    /** The payment bank with this authorisation server id; empty when the directory has none. */
    public Uni<Optional<AuthorisationServer>> find(String authorisationServerId) {
        return all().map(banks -> banks.stream()
                .filter(bank -> bank.authorisationServerId().equals(authorisationServerId))
                .findFirst());
    }
}
