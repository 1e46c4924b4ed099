package br.com.ponte.kit.internal;

import br.com.ponte.kit.api.ApiException;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a service reads consent-service's grant API, against a real HTTP server answering as
 * consent-service would: a 5xx or no answer is consent-service being unavailable (503 to the
 * partner, to be retried with the same idempotency key); 404 and 409 say the consent cannot be used,
 * which no retry changes.
 */
class ConsentGrantsTest {

    static Vertx vertx;
    static HttpServer server;
    static final AtomicInteger status = new AtomicInteger();
    static ConsentGrants grants;

    @BeforeAll
    static void startConsentService() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.response().setStatusCode(status.get())
                .putHeader("content-type", "application/json")
                .endAndForget("{\"errors\":[{\"code\":\"X\",\"title\":\"t\",\"detail\":\"not AUTHORISED\"}],\"meta\":{}}"))
                .listenAndAwait(0);
        grants = new ConsentGrants(vertx, "http://localhost:" + server.actualPort(), Duration.ofSeconds(5), "payment-service", "s");
    }

    @AfterAll
    static void stop() {
        grants.close();
        server.closeAndAwait();
        vertx.closeAndAwait();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void aFailingConsentServiceIsUnavailableAndARetryMayWork(int answered) {
        status.set(answered);
        assertThatThrownBy(() -> grants.grant("c1").await().indefinitely())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.errors().get(0).code()).isEqualTo("SERVICO_INDISPONIVEL");
                    assertThat(e.errors().get(0).detail()).contains("consent-service", "HTTP " + answered);
                    assertThat(ConsentGrants.unusable(e)).isFalse();
                });
    }

    @Test
    void aConsentServiceNotListeningIsUnavailable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ConsentGrants down = new ConsentGrants(vertx, "http://localhost:" + closed, Duration.ofSeconds(5), "payment-service", "s");
        try {
            assertThatThrownBy(() -> down.grant("c1").await().indefinitely())
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.errors().get(0).code()).isEqualTo("SERVICO_INDISPONIVEL");
                    });
        } finally {
            down.close();
        }
    }

    @Test
    void aConsentThatCannotBeUsedIsUnusable() {
        status.set(409);
        assertThatThrownBy(() -> grants.grant("c1").await().indefinitely())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors().get(0).code()).isEqualTo("CONSENTIMENTO_INVALIDO");
                    assertThat(e.errors().get(0).detail()).isEqualTo("not AUTHORISED");
                    assertThat(ConsentGrants.unusable(e)).isTrue();
                });
        status.set(404);
        assertThatThrownBy(() -> grants.grant("c1").await().indefinitely())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(ConsentGrants.unusable(e)).isTrue());
    }

    @Test
    void anAnswerOutsideTheContractIsConsentServicesError() {
        status.set(400);
        assertThatThrownBy(() -> grants.grant("c1").await().indefinitely())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.errors().get(0).code()).isEqualTo("ERRO_CONSENTIMENTO");
                });
    }
}
