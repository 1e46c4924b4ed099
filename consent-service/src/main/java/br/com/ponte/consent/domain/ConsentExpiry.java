package br.com.ponte.consent.domain;

import br.com.ponte.events.data.ConsentExpired;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Fires consent deadlines: an open consent whose window has passed (5 minutes to authorise, 60 to
 * consume, both configurable) becomes REJECTED with {@code TEMPO_EXPIRADO_AUTORIZACAO} or
 * {@code TEMPO_EXPIRADO_CONSUMO}, and {@code consent:expired} is written in the same transaction.
 * The deadline is a column, so a timer survives restarts and fires on the next check; rows are
 * claimed with {@code SKIP LOCKED}, so several instances fire each timer once.
 */
@ApplicationScoped
public class ConsentExpiry {

    private static final Logger LOG = Logger.getLogger(ConsentExpiry.class);
    private static final int BATCH = 100;

    private static final String DUE = """
            select id from payment_consent
             where status in ('AWAITING_AUTHORISATION', 'PARTIALLY_ACCEPTED', 'AUTHORISED')
               and expiration_date_time <= :now
             order by expiration_date_time
             limit %d
             for update skip locked""".formatted(BATCH);

    private final PaymentConsents consents;

    public ConsentExpiry(PaymentConsents consents) {
        this.consents = consents;
    }

    @Scheduled(every = "${ponte.consent.expiry-check-every:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return expireDue(Instant.now())
                .onFailure().invoke(e -> LOG.warn("Expiring consents failed; the next check retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Expires every consent overdue at {@code now} (the checks pass the clock; tests a later time);
     * the status change and the event carry the time it actually happens. Returns how many.
     */
    public Uni<Integer> expireDue(Instant now) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(DUE, UUID.class)
                        .setParameter("now", now.atOffset(ZoneOffset.UTC))
                        .getResultList()
                        .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<PaymentConsent>of())
                                : PaymentConsent.<PaymentConsent>list("id in ?1", ids))
                        .chain(consents -> {
                            Uni<Integer> done = Uni.createFrom().item(0);
                            for (PaymentConsent consent : consents) {
                                done = done.chain(count -> expire(consent).replaceWith(count + 1));
                            }
                            return done;
                        })))
                .chain(count -> count < BATCH ? Uni.createFrom().item(count)
                        : expireDue(now).map(more -> count + more));
    }

    private Uni<Void> expire(PaymentConsent consent) {
        Instant now = Instant.now();
        String previous = consent.status.wireValue();
        String window = consent.expire(now);
        LOG.infof("Consent %s expired (%s window)", consent.id, window);
        String subject = consent.id.toString();
        return consents.record(consent, new ConsentExpired(subject, consent.transmitterConsentId, window, previous), now)
                .replaceWithVoid();
    }
}
