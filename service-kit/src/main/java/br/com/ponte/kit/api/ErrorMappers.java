package br.com.ponte.kit.api;

import br.com.ponte.fapi.VaultUnavailableException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error a Ponte service answers has Open Finance's shape and the right status. Unexpected
 * failures are logged and answered as 500 without internals.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    /** When a partner refused with 503 should try again. */
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response api(ApiException e) {
        if (e.status() == 503) {
            return Response.status(503).header("Retry-After", RETRY_AFTER_SECONDS).type(MediaType.APPLICATION_JSON)
                    .entity(ErrorResponse.of(e.errors())).build();
        }
        return respond(e.status(), ErrorResponse.of(e.errors()));
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthorized(Exception e) {
        if (keysUnreachable(e)) {
            // the token may well be valid: a 401 would send the partner to get another, in vain
            LOG.warnf("Access tokens cannot be verified: the keys are unreachable (%s)", rootMessage(e));
            return unavailable("Access tokens cannot be verified right now (the keys at certificate-vault are unreachable); "
                    + "retry shortly");
        }
        return Response.status(401)
                .header("WWW-Authenticate", "Bearer")
                .type(MediaType.APPLICATION_JSON)
                .entity(ErrorResponse.of("NAO_AUTORIZADO", "Não autorizado",
                        "Missing, invalid or expired access token"))
                .build();
    }

    /** Nothing was done at the bank and nothing half-written: the same call (same idempotency key) works once the vault is back. */
    @ServerExceptionMapper
    public Response vaultUnavailable(VaultUnavailableException e) {
        LOG.warn(e.getMessage());
        return unavailable("The partner's keys at certificate-vault cannot be used right now; retry shortly with the same "
                + "x-idempotency-key");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(403, ErrorResponse.of("PROIBIDO", "Proibido", "The token does not allow this operation"));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return respond(404, ErrorResponse.of("NAO_ENCONTRADO", "Recurso não encontrado", "No such resource"));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return respond(405, ErrorResponse.of("METODO_NAO_PERMITIDO", "Método não permitido",
                "This method is not allowed on this resource"));
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return respond(415, ErrorResponse.of("FORMATO_NAO_SUPORTADO", "Formato não suportado",
                "This operation does not accept the request's Content-Type; see the OpenAPI document"));
    }

    /**
     * A body that is not JSON, or JSON of the wrong shape (a field of the wrong type, the wrong
     * top-level value, nesting past the parser's limit). Also takes the wrong-shape case from
     * Quarkus' own mapper, which answers it with an empty 400.
     */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response malformedJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("")
                : null;
        return respond(400, ErrorResponse.of("PARAMETRO_INVALIDO", "Requisição malformada", field != null
                ? "The body's field " + field + " does not have the type this operation expects"
                : "The body is not valid JSON for this operation"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return respond(status, ErrorResponse.of("ERRO_INTERNO", "Erro interno", "Unexpected error"));
        }
        return respond(status, ErrorResponse.of(status == 400 ? "PARAMETRO_INVALIDO" : "ERRO_REQUISICAO",
                "Requisição inválida", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (databaseUnreachable(e)) {
            LOG.warnf("The database is unreachable: %s", rootMessage(e));
            return unavailable("The service cannot reach its database right now; retry shortly with the same x-idempotency-key");
        }
        if (e instanceof IllegalArgumentException && brokenEncoding(e)) {
            return respond(400, ErrorResponse.of("PARAMETRO_INVALIDO", "Requisição malformada",
                    "The form body is not valid URL encoding"));
        }
        LOG.error("Request failed", e);
        return respond(500, ErrorResponse.of("ERRO_INTERNO", "Erro interno", "Unexpected error"));
    }

    /**
     * The database is down or restarting: connections refused or cut, or PostgreSQL shutting down or
     * starting (SQLSTATE classes 08 and 57P0x), connections reset. Not a bug: the same call works once it is back.
     */
    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException
                    || t instanceof io.vertx.core.impl.NoStackTraceThrowable && String.valueOf(t.getMessage()).contains("closed")) {
                return true;
            }
            if (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P0"))) {
                return true;
            }
            if (t.getClass().getName().endsWith("ClosedConnectionException")) {
                return true;
            }
            // a killed server resets the pool's open connections (netty's NativeIoException is an IOException)
            if (t instanceof java.io.IOException && t.getMessage() != null
                    && (t.getMessage().contains("Connection reset") || t.getMessage().contains("Broken pipe"))) {
                return true;
            }
        }
        return false;
    }

    /** The token's verification failed because the signing keys could not be fetched, not because of the token. */
    private static boolean keysUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** RESTEasy Reactive decodes a form body after the resource matched, and fails a bad escape (%zz) this way. */
    private static boolean brokenEncoding(Exception e) {
        StackTraceElement[] stack = e.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().equals("org.jboss.resteasy.reactive.common.util.URLUtils");
    }

    /** Something the service depends on is down for now: 503, and when to try again. */
    private Response unavailable(String detail) {
        return api(ApiException.unavailable(detail));
    }

    private static Response respond(int status, ErrorResponse body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
