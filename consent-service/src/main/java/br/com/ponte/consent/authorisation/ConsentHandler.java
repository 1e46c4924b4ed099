package br.com.ponte.consent.authorisation;

import br.com.ponte.fapi.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * What one kind of consent does with its authorisation: the user's return from the bank, and the
 * grant platform services act at the bank with. One implementation per {@link ConsentKind}.
 */
public interface ConsentHandler {

    ConsentKind kind();

    /**
     * The user approved at the bank and the code was exchanged: reads the consent at the bank, records
     * its outcome with its event, and keeps the tokens ({@link Authorisations#keepTokens}) in the same
     * transaction. Answers where to send the user's browser.
     */
    Uni<URI> approved(Authorisation authorisation, Tokens tokens);

    /** The bank sent the user back with an error (refused, cancelled): recorded; where to send the browser. */
    Uni<URI> refused(Authorisation authorisation, String error, String description);

    /**
     * The consent as platform services need it to act at the bank, when it can be used now; fails with
     * a 409 {@code CONSENTIMENTO_INVALIDO} naming its status otherwise.
     */
    Uni<Usable> usable(UUID consentId);

    /**
     * @param status             the consent's status
     * @param expirationDateTime until when it can be used (null: indefinite)
     * @param consent            the kind's view of the consent (for a payment, its {@code CreatePaymentConsent.data})
     * @param automaticPayment   for a payment consent paid on authorisation, the partner's details; else null
     */
    record Usable(String status, Instant expirationDateTime, JsonNode consent, JsonNode automaticPayment) {
    }
}
