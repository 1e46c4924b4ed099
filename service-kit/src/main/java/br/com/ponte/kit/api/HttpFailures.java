package br.com.ponte.kit.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Failures before a request reaches a resource (a form field over the size limit, a body the HTTP
 * layer refuses, a broken form encoding) get Open Finance's error shape and the right status too,
 * instead of Quarkus' default page. Security failures keep Quarkus' own handling (401 challenges).
 */
@ApplicationScoped
public class HttpFailures {

    private static final Logger LOG = Logger.getLogger(HttpFailures.class);

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    @ConfigProperty(name = "quarkus.http.limits.max-form-attribute-size")
    Optional<MemorySize> maxFormFieldSize;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseDeclaredOversize).failureHandler(this::handle);
    }

    /**
     * A body declared larger than the limit is refused before it is read (Quarkus would answer an
     * empty 413). A form body is held to the form field limit as a whole and must say its length:
     * RESTEasy Reactive's streaming form parser fails a request whose field passes the limit with a
     * 500, so no such body may reach it. Forms here are small, and browsers and banks always send
     * their length.
     */
    private void refuseDeclaredOversize(RoutingContext ctx) {
        String length = ctx.request().getHeader("content-length");
        String type = ctx.request().getHeader("content-type");
        boolean form = type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded");
        if (form && length == null && ctx.request().getHeader("transfer-encoding") != null) {
            refuse(ctx, 411, ErrorResponse.of("PARAMETRO_INVALIDO", "Tamanho não informado",
                    "A form body must be sent with its Content-Length"));
            return;
        }
        if (length != null) {
            try {
                long declared = Long.parseLong(length.trim());
                if ((maxBodySize.isPresent() && declared > maxBodySize.get().asLongValue())
                        || (form && maxFormFieldSize.isPresent() && declared > maxFormFieldSize.get().asLongValue())) {
                    refuse(ctx, 413, tooLarge());
                    return;
                }
            } catch (NumberFormatException e) {
                // the HTTP layer refuses a malformed Content-Length itself
            }
        }
        ctx.next();
    }

    private static void refuse(RoutingContext ctx, int status, ErrorResponse body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .putHeader("connection", "close").end(Json.encode(body));
    }

    private static ErrorResponse tooLarge() {
        return ErrorResponse.of("TAMANHO_EXCEDIDO", "Requisição grande demais",
                "The request body or one of its form fields is larger than this service accepts");
    }

    private void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().headWritten() || (failure != null && failure.getClass().getName().startsWith("io.quarkus.security"))) {
            ctx.next();
            return;
        }
        int status = status(ctx.statusCode(), failure);
        if (status == 401 || status == 403) {
            ctx.next();
            return;
        }
        ErrorResponse body;
        if (status == 413) {
            body = tooLarge();
        } else if (status >= 500) {
            LOG.error("Request failed before reaching a resource", failure);
            body = ErrorResponse.of("ERRO_INTERNO", "Erro interno", "Unexpected error");
        } else {
            body = ErrorResponse.of("PARAMETRO_INVALIDO", "Requisição inválida", "The request could not be read");
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(Json.encode(body));
    }

    static int status(int statusCode, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase();
            if (message.contains("larger than allowed") || message.contains("too large") || message.contains("too long")) {
                return 413;
            }
            if (t instanceof HttpException http) {
                return http.getStatusCode();
            }
            if (t.getClass().getName().contains("DecoderException")) {
                return 400;
            }
        }
        return statusCode >= 400 ? statusCode : 500;
    }
}
