package br.com.ponte.payment.automatic;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.EventType;
import br.com.ponte.events.data.ConsentApproved;
import br.com.ponte.payment.bank.Initiations;
import br.com.ponte.kit.internal.ConsentGrants;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Initiates the payment of a consent that asked for it ({@code automaticPayment} at creation) as
 * soon as {@code consent:approved} says it is AUTHORISED. The initiation's idempotency key is
 * derived from the consent, so a redelivered event finds the payment already made.
 */
@ApplicationScoped
public class AutomaticPayments {

    private static final Logger LOG = Logger.getLogger(AutomaticPayments.class);

    private final ConsentGrants grants;
    private final Initiations initiations;

    public AutomaticPayments(ConsentGrants grants, Initiations initiations) {
        this.grants = grants;
        this.initiations = initiations;
    }

    @Incoming("consent-events")
    public Uni<Void> consume(String record) {
        EventEnvelope event;
        try {
            event = EventCodec.decode(record);
        } catch (RuntimeException malformed) {
            return Uni.createFrom().voidItem();
        }
        if (event.eventType().orElse(null) != EventType.CONSENT_APPROVED
                || !"AUTHORISED".equals(event.dataAs(ConsentApproved.class).status())) {
            return Uni.createFrom().voidItem();
        }
        String consentId = event.subject();
        return grants.grant(consentId)
                .chain(grant -> grant.automaticPayment() == null ? Uni.createFrom().voidItem()
                        : initiations.initiate(grant.partnerId(), UUID.fromString(consentId), new Initiations.Instruction(
                                grant.automaticPayment().path("cnpjInitiator").asText(),
                                grant.automaticPayment().path("remittanceInformation").asText(null), null, null),
                        "automatic:" + consentId, null).replaceWithVoid())
                .onFailure().invoke(e -> LOG.warnf("Automatic payment of consent %s not initiated: %s", consentId, e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
