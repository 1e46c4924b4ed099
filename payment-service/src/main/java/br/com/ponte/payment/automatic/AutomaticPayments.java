package br.com.ponte.payment.automatic;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.EventType;
import br.com.ponte.events.MalformedEventException;
import br.com.ponte.events.data.ConsentApproved;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.internal.ConsentGrants;
import br.com.ponte.kit.messaging.DeadLetters;
import br.com.ponte.kit.messaging.Effects;
import br.com.ponte.payment.bank.Initiations;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Initiates the payment of a consent that asked for it ({@code automaticPayment} at creation) once
 * {@code consent:approved} says it is AUTHORISED.
 *
 * <p>The event only records the work ({@code automatic_payment}, one row per consent); a scheduled
 * worker makes it, claiming due rows with {@code SKIP LOCKED} and a lease so that several instances
 * never pay twice. A failure that may pass (consent-service down, the bank unreachable or failing) is
 * tried again with a growing wait, up to a minute, until it works or the consent can no longer pay;
 * the initiation's idempotency key ({@code automatic:<consent>}) makes every try the same payment.
 * So an outage delays an automatic payment and never loses it, nor makes it twice.
 */
@ApplicationScoped
public class AutomaticPayments {

    private static final Logger LOG = Logger.getLogger(AutomaticPayments.class);
    private static final int BATCH = 20;
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private static final String RECORD = """
            insert into automatic_payment (consent_id, partner_id, next_attempt_at) values ($1, $2, now())
            on conflict (consent_id) do nothing""";

    private static final String CLAIM = """
            update automatic_payment set next_attempt_at = :lease
             where consent_id in (select consent_id from automatic_payment
                                   where next_attempt_at <= :now
                                   order by next_attempt_at
                                   limit %d
                                   for update skip locked)
            returning consent_id, partner_id, attempts""".formatted(BATCH);

    private static final String DONE = "delete from automatic_payment where consent_id = $1";

    private static final String AGAIN = """
            update automatic_payment set attempts = attempts + 1, next_attempt_at = $2, last_error = $3
             where consent_id = $1""";

    private final ConsentGrants grants;
    private final Initiations initiations;
    private final Pool pool;
    private final MutinyEmitter<String> deadLetters;
    private final Vertx vertx;

    private record Due(UUID consentId, String partnerId, int attempts) {
    }

    public AutomaticPayments(ConsentGrants grants, Initiations initiations, Pool pool,
                             @Channel("consent-dead-letters") MutinyEmitter<String> deadLetters, Vertx vertx) {
        this.vertx = vertx;
        this.grants = grants;
        this.initiations = initiations;
        this.pool = pool;
        this.deadLetters = deadLetters;
    }

    /** An authorised consent may ask to be paid: recorded, in the worker's hands from here. */
    @Incoming("consent-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        EventEnvelope event;
        try {
            event = EventCodec.decode(record.value());
        } catch (MalformedEventException malformed) {
            LOG.warnf("Malformed record %s-%d@%d sent to dead letters: %s", record.topic(), record.partition(), record.offset(),
                    malformed.getMessage());
            return DeadLetters.send(deadLetters, record, malformed.getMessage());
        }
        if (event.eventType().orElse(null) != EventType.CONSENT_APPROVED
                || !"AUTHORISED".equals(event.dataAs(ConsentApproved.class).status())) {
            return Uni.createFrom().voidItem();
        }
        return Effects.untilApplied(vertx, "consent:approved " + event.id(),
                () -> pool.preparedQuery(RECORD).execute(Tuple.of(UUID.fromString(event.subject()), event.partnerId())).replaceWithVoid());
    }

    @Scheduled(every = "${ponte.payment.automatic-check-every:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return payDue()
                .onFailure().invoke(e -> LOG.warn("Making automatic payments failed; the next tick retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Tries every automatic payment that is due; returns how many were tried. */
    public Uni<Integer> payDue() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(CLAIM, Object[].class)
                        .setParameter("lease", now.plus(LEASE).atOffset(ZoneOffset.UTC))
                        .setParameter("now", now.atOffset(ZoneOffset.UTC))
                        .getResultList()))
                .map(rows -> rows.stream().map(r -> new Due((UUID) r[0], (String) r[1], ((Number) r[2]).intValue())).toList())
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(this::pay)
                        .collect().asList()
                        .map(List::size));
    }

    private Uni<Void> pay(Due due) {
        String consentId = due.consentId().toString();
        return grants.grant(consentId)
                .chain(grant -> grant.automaticPayment() == null ? Uni.createFrom().voidItem()
                        : initiations.initiate(grant.partnerId(), due.consentId(), new Initiations.Instruction(
                                grant.automaticPayment().path("cnpjInitiator").asText(),
                                grant.automaticPayment().path("remittanceInformation").asText(null), null, null),
                        "automatic:" + consentId, null).replaceWithVoid())
                .chain(() -> done(due))
                .onFailure().recoverWithUni(failure -> {
                    if (cannotSucceed(failure)) {
                        LOG.warnf("Automatic payment of consent %s not made, and it cannot be: %s", consentId, failure.getMessage());
                        return done(due);
                    }
                    Duration wait = backoff(due.attempts());
                    LOG.warnf("Automatic payment of consent %s not made yet (%s); trying again in %s", consentId,
                            failure.getMessage(), wait);
                    String error = String.valueOf(failure.getMessage());
                    return pool.preparedQuery(AGAIN).execute(Tuple.of(due.consentId(),
                            Instant.now().plus(wait).atOffset(ZoneOffset.UTC),
                            error.length() > 1024 ? error.substring(0, 1024) : error)).replaceWithVoid();
                });
    }

    private Uni<Void> done(Due due) {
        return pool.preparedQuery(DONE).execute(Tuple.of(due.consentId())).replaceWithVoid();
    }

    /**
     * Whether trying again changes nothing: the consent is unknown or cannot pay (used, expired,
     * revoked), or the payment request itself is refused. Anything else (consent-service or the bank
     * down, slow or failing) may pass.
     */
    static boolean cannotSucceed(Throwable failure) {
        return ConsentGrants.unusable(failure)
                || failure instanceof ApiException api && api.status() >= 400 && api.status() < 500 && api.status() != 429;
    }

    /** 1 s, 2 s, 4 s, ... up to a minute. */
    static Duration backoff(int attempts) {
        Duration wait = Duration.ofSeconds(1L << Math.min(attempts, 6));
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }
}
