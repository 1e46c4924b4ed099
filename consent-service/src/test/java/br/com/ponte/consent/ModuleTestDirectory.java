package br.com.ponte.consent;

import br.com.ponte.consent.bank.PaymentBanks;
import br.com.ponte.fapi.Participants.AuthorisationServer;
import io.quarkus.test.Mock;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * The directory for this module's tests of the whitelabel screens: a bank that takes payments
 * ({@code sandbox-bank}, the transmitter {@link ConsentRequests} names) and one that does not. The
 * real directory, sandbox-bank's, is used with the whole platform in devstack's WhitelabelIT.
 */
@Mock
@Singleton
public class ModuleTestDirectory extends PaymentBanks {

    static final String PAYMENT_BANK = "sandbox-bank";
    static final String PAYMENT_BANK_NAME = "Banco Teste Módulo";
    static final String DATA_ONLY_BANK = "data-only-bank";

    public ModuleTestDirectory() {
        super(null);
    }

    @Override
    protected Uni<List<AuthorisationServer>> directory() {
        return Uni.createFrom().item(List.of(
                new AuthorisationServer(DATA_ONLY_BANK, "org-2", "Banco Só Dados", "Banco Só Dados", null,
                        "https://data.test/.well-known/openid-configuration",
                        Map.of("accounts", "https://data.test/open-banking/accounts/v2/accounts")),
                new AuthorisationServer(PAYMENT_BANK, "org-1", PAYMENT_BANK_NAME, PAYMENT_BANK_NAME,
                        "https://bank.test/logo.svg", "https://bank.test/.well-known/openid-configuration",
                        Map.of("payments-consents", "https://bank.test/open-banking/payments/v4/consents"))));
    }
}
