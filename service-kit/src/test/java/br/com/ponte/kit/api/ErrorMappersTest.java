package br.com.ponte.kit.api;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "the database is down or restarting" (503, retry) and which are bugs (500). */
class ErrorMappersTest {

    @Test
    void aDatabaseGoneOrRestartingIsUnreachableHoweverDeepTheCause() {
        assertThat(ErrorMappers.databaseUnreachable(new CompletionException(new ConnectException("Connection refused")))).isTrue();
        assertThat(ErrorMappers.databaseUnreachable(new RuntimeException(ClosedConnectionException.INSTANCE))).isTrue();
        assertThat(ErrorMappers.databaseUnreachable(new PgException("the database system is starting up", "FATAL", "57P03", null)))
                .isTrue();
        assertThat(ErrorMappers.databaseUnreachable(new PgException("terminating connection", "FATAL", "57P01", null))).isTrue();
        // what a SIGKILLed PostgreSQL leaves in the pool's open connections
        assertThat(ErrorMappers.databaseUnreachable(new IllegalStateException(
                new IOException("recvAddress(..) failed: Connection reset by peer")))).isTrue();
    }

    @Test
    void aQueryThatFailsOnItsOwnIsNotAnOutage() {
        assertThat(ErrorMappers.databaseUnreachable(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
        assertThat(ErrorMappers.databaseUnreachable(new IOException("No space left on device"))).isFalse();
        assertThat(ErrorMappers.databaseUnreachable(new NullPointerException())).isFalse();
    }

    @Test
    void aDependencyUnavailableIs503WithWhenToTryAgain() {
        jakarta.ws.rs.core.Response answer = new ErrorMappers().api(ApiException.unavailable("consent-service cannot be reached"));
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((ErrorResponse) answer.getEntity()).errors().get(0).code()).isEqualTo("SERVICO_INDISPONIVEL");

        assertThat(new ErrorMappers().api(ApiException.notFound("no")).getHeaderString("Retry-After")).isNull();
    }
}
