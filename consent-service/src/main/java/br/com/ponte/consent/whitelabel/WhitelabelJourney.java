package br.com.ponte.consent.whitelabel;

import br.com.ponte.consent.bank.ConsentJourney;
import br.com.ponte.consent.config.ConsentConfig;
import br.com.ponte.consent.domain.ConsentStatus;
import br.com.ponte.consent.domain.PaymentConsent;
import br.com.ponte.consent.domain.PaymentConsents;
import br.com.ponte.events.EventTime;
import br.com.ponte.kit.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.UUID;

/**
 * The user's way through the whitelabel screens: what a screen of an intent shows, and the bank
 * choice, which makes the consent exactly as the API track does ({@link PaymentConsents#open}, then
 * {@link ConsentJourney#createAtBank}) with the chosen bank as {@code transmitter} and Ponte's
 * result page as {@code redirectUri}, so the callback brings the user back to the screens.
 */
@ApplicationScoped
public class WhitelabelJourney {

    /** Answered when a bank is chosen after the intent's deadline. */
    static final String EXPIRED = "INTENCAO_EXPIRADA";

    /** What the screens of one intent show; {@code consent} is null until a bank is chosen. */
    public record Screen(PaymentIntent intent, PaymentConsent consent, WhitelabelSettings settings) {

        /** Whether the user's answer at the bank is known, so the result is all there is to show. */
        public boolean decidedAtBank() {
            return WhitelabelJourney.decidedAtBank(consent);
        }
    }

    private final PaymentConsents consents;
    private final ConsentJourney journey;
    private final ConsentConfig config;

    public WhitelabelJourney(PaymentConsents consents, ConsentJourney journey, ConsentConfig config) {
        this.consents = consents;
        this.journey = journey;
        this.config = config;
    }

    /** The intent with its consent and its partner's whitelabel; null when there is no such intent. */
    public Uni<Screen> screen(UUID intentId) {
        return Panache.withSession(() -> PaymentIntent.<PaymentIntent>findById(intentId).chain(intent -> {
            if (intent == null) {
                return Uni.createFrom().nullItem();
            }
            Uni<PaymentConsent> consent = intent.consentId == null ? Uni.createFrom().nullItem()
                    : PaymentConsent.findById(intent.consentId);
            return consent.chain(c -> WhitelabelSettings.forPartner(intent.partnerId)
                    .map(settings -> new Screen(intent, c, settings)));
        }));
    }

    /**
     * The user chose {@code bank} (a payment bank of the directory) and confirmed the payment. Answers
     * the consent to send the user to the bank with (its {@code authorisationUrl}), or the consent
     * already decided at the bank when the user comes back to a used intent (the result page is all
     * there is). The intent is locked while the choice is recorded, so a double submission makes one
     * consent: the second one finds it still on its way to the bank and completes that one. A
     * consent the bank refused, or one the user left at the bank, does not stop a new choice.
     * Fails with an {@link ApiException}: 404 for no intent, 410 {@value #EXPIRED} past the deadline,
     * or the bank's refusal or failure as {@link ConsentJourney#createAtBank} reports them.
     */
    public Uni<PaymentConsent> toBank(UUID intentId, String bank) {
        Instant now = EventTime.now();
        return Panache.withTransaction(() -> PaymentIntent.<PaymentIntent>findById(intentId, LockModeType.PESSIMISTIC_WRITE)
                        .chain(intent -> {
                            if (intent == null) {
                                throw ApiException.notFound("No payment intent " + intentId);
                            }
                            Uni<PaymentConsent> current = intent.consentId == null ? Uni.createFrom().nullItem()
                                    : PaymentConsent.findById(intent.consentId);
                            return current.chain(consent -> choose(intent, consent, bank, now));
                        }))
                .chain(consent -> decidedAtBank(consent) ? Uni.createFrom().item(consent) : journey.createAtBank(consent));
    }

    private Uni<PaymentConsent> choose(PaymentIntent intent, PaymentConsent current, String bank, Instant now) {
        boolean onItsWayToTheBank = current != null && current.status == ConsentStatus.AWAITING_AUTHORISATION
                && current.transmitterConsentId == null && current.transmitter.equals(bank);
        if (decidedAtBank(current) || onItsWayToTheBank) {
            return Uni.createFrom().item(current);
        }
        if (!intent.acceptsChoiceAt(now)) {
            throw new ApiException(410, EXPIRED, "Intenção expirada",
                    "Payment intent " + intent.id + " expired at " + intent.expirationDateTime);
        }
        PaymentConsent consent = intent.consentRequest()
                .forBank(bank, config.publicUrlOf(intent.screenPath() + "/result"))
                .toConsent(intent.partnerId, now, config.authorisationWindow());
        return consents.open(consent, now).invoke(opened -> intent.chose(bank, opened.id, now));
    }

    static boolean decidedAtBank(PaymentConsent consent) {
        if (consent == null) {
            return false;
        }
        return switch (consent.status) {
            case AWAITING_AUTHORISATION -> false;
            // refused by the bank when it was created: the user never got there and may choose another
            case REJECTED -> consent.transmitterConsentId != null;
            case PARTIALLY_ACCEPTED, AUTHORISED, CONSUMED -> true;
        };
    }
}
