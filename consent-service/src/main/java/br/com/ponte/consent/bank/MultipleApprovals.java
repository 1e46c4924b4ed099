package br.com.ponte.consent.bank;

import br.com.ponte.consent.domain.PaymentConsent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Consents approved by the user on an account that needs more approvers stay PARTIALLY_ACCEPTED
 * until the bank says otherwise; they are read again at the bank every
 * {@code ponte.consent.multiple-approval-check-every}, and AUTHORISED or REJECTED there is mirrored.
 * The authorisation window's timer still applies.
 */
@ApplicationScoped
public class MultipleApprovals {

    private static final Logger LOG = Logger.getLogger(MultipleApprovals.class);

    private final ConsentJourney journey;

    public MultipleApprovals(ConsentJourney journey) {
        this.journey = journey;
    }

    @Scheduled(every = "${ponte.consent.multiple-approval-check-every:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return Panache.withSession(() -> PaymentConsent.<PaymentConsent>find("status = ?1 order by statusUpdatedAt",
                        br.com.ponte.consent.domain.ConsentStatus.PARTIALLY_ACCEPTED).page(0, 50).list())
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(consent -> follow(consent.id))
                .collect().asList()
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warn("Following multiple approvals failed; the next check retries", e))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> follow(UUID id) {
        return journey.followMultipleApproval(id)
                .onFailure().invoke(e -> LOG.warnf("Reading consent %s at the bank failed: %s", id, e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
