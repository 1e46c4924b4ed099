package br.com.ponte.vault.crypto;

import br.com.ponte.kit.crypto.EnvelopeCipher;
import br.com.ponte.kit.crypto.SealedRecords;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Completes a master-key rotation without downtime: the vault's sealed records (certificate keys,
 * the token signing key, registration access tokens) still under a previous master key are
 * re-wrapped under the current one ({@link SealedRecords}). Meanwhile every record stays readable
 * (the cipher knows the previous keys); once none is left the previous keys can be removed.
 */
@ApplicationScoped
public class MasterKeyRotation {

    private static final Logger LOG = Logger.getLogger(MasterKeyRotation.class);

    private static final List<SealedRecords> TABLES = List.of(
            new SealedRecords("certificate", "id::text", "key_cipher", "key_iv", "key_data_key_wrapped", "key_data_key_iv",
                    "master_key_id"),
            new SealedRecords("token_signing_key", "kid", "private_key_cipher", "private_key_iv", "data_key_wrapped",
                    "data_key_iv", "master_key_id"),
            new SealedRecords("transmitter_registration", "partner_id::text || '/' || authorisation_server_id", "rat_cipher",
                    "rat_iv", "rat_data_key_wrapped", "rat_data_key_iv", "master_key_id"));

    private final Mutiny.SessionFactory sessions;
    private final EnvelopeCipher cipher;

    public MasterKeyRotation(Mutiny.SessionFactory sessions, EnvelopeCipher cipher) {
        this.sessions = sessions;
        this.cipher = cipher;
    }

    @Scheduled(every = "${ponte.vault.rewrap-every:1m}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return SealedRecords.rewrapAll(TABLES, sessions, cipher).invoke(total -> {
                    if (total > 0) {
                        LOG.infof("Re-wrapped %d sealed records under master key %s", total, cipher.masterKeyId());
                    }
                })
                .onFailure().invoke(e -> LOG.warn("Re-wrapping sealed records failed; the next run retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
