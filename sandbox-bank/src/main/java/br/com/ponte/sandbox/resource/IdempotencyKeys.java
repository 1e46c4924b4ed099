package br.com.ponte.sandbox.resource;

import br.com.ponte.sandbox.store.SandboxStore;
import br.com.ponte.sandbox.store.Table;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code x-idempotency-key} on the creating calls: the same key with the same {@code data} claim
 * gets the answer the first call got (a retry after a lost answer creates nothing twice); the same
 * key with other data is 422 {@code ERRO_IDEMPOTENCIA}. The JWT around {@code data} differs on every
 * retry ({@code jti}, {@code iat}), so {@code data} is what is compared. Kept for a day in the
 * sandbox's state, so a retry after a restart is answered too when {@code sandbox.data-dir} is set.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** What the spec allows: 1 to 40 characters, no leading or trailing blank. */
    private static final Pattern KEY = Pattern.compile("^(?!\\s)(.{0,39})(\\S)$");
    private static final Duration KEPT = Duration.ofHours(24);

    public record Answer(int status, String body) {
    }

    /** A key's first answer, under its {@code id} (client, endpoint and key), until it is forgotten. */
    record Entry(String id, JsonNode data, Answer answer, Instant until) {
    }

    private final Table<Entry> entries;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public IdempotencyKeys(SandboxStore store) {
        this.entries = store.table("idempotencyKeys", Entry.class);
    }

    /** 400 when the key is missing or malformed. */
    public static String require(String key) {
        if (key == null) {
            throw ApiError.badRequest("PARAMETRO_NAO_INFORMADO", "Cabeçalho x-idempotency-key não informado.");
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiError.badRequest("PARAMETRO_INVALIDO", "Cabeçalho x-idempotency-key inválido.");
        }
        return key;
    }

    /**
     * The answer for this key: the one it already got when used with the same data (replayed,
     * nothing created), else the one {@code first} makes now, remembered. Two calls with one key are
     * answered one after the other; calls with other keys are not held up (a slow payment scenario
     * takes seconds). A {@code first} that throws is not remembered.
     */
    public Answer once(String clientId, String endpoint, String key, JsonNode data, Supplier<Answer> first) {
        return once(clientId, endpoint, key, data, () -> ApiError.unprocessable("ERRO_IDEMPOTENCIA", "Erro idempotência.",
                "Conteúdo da mensagem (claim data) diverge do conteúdo associado a esta chave de idempotência "
                        + "(x-idempotency-key)."), first);
    }

    /** As {@link #once(String, String, String, JsonNode, Supplier)}, refusing other data with {@code conflict}. */
    public Answer once(String clientId, String endpoint, String key, JsonNode data, Supplier<ApiError> conflict,
                       Supplier<Answer> first) {
        String id = clientId + " " + endpoint + " " + key;
        synchronized (locks.computeIfAbsent(id, absent -> new Object())) {
            return previous(id, data, conflict).orElseGet(() -> {
                Answer answer = first.get();
                entries.put(id, new Entry(id, data, answer, Instant.now().plus(KEPT)));
                return answer;
            });
        }
    }

    /** The answer to replay for this key, if it was used with the same data; {@code conflict} if with other data. */
    private Optional<Answer> previous(String id, JsonNode data, Supplier<ApiError> conflict) {
        Instant now = Instant.now();
        entries.rows(entry -> entry.until().isBefore(now)).forEach(expired -> {
            entries.take(expired.id());
            locks.remove(expired.id());
        });
        Optional<Entry> entry = entries.find(id);
        if (entry.isPresent() && !entry.get().data().equals(data)) {
            throw conflict.get();
        }
        return entry.map(Entry::answer);
    }
}
