package br.com.ponte.vault.crypto;

import br.com.ponte.kit.crypto.EnvelopeCipher;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Completes a master-key rotation without downtime: records still sealed under a previous master
 * key are re-wrapped under the current one, a batch per transaction, locked with {@code SKIP
 * LOCKED} so several vault instances share the work. Only data keys are re-wrapped; secrets are
 * never decrypted for it. Meanwhile every record stays readable (the cipher knows the previous
 * keys), and once none is left the previous keys can be removed from the configuration.
 */
@ApplicationScoped
public class MasterKeyRotation {

    private static final Logger LOG = Logger.getLogger(MasterKeyRotation.class);
    private static final int BATCH = 100;

    /** A table holding sealed secrets: the SQL of the id its seals are bound to, and its sealed columns. */
    private record SealedTable(String table, String id, String cipher, String iv, String wrapped, String wrappedIv,
                               String masterKeyId) {
    }

    private static final List<SealedTable> TABLES = List.of(
            new SealedTable("certificate", "id::text", "key_cipher", "key_iv", "key_data_key_wrapped", "key_data_key_iv",
                    "master_key_id"),
            new SealedTable("token_signing_key", "kid", "private_key_cipher", "private_key_iv", "data_key_wrapped",
                    "data_key_iv", "master_key_id"),
            new SealedTable("transmitter_registration", "partner_id::text || '/' || authorisation_server_id", "rat_cipher",
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
        Uni<Integer> done = Uni.createFrom().item(0);
        for (SealedTable table : TABLES) {
            done = done.chain(total -> rewrapAll(table).map(count -> total + count));
        }
        return done.invoke(total -> {
                    if (total > 0) {
                        LOG.infof("Re-wrapped %d sealed records under master key %s", total, cipher.masterKeyId());
                    }
                })
                .onFailure().invoke(e -> LOG.warn("Re-wrapping sealed records failed; the next run retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Integer> rewrapAll(SealedTable table) {
        return rewrapBatch(table).chain(count -> count < BATCH ? Uni.createFrom().item(count)
                : rewrapAll(table).map(more -> count + more));
    }

    private Uni<Integer> rewrapBatch(SealedTable t) {
        String select = "select " + t.id() + ", " + t.cipher() + ", " + t.iv() + ", " + t.wrapped() + ", "
                + t.wrappedIv() + ", " + t.masterKeyId() + " from " + t.table()
                + " where " + t.masterKeyId() + " <> :current and " + t.cipher() + " is not null limit " + BATCH
                + " for update skip locked";
        String update = "update " + t.table() + " set " + t.wrapped() + " = :wrapped, " + t.wrappedIv() + " = :wrappedIv, "
                + t.masterKeyId() + " = :current where " + t.id() + " = :id and " + t.masterKeyId() + " = :previous";
        return sessions.withTransaction(session -> session.createNativeQuery(select, Object[].class)
                .setParameter("current", cipher.masterKeyId())
                .getResultList()
                .chain(rows -> {
                    Uni<Integer> done = Uni.createFrom().item(0);
                    for (Object[] row : rows) {
                        String id = (String) row[0];
                        EnvelopeCipher.Sealed sealed = new EnvelopeCipher.Sealed((byte[]) row[1], (byte[]) row[2],
                                (byte[]) row[3], (byte[]) row[4], (String) row[5]);
                        EnvelopeCipher.Sealed rewrapped = cipher.rewrap(sealed, id);
                        done = done.chain(count -> session.createNativeQuery(update)
                                .setParameter("wrapped", rewrapped.wrappedDataKey())
                                .setParameter("wrappedIv", rewrapped.dataKeyIv())
                                .setParameter("current", rewrapped.masterKeyId())
                                .setParameter("id", id)
                                .setParameter("previous", sealed.masterKeyId())
                                .executeUpdate()
                                .map(updated -> count + updated));
                    }
                    return done;
                }));
    }
}
