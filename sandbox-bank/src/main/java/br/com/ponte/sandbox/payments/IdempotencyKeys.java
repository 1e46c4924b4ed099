package br.com.ponte.sandbox.payments;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code x-idempotency-key} on the creating calls: the same key with the same {@code data} claim
 * gets the answer the first call got (a retry after a lost answer creates nothing twice); the same
 * key with other data is 422 {@code ERRO_IDEMPOTENCIA}. The JWT around {@code data} differs on every
 * retry ({@code jti}, {@code iat}), so {@code data} is what is compared. Kept in memory for a day.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** What the spec allows: 1 to 40 characters, no leading or trailing blank. */
    private static final Pattern KEY = Pattern.compile("^(?!\\s)(.{0,39})(\\S)$");
    private static final Duration KEPT = Duration.ofHours(24);

    record Answer(int status, String body) {
    }

    private record Entry(JsonNode data, Answer answer, Instant until) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** 400 when the key is missing or malformed. */
    static String require(String key) {
        if (key == null) {
            throw PaymentsError.badRequest("PARAMETRO_NAO_INFORMADO", "Cabeçalho x-idempotency-key não informado.");
        }
        if (!KEY.matcher(key).matches()) {
            throw PaymentsError.badRequest("PARAMETRO_INVALIDO", "Cabeçalho x-idempotency-key inválido.");
        }
        return key;
    }

    /**
     * The answer for this key: the one it already got when used with the same data (replayed,
     * nothing created), else the one {@code first} makes now, remembered. Two calls with one key are
     * answered one after the other; calls with other keys are not held up (a slow payment scenario
     * takes seconds). A {@code first} that throws is not remembered.
     */
    Answer once(String clientId, String endpoint, String key, JsonNode data, java.util.function.Supplier<Answer> first) {
        synchronized (lock(clientId, endpoint, key)) {
            return previous(clientId, endpoint, key, data).orElseGet(() -> {
                Answer answer = first.get();
                remember(clientId, endpoint, key, data, answer);
                return answer;
            });
        }
    }

    private Object lock(String clientId, String endpoint, String key) {
        return locks.computeIfAbsent(id(clientId, endpoint, key), id -> new Object());
    }

    /** The answer to replay for this key, if it was used with the same data; 422 if with other data. */
    private Optional<Answer> previous(String clientId, String endpoint, String key, JsonNode data) {
        Instant now = Instant.now();
        entries.entrySet().removeIf(entry -> {
            boolean expired = entry.getValue().until().isBefore(now);
            if (expired) {
                locks.remove(entry.getKey());
            }
            return expired;
        });
        Entry entry = entries.get(id(clientId, endpoint, key));
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.data().equals(data)) {
            throw PaymentsError.unprocessable("ERRO_IDEMPOTENCIA", "Erro idempotência.",
                    "Conteúdo da mensagem (claim data) diverge do conteúdo associado a esta chave de idempotência "
                            + "(x-idempotency-key).");
        }
        return Optional.of(entry.answer());
    }

    private void remember(String clientId, String endpoint, String key, JsonNode data, Answer answer) {
        entries.put(id(clientId, endpoint, key), new Entry(data, answer, Instant.now().plus(KEPT)));
    }

    private static String id(String clientId, String endpoint, String key) {
        return clientId + " " + endpoint + " " + key;
    }
}
