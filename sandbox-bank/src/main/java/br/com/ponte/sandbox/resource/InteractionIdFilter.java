package br.com.ponte.sandbox.resource;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code x-fapi-interaction-id}: the initiator's UUID is echoed on every answer. One that is missing
 * or not a UUID is replaced by one the bank makes, returned with a 400, as the spec asks. Every call is
 * logged with its interaction id and the caller's W3C {@code traceparent}, as a bank's API gateway
 * would, so a client's trace can be followed into the bank.
 */
@Provider
@OpenFinanceApi
public class InteractionIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String HEADER = "x-fapi-interaction-id";
    private static final Logger LOG = Logger.getLogger(InteractionIdFilter.class);
    private static final Pattern UUID_PATTERN = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final CallContext call;

    public InteractionIdFilter(CallContext call) {
        this.call = call;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String sent = request.getHeaderString(HEADER);
        if (sent != null && UUID_PATTERN.matcher(sent).matches()) {
            call.interactionId(sent);
            return;
        }
        call.interactionId(UUID.randomUUID().toString());
        throw sent == null ? ApiError.badRequest("PARAMETRO_NAO_INFORMADO", "Cabeçalho " + HEADER + " não informado.")
                : ApiError.badRequest("PARAMETRO_INVALIDO", "Cabeçalho " + HEADER + " não é um UUID (RFC 4122).");
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (call.interactionId() != null) {
            response.getHeaders().putSingle(HEADER, call.interactionId());
        }
        LOG.infof("%s /%s -> %d (x-fapi-interaction-id %s, traceparent %s)", request.getMethod(),
                request.getUriInfo().getPath().replaceFirst("^/", ""), response.getStatus(), call.interactionId(),
                request.getHeaderString("traceparent"));
    }
}
