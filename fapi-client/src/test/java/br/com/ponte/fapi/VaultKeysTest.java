package br.com.ponte.fapi;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a service reads certificate-vault's failures, against a real HTTP server answering as the
 * vault would: any 5xx is the vault being unavailable (503 to the partner, never blamed on the bank
 * nor counted by the bank's circuit breaker); a 4xx is the vault refusing this partner's request.
 */
class VaultKeysTest {

    static Vertx vertx;
    static HttpServer server;
    static final AtomicInteger status = new AtomicInteger();
    static VaultKeys vault;

    @BeforeAll
    static void startVault() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.response().setStatusCode(status.get())
                .putHeader("content-type", "application/json")
                .endAndForget("{\"errors\":[{\"code\":\"" + (status.get() >= 500 ? "ERRO_INTERNO" : "CERTIFICADO_AUSENTE")
                        + "\",\"title\":\"t\",\"detail\":\"d\"}],\"meta\":{}}"))
                .listenAndAwait(0);
        vault = new VaultKeys(vertx, "http://localhost:" + server.actualPort(), "payment-service", "s", Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        vault.close();
        server.closeAndAwait();
        vertx.closeAndAwait();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void aFailingVaultIsUnavailableForEveryUse(int answered) {
        status.set(answered);
        assertThatThrownBy(() -> vault.signer("p1").sign(Map.of("iss", "x"), "JWT").await().indefinitely())
                .isInstanceOf(VaultUnavailableException.class).hasMessageContaining(String.valueOf(answered));
        assertThatThrownBy(() -> vault.transportIdentity("p1").await().indefinitely())
                .isInstanceOf(VaultUnavailableException.class);
        assertThatThrownBy(() -> vault.transmitter("p1", "as-1").await().indefinitely())
                .isInstanceOf(VaultUnavailableException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 422})
    void aRefusalCarriesTheVaultsCode(int answered) {
        status.set(answered);
        assertThatThrownBy(() -> vault.transmitter("p1", "as-1").await().indefinitely())
                .isInstanceOfSatisfying(FapiException.class, e -> assertThat(e.error())
                        .isEqualTo("vault_CERTIFICADO_AUSENTE"));
    }
}
