package br.com.ponte.vault.certificate;

import br.com.ponte.events.data.CertificateExpiring;
import br.com.ponte.kit.audit.Actor;
import br.com.ponte.kit.audit.Audit;
import br.com.ponte.kit.outbox.Outbox;
import br.com.ponte.vault.VaultConfig;
import br.com.ponte.vault.domain.StoredCertificate;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Publishes {@code certificate:expiring} when an active certificate comes within 30, 7 and 1 days
 * (configurable) of its expiry: once per threshold, the nearest one only when several were passed
 * at once (a certificate uploaded 5 days before expiry gets the 7-day notice, then the 1-day one).
 * The notice and the record of it commit together through the outbox; the rows are locked, so
 * several vault instances send each notice once. An expired certificate becomes EXPIRED.
 */
@ApplicationScoped
public class ExpiryWatcher {

    private static final Logger LOG = Logger.getLogger(ExpiryWatcher.class);

    private final Outbox outbox;
    private final Audit audit;
    private final List<Integer> thresholds;

    public ExpiryWatcher(Outbox outbox, Audit audit, VaultConfig config) {
        this.outbox = outbox;
        this.audit = audit;
        this.thresholds = config.expiryNoticeDays().stream().sorted().toList();
    }

    @Scheduled(every = "${ponte.vault.expiry-check-every:1h}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return checkNow(Instant.now())
                .onFailure().invoke(e -> LOG.warn("Checking certificate expiry failed; the next run retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    Uni<Void> checkNow(Instant now) {
        Instant horizon = now.plus(Duration.ofDays(thresholds.get(thresholds.size() - 1)));
        return Panache.withTransaction(() -> StoredCertificate.<StoredCertificate>find(
                                "status = ?1 and notAfter <= ?2", StoredCertificate.Status.ACTIVE, horizon)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                        .chain(certificates -> {
                            Uni<Void> done = Uni.createFrom().voidItem();
                            for (StoredCertificate certificate : certificates) {
                                done = done.chain(() -> handle(certificate, now));
                            }
                            return done;
                        }));
    }

    private Uni<Void> handle(StoredCertificate certificate, Instant now) {
        if (!certificate.notAfter.isAfter(now)) {
            certificate.status = StoredCertificate.Status.EXPIRED;
            LOG.infof("Certificate %s (%s) of partner %s expired", certificate.id, certificate.usage, certificate.partnerId);
            return audit.record(Actor.system("expiry-watcher"), "certificate.expired", "certificate", certificate.id.toString(),
                    certificate.partnerId.toString(), CertificateService.describe(certificate), now);
        }
        Duration left = Duration.between(now, certificate.notAfter);
        Integer due = thresholds.stream().filter(days -> left.compareTo(Duration.ofDays(days)) <= 0).findFirst().orElse(null);
        if (due == null || (certificate.expiryNoticeDays != null && certificate.expiryNoticeDays <= due)) {
            return Uni.createFrom().voidItem();
        }
        certificate.expiryNoticeDays = due;
        return outbox.append(new CertificateExpiring(certificate.id.toString(), certificate.usage.name(),
                        certificate.serialNumber, certificate.notAfter, (int) left.toDays()),
                certificate.id.toString(), certificate.partnerId.toString(), now).replaceWithVoid();
    }
}
