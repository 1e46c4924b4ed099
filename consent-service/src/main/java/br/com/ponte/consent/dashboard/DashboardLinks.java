package br.com.ponte.consent.dashboard;

import br.com.ponte.consent.config.ConsentConfig;
import br.com.ponte.consent.config.SharingConfig;
import br.com.ponte.kit.api.IdempotencyKeys;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The links to "Meus compartilhamentos" and the dashboard sessions they open, each change in its own
 * transaction: a partner makes a link for a user (a replay with the same idempotency key gives the
 * same link), the user follows it once, before it expires, and gets a session of
 * {@code ponte.sharing.dashboard-session-lifetime}; what expired is purged.
 */
@ApplicationScoped
public class DashboardLinks {

    private static final Logger LOG = Logger.getLogger(DashboardLinks.class);
    /** How long a link's row outlives the link: a replay of the partner's request finds it meanwhile. */
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    /** A link and the URL the partner sends the user to. */
    public record Made(DashboardLink link, String url) {
    }

    /** What following a link gave: a session and its token when it was {@link Outcome#OPENED}. */
    public record Followed(Outcome outcome, DashboardLink link, DashboardSession session, String sessionToken) {
    }

    public enum Outcome { OPENED, USED, EXPIRED, UNKNOWN }

    private final DashboardKeys keys;
    private final ConsentConfig config;
    private final SharingConfig sharing;

    public DashboardLinks(DashboardKeys keys, ConsentConfig config, SharingConfig sharing) {
        this.keys = keys;
        this.config = config;
        this.sharing = sharing;
    }

    /**
     * A new link for the user ({@code cpf}, and {@code cnpj} for a company's consents), or, for a key
     * used before with the same request ({@code requestHash}), that same link. 422
     * {@code ERRO_IDEMPOTENCIA} for a key used with another request.
     */
    public Uni<Made> make(String partnerId, String cpf, String cnpj, String idempotencyKey, String requestHash, Instant now) {
        return Panache.withTransaction(() -> {
            Uni<DashboardLink> earlier = idempotencyKey == null ? Uni.createFrom().nullItem()
                    : DashboardLink.findByIdempotencyKey(partnerId, idempotencyKey);
            return earlier.chain(found -> {
                if (found != null) {
                    if (!found.requestHash.equals(requestHash)) {
                        throw IdempotencyKeys.reusedWithAnotherRequest(idempotencyKey);
                    }
                    return Uni.createFrom().item(found);
                }
                DashboardLink link = new DashboardLink();
                link.id = UUID.randomUUID();
                link.partnerId = partnerId;
                link.loggedUserDocument = cpf;
                link.businessEntityDocument = cnpj;
                link.tokenHash = DashboardKeys.hash(keys.linkToken(link.id));
                link.createdAt = now;
                link.expiresAt = now.plus(sharing.dashboardLinkLifetime());
                link.idempotencyKey = idempotencyKey;
                link.requestHash = requestHash;
                return link.<DashboardLink>persist();
            });
        }).map(link -> new Made(link, config.publicUrlOf(DashboardPaths.link(keys.linkToken(link.id)))));
    }

    /** The user followed the link with {@code token}: once, before it expires, it opens a session. */
    public Uni<Followed> follow(String token, Instant now) {
        return Panache.withTransaction(() -> DashboardLink.lockedByTokenHash(DashboardKeys.hash(token)).chain(link -> {
            if (link == null) {
                return Uni.createFrom().item(new Followed(Outcome.UNKNOWN, null, null, null));
            }
            if (link.usedAt != null) {
                return Uni.createFrom().item(new Followed(Outcome.USED, link, null, null));
            }
            if (!link.usableAt(now)) {
                return Uni.createFrom().item(new Followed(Outcome.EXPIRED, link, null, null));
            }
            link.use(now);
            String sessionToken = keys.newSessionToken();
            DashboardSession session = new DashboardSession();
            session.tokenHash = DashboardKeys.hash(sessionToken);
            session.linkId = link.id;
            session.partnerId = link.partnerId;
            session.loggedUserDocument = link.loggedUserDocument;
            session.businessEntityDocument = link.businessEntityDocument;
            session.createdAt = now;
            session.expiresAt = now.plus(sharing.dashboardSessionLifetime());
            return session.persist().map(stored -> new Followed(Outcome.OPENED, link, session, sessionToken));
        }));
    }

    /** The session the cookie's {@code token} names, open or not; null for none. */
    public Uni<DashboardSession> session(String token) {
        if (token == null || token.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return Panache.withSession(() -> DashboardSession.findById(DashboardKeys.hash(token)));
    }

    /** Sessions that expired, and links expired for a day, are deleted. */
    @Scheduled(every = "${ponte.sharing.dashboard-purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> purge() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> DashboardSession.delete("expiresAt < ?1", now)
                        .chain(() -> DashboardLink.delete("expiresAt < ?1 and id not in (select s.linkId from DashboardSession s)",
                                now.minus(KEPT_AFTER_EXPIRY))))
                .onFailure().invoke(e -> LOG.warn("Purging expired dashboard links and sessions failed; the next round retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
