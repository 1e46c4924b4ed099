package br.com.ponte.webhook;

import br.com.ponte.kit.crypto.EnvelopeCipher;
import br.com.ponte.kit.crypto.SealedRecords;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Completes a rotation of PONTE_WEBHOOK_MASTER_KEY without downtime: endpoint signing secrets (the
 * current one and the one still signing after a secret rotation) sealed under a previous master
 * key are re-wrapped under the current one; both stay readable meanwhile.
 */
@ApplicationScoped
public class SecretRewrap {

    private static final Logger LOG = Logger.getLogger(SecretRewrap.class);

    private static final List<SealedRecords> COLUMNS = List.of(
            new SealedRecords("webhook_endpoint", "id::text", "secret_cipher", "secret_iv", "secret_key_wrapped",
                    "secret_key_iv", "master_key_id"),
            new SealedRecords("webhook_endpoint", "id::text", "prev_secret_cipher", "prev_secret_iv",
                    "prev_secret_key_wrapped", "prev_secret_key_iv", "prev_master_key_id"));

    private final Mutiny.SessionFactory sessions;
    private final EnvelopeCipher cipher;

    public SecretRewrap(Mutiny.SessionFactory sessions, EnvelopeCipher cipher) {
        this.sessions = sessions;
        this.cipher = cipher;
    }

    @Scheduled(every = "${ponte.webhook.rewrap-every:1m}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return SealedRecords.rewrapAll(COLUMNS, sessions, cipher).invoke(total -> {
                    if (total > 0) {
                        LOG.infof("Re-wrapped %d endpoint secrets under master key %s", total, cipher.masterKeyId());
                    }
                })
                .onFailure().invoke(e -> LOG.warn("Re-wrapping endpoint secrets failed; the next run retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
