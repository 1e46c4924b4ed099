package br.com.ponte.consent.sharing;

import br.com.ponte.consent.config.SharingConfig;
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
 * Follows sharing without being told: every {@code ponte.sharing.check-every} it
 * <ul>
 *   <li>reads at their institutions the consents due for a read (revocations and expiries there,
 *   resources waiting for approvers or changing status), claiming them with {@code SKIP LOCKED} and a
 *   lease so that several instances read each once and a crash mid-read only delays it;</li>
 *   <li>expires authorised consents whose term passed, announces those within the lead time of it;</li>
 *   <li>ends the sessions whose time ran out.</li>
 * </ul>
 * Every deadline is a column, so timers survive restarts.
 */
@ApplicationScoped
public class SharingFollower {

    private static final Logger LOG = Logger.getLogger(SharingFollower.class);
    private static final int BATCH = 20;
    /** How long a claimed read is reserved for this instance; a crashed read is retried after it. */
    private static final Duration LEASE = Duration.ofSeconds(60);

    private static final String DUE_READS = """
            select id from sharing_consent
             where next_check_at <= :now and status in ('AWAITING_AUTHORISATION', 'AUTHORISED')
             order by next_check_at
             limit %d
             for update skip locked""".formatted(BATCH);
    private static final String DUE_TERMS = """
            select id from sharing_consent
             where status = 'AUTHORISED' and expiration_date_time <= :now
             limit %d""".formatted(BATCH);
    private static final String DUE_NOTICES = """
            select id from sharing_consent
             where status = 'AUTHORISED' and expiration_date_time <= :soon
               and (expiring_notified_for is null or expiring_notified_for <> expiration_date_time)
             limit %d""".formatted(BATCH);
    private static final String DUE_SESSIONS = """
            select id from sharing_session where status = 'ACTIVE' and expires_at <= :now limit %d""".formatted(BATCH);

    private final SharingJourney journey;
    private final SharingConsents consents;
    private final SharingConfig config;

    public SharingFollower(SharingJourney journey, SharingConsents consents, SharingConfig config) {
        this.journey = journey;
        this.consents = consents;
        this.config = config;
    }

    @Scheduled(every = "${ponte.sharing.check-every:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> follow() {
        Instant now = Instant.now();
        return readDue(now)
                .chain(() -> expireTerms(now))
                .chain(() -> announceTerms(now))
                .chain(() -> endSessions(now))
                .onFailure().invoke(e -> LOG.warn("Following sharing consents failed; the next round retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Claims the consents due for a read (bumping their next read by the lease), then reads each at its institution. */
    Uni<Void> readDue(Instant now) {
        return Panache.withTransaction(() -> ids(DUE_READS, "now", now).chain(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(ids)
                        : Panache.getSession().chain(session -> session.createMutationQuery(
                                        "update SharingConsent set nextCheckAt = :lease where id in :ids")
                                .setParameter("lease", now.plus(LEASE)).setParameter("ids", ids).executeUpdate())
                        .replaceWith(ids)))
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> journey.check(id)
                        .onFailure().invoke(e -> LOG.warnf("Reading sharing consent %s at its institution failed; retried "
                                + "after the lease: %s", id, e.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().asList().replaceWithVoid();
    }

    /** Expires the authorised consents whose term is at or before {@code now} (the round passes the clock; tests a later time). */
    public Uni<Void> expireTerms(Instant now) {
        return each(DUE_TERMS, "now", now, consents::expired);
    }

    /** Announces the consents whose term is within the lead time of {@code now}, once per term. */
    public Uni<Void> announceTerms(Instant now) {
        return each(DUE_NOTICES, "soon", now.plus(config.expiringLeadTime()), id -> consents.expiring(id, now));
    }

    /** Ends the sessions whose time ran out by {@code now}. */
    public Uni<Void> endSessions(Instant now) {
        return each(DUE_SESSIONS, "now", now, id -> consents.endSession(id, false));
    }

    /**
     * Runs {@code action} on every id {@code query} finds due, a batch at a time, until a batch is not
     * full (a backlog is drained in one round) or makes no progress (each of its ids failed: the next
     * round retries them).
     */
    private Uni<Void> each(String query, String parameter, Instant value, java.util.function.Function<UUID, Uni<?>> action) {
        return Panache.withSession(() -> ids(query, parameter, value))
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> action.apply(id).replaceWith(true)
                                .onFailure().invoke(e -> LOG.warnf("Sharing timer for %s failed; retried: %s", id, e.getMessage()))
                                .onFailure().recoverWithItem(false))
                        .collect().asList()
                        .chain(done -> ids.size() == BATCH && done.contains(true)
                                ? each(query, parameter, value, action) : Uni.createFrom().voidItem()));
    }

    private static Uni<List<UUID>> ids(String query, String parameter, Instant value) {
        return Panache.getSession().chain(session -> session.createNativeQuery(query, UUID.class)
                .setParameter(parameter, value.atOffset(ZoneOffset.UTC))
                .getResultList());
    }
}
