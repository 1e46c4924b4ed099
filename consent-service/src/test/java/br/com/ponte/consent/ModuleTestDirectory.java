package br.com.ponte.consent;

import br.com.ponte.consent.authorisation.Directory;
import br.com.ponte.fapi.Participants.AuthorisationServer;
import io.quarkus.test.Mock;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * The directory for this module's tests: a bank that takes payments ({@code sandbox-bank}, the
 * transmitter {@link ConsentRequests} names) and shares data, one that shares accounts only, one
 * that offers neither consents API, and two that share everything but that {@link ModuleTestSharingBank}
 * makes refuse every consent or never answer. The real directory, sandbox-bank's, is used with the
 * whole platform in devstack's journeys.
 */
@Mock
@Singleton
public class ModuleTestDirectory extends Directory {

    static final String PAYMENT_BANK = "sandbox-bank";
    static final String PAYMENT_BANK_NAME = "Banco Teste Módulo";
    static final String DATA_ONLY_BANK = "data-only-bank";
    static final String ACCOUNTS_ONLY_BANK = "accounts-only-bank";
    static final String ACCOUNTS_ONLY_BANK_NAME = "Banco Contas";
    static final String REFUSING_BANK = "refusing-bank";
    static final String REFUSING_BANK_NAME = "Banco Recusa";
    static final String OFFLINE_BANK = "offline-bank";
    static final String OFFLINE_BANK_NAME = "Banco Fora do Ar";

    public ModuleTestDirectory() {
        super(null);
    }

    @Override
    public Uni<List<AuthorisationServer>> authorisationServers() {
        return Uni.createFrom().item(List.of(
                new AuthorisationServer(DATA_ONLY_BANK, "org-2", "Banco Só Dados", "Banco Só Dados", null,
                        "https://data.test/.well-known/openid-configuration",
                        Map.of("accounts", "https://data.test/open-banking/accounts/v2/accounts")),
                new AuthorisationServer(ACCOUNTS_ONLY_BANK, "org-3", "Banco Contas", "Banco Contas", null,
                        "https://contas.test/.well-known/openid-configuration",
                        Map.of("consents", "https://contas.test/open-banking/consents/v3/consents",
                                "resources", "https://contas.test/open-banking/resources/v3/resources",
                                "accounts", "https://contas.test/open-banking/accounts/v2/accounts")),
                new AuthorisationServer(PAYMENT_BANK, "org-1", PAYMENT_BANK_NAME, PAYMENT_BANK_NAME,
                        "https://bank.test/logo.svg", "https://bank.test/.well-known/openid-configuration",
                        Map.of("payments-consents", "https://bank.test/open-banking/payments/v4/consents",
                                "consents", "https://bank.test/open-banking/consents/v3/consents",
                                "resources", "https://bank.test/open-banking/resources/v3/resources",
                                "accounts", "https://bank.test/open-banking/accounts/v2/accounts",
                                "credit-cards-accounts", "https://bank.test/open-banking/credit-cards-accounts/v2/accounts",
                                "customers", "https://bank.test/open-banking/customers/v2",
                                "loans", "https://bank.test/open-banking/loans/v2/contracts")),
                everything(REFUSING_BANK, "org-4", REFUSING_BANK_NAME, "recusa.test"),
                everything(OFFLINE_BANK, "org-5", OFFLINE_BANK_NAME, "foradoar.test")));
    }

    /** An institution that offers every data-sharing API family (and no payments). */
    private static AuthorisationServer everything(String id, String organisation, String name, String host) {
        String base = "https://" + host + "/open-banking/";
        return new AuthorisationServer(id, organisation, name, name, null, "https://" + host + "/.well-known/openid-configuration",
                Map.of("consents", base + "consents/v3/consents", "resources", base + "resources/v3/resources",
                        "accounts", base + "accounts/v2/accounts", "credit-cards-accounts", base + "credit-cards-accounts/v2/accounts",
                        "customers", base + "customers/v2", "loans", base + "loans/v2/contracts"));
    }
}
