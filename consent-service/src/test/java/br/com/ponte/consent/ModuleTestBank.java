package br.com.ponte.consent;

import br.com.ponte.consent.bank.BankConsents;
import br.com.ponte.consent.authorisation.BankAuthorisations;
import br.com.ponte.consent.domain.PaymentConsent;
import io.quarkus.test.Mock;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * The bank for this module's tests of consent-service's own wiring (validation, outbox, timers): it
 * accepts every consent but one of {@value #REFUSED_AMOUNT}, which it refuses as a bank does (422).
 * The real path, to sandbox-bank over mutual TLS with the partner's keys from the vault, is tested
 * with the whole platform in devstack's PaymentJourneyIT.
 */
@Mock
@Singleton
public class ModuleTestBank extends BankConsents {

    public ModuleTestBank() {
        super(null, null);
    }

    static final String REFUSED_AMOUNT = "422.00";

    @Override
    public Uni<Outcome> create(PaymentConsent consent) {
        if (consent.amount.toPlainString().equals(REFUSED_AMOUNT)) {
            return Uni.createFrom().item(new Outcome(null, null, new Refused("VALOR_INVALIDO", "The amount is refused")));
        }
        String id = "urn:moduletest:" + UUID.randomUUID();
        return Uni.createFrom().item(new Outcome(id, new BankAuthorisations.Pushed("https://bank.test/authorize?request_uri=" + id,
                UUID.randomUUID().toString(), "nonce", "verifier", "http://localhost/v1/authorisations/callback", null), null));
    }
}
