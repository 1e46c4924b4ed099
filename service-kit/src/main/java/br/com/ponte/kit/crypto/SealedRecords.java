package br.com.ponte.kit.crypto;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Where a table keeps secrets sealed by {@link EnvelopeCipher}: the SQL expression of the id each
 * seal is bound to, and the five sealed columns. {@link #rewrapAll} completes a master-key
 * rotation for the table: rows still sealed under a previous key get their data key re-wrapped
 * under the current one (the secret is never decrypted), a batch per transaction, locked with
 * {@code SKIP LOCKED} so several instances share the work. Rows whose ciphertext column is null
 * (a shredded secret) are skipped.
 */
public record SealedRecords(String table, String idExpression, String cipher, String iv, String wrappedKey,
                            String wrappedKeyIv, String masterKeyId) {

    private static final int BATCH = 100;

    /** Re-wraps the rows of every table given, one table after the other; returns how many in all. */
    public static Uni<Integer> rewrapAll(java.util.List<SealedRecords> tables, Mutiny.SessionFactory sessions,
                                         EnvelopeCipher envelopeCipher) {
        Uni<Integer> done = Uni.createFrom().item(0);
        for (SealedRecords table : tables) {
            done = done.chain(total -> table.rewrapAll(sessions, envelopeCipher).map(count -> total + count));
        }
        return done;
    }

    /** Re-wraps every row of this table not yet under the cipher's current master key; returns how many. */
    public Uni<Integer> rewrapAll(Mutiny.SessionFactory sessions, EnvelopeCipher envelopeCipher) {
        return rewrapBatch(sessions, envelopeCipher).chain(count -> count < BATCH ? Uni.createFrom().item(count)
                : rewrapAll(sessions, envelopeCipher).map(more -> count + more));
    }

    private Uni<Integer> rewrapBatch(Mutiny.SessionFactory sessions, EnvelopeCipher envelopeCipher) {
        String select = "select " + idExpression + ", " + cipher + ", " + iv + ", " + wrappedKey + ", " + wrappedKeyIv
                + ", " + masterKeyId + " from " + table + " where " + masterKeyId + " <> :current and " + cipher
                + " is not null limit " + BATCH + " for update skip locked";
        String update = "update " + table + " set " + wrappedKey + " = :wrapped, " + wrappedKeyIv + " = :wrappedIv, "
                + masterKeyId + " = :current where " + idExpression + " = :id and " + masterKeyId + " = :previous";
        return sessions.withTransaction(session -> session.createNativeQuery(select, Object[].class)
                .setParameter("current", envelopeCipher.masterKeyId())
                .getResultList()
                .chain(rows -> {
                    Uni<Integer> done = Uni.createFrom().item(0);
                    for (Object[] row : rows) {
                        String id = String.valueOf(row[0]);
                        EnvelopeCipher.Sealed sealed = new EnvelopeCipher.Sealed((byte[]) row[1], (byte[]) row[2],
                                (byte[]) row[3], (byte[]) row[4], (String) row[5]);
                        EnvelopeCipher.Sealed rewrapped = envelopeCipher.rewrap(sealed, id);
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
