package br.com.ponte.sandbox.resource;

import br.com.ponte.sandbox.resource.IdempotencyKeys.Answer;
import br.com.ponte.sandbox.store.SandboxStore;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Idempotency keys kept in the sandbox's state: a retry after a restart gets the first answer. */
class IdempotencyKeysTest {

    private static final String ENDPOINT = "/open-banking/payments/v4/pix/payments";

    @TempDir
    Path dataDir;

    @Test
    void aRetryAfterARestartGetsTheFirstAnswerAndCreatesNothing() {
        ObjectNode data = data("100.00");
        Answer first = restarted().once("client", ENDPOINT, "key-1", data, () -> new Answer(201, "first.jwt"));

        IdempotencyKeys afterRestart = restarted();

        assertThat(afterRestart.once("client", ENDPOINT, "key-1", data("100.00"), () -> {
            throw new AssertionError("created again");
        })).isEqualTo(first);
        assertThatThrownBy(() -> afterRestart.once("client", ENDPOINT, "key-1", data("200.00"),
                () -> new Answer(201, "other.jwt")))
                .isInstanceOfSatisfying(ApiError.class, refusal -> assertThat(refusal.code())
                        .isEqualTo("ERRO_IDEMPOTENCIA"));
    }

    @Test
    void aKeyBelongsToItsClientAndEndpoint() {
        IdempotencyKeys keys = restarted();
        keys.once("client", ENDPOINT, "key-1", data("100.00"), () -> new Answer(201, "first.jwt"));

        assertThat(keys.once("other", ENDPOINT, "key-1", data("200.00"), () -> new Answer(201, "other.jwt")).body())
                .isEqualTo("other.jwt");
        assertThat(keys.once("client", "/open-banking/payments/v4/consents", "key-1", data("200.00"), () -> new Answer(201, "c.jwt"))
                .body()).isEqualTo("c.jwt");
    }

    private IdempotencyKeys restarted() {
        return new IdempotencyKeys(new SandboxStore(Optional.of(dataDir)));
    }

    private static ObjectNode data(String amount) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putArray("items").addObject().put("endToEndId", "E1").putObject("payment").put("amount", amount);
        return data;
    }
}
