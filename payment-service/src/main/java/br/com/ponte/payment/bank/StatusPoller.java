package br.com.ponte.payment.bank;

import br.com.ponte.fapi.FapiException;
import br.com.ponte.payment.config.PaymentConfig;
import br.com.ponte.payment.domain.PixPayment;
import br.com.ponte.payment.domain.PixPayments;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Follows every payment that is not final by reading it at the transmitter ({@code GET
 * /pix/payments/{id}}): soon after a change, then less and less often (half the time since the last
 * change, between {@code poll-first-after} and {@code poll-max-interval}), never more than
 * {@code polls-per-second}. Due reads are claimed with a lease ({@code SKIP LOCKED}), so several
 * instances share the work and a crash only delays a read. A transmitter's webhook makes a read due
 * at once. 429 waits longer; other failures retry later.
 */
@ApplicationScoped
public class StatusPoller {

    private static final Logger LOG = Logger.getLogger(StatusPoller.class);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(5);

    private static final String CLAIM = """
            update pix_payment set next_poll_at = :lease
             where id in (select id from pix_payment
                           where next_poll_at <= :now
                           order by next_poll_at
                           limit :limit
                           for update skip locked)
            returning id""";

    private final BankPayments bank;
    private final PixPayments payments;
    private final PaymentConfig config;

    public StatusPoller(BankPayments bank, PixPayments payments, PaymentConfig config) {
        this.bank = bank;
        this.payments = payments;
        this.config = config;
    }

    @Scheduled(every = "${ponte.payment.poll-every:1s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return pollDue()
                .onFailure().invoke(e -> LOG.warn("Polling payments failed; the next tick retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Reads every payment whose read is due, up to the rate; returns how many. */
    public Uni<Integer> pollDue() {
        Instant now = Instant.now();
        int limit = (int) Math.max(1, config.pollsPerSecond() * Math.max(1, config.pollEvery().toSeconds()));
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(CLAIM, UUID.class)
                        .setParameter("lease", now.plus(LEASE).atOffset(ZoneOffset.UTC))
                        .setParameter("now", now.atOffset(ZoneOffset.UTC))
                        .setParameter("limit", limit)
                        .getResultList()))
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(this::poll)
                        .collect().asList()
                        .map(List::size));
    }

    private Uni<Void> poll(UUID id) {
        return Panache.withSession(() -> PixPayment.<PixPayment>findById(id)).chain(payment -> {
            if (payment == null || payment.transmitterPaymentId == null) {
                return Uni.createFrom().voidItem();
            }
            return bank.read(payment.partnerId, payment.transmitter, payment.transmitterPaymentId)
                    .chain(answer -> {
                        if (answer.status() == 200) {
                            PaymentReport report = PaymentReport.of(answer.data());
                            return payments.observed(id, report.status(), report.code(), report.detail(),
                                    next(payment, report));
                        }
                        Duration wait = answer.status() == 429 ? AFTER_FAILURE.multipliedBy(2) : AFTER_FAILURE;
                        LOG.debugf("Reading payment %s: HTTP %d (%s); again in %s", id, answer.status(), answer.errorCode(), wait);
                        return payments.pollAt(id, Instant.now().plus(wait));
                    })
                    .onFailure(FapiException.class).recoverWithUni(e -> {
                        LOG.debugf("Reading payment %s failed: %s", id, e.getMessage());
                        return payments.pollAt(id, Instant.now().plus(AFTER_FAILURE));
                    })
                    .replaceWithVoid();
        }).onFailure().invoke(e -> LOG.warnf(e, "Polling payment %s failed", id)).onFailure().recoverWithNull();
    }

    /** Half the time since the last change, within the configured bounds; from now on a change. */
    Instant next(PixPayment payment, PaymentReport report) {
        Instant now = Instant.now();
        Duration sinceChange = report.status() == payment.status ? Duration.between(payment.statusUpdatedAt, now) : Duration.ZERO;
        Duration wait = sinceChange.dividedBy(2);
        if (wait.compareTo(config.pollFirstAfter()) < 0) {
            wait = config.pollFirstAfter();
        }
        if (wait.compareTo(config.pollMaxInterval()) > 0) {
            wait = config.pollMaxInterval();
        }
        return now.plus(wait);
    }
}
