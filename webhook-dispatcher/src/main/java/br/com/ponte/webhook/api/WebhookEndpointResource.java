package br.com.ponte.webhook.api;

import br.com.ponte.events.EventType;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.ErrorResponse;
import br.com.ponte.kit.crypto.EnvelopeCipher;
import br.com.ponte.kit.security.CurrentPartner;
import br.com.ponte.webhook.domain.WebhookEndpoint;
import br.com.ponte.webhook.domain.WebhookSignature;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Path("/v1/webhook-endpoints")
@Tag(name = "Webhook endpoints")
@RolesAllowed(CurrentPartner.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookEndpointResource {

    private final CurrentPartner partner;
    private final EnvelopeCipher cipher;

    public WebhookEndpointResource(CurrentPartner partner, EnvelopeCipher cipher) {
        this.partner = partner;
        this.cipher = cipher;
    }

    public record CreateEndpointRequest(String url, List<String> eventTypes, String description) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EndpointResponse(String id, String url, String description, List<String> eventTypes, String status,
                                   Instant createdAt, Instant updatedAt, String secret) {
        static EndpointResponse of(WebhookEndpoint e, String secret) {
            return new EndpointResponse(e.id.toString(), e.url, e.description, e.eventTypes, e.status.name(),
                    e.createdAt, e.updatedAt, secret);
        }
    }

    @POST
    @Operation(summary = "Register a webhook endpoint",
            description = "Events of the listed types (all types when empty or absent) are POSTed to the URL, signed per "
                    + "Standard Webhooks with the returned whsec_ secret. The secret is shown only in this answer.")
    public Uni<Response> create(CreateEndpointRequest request) {
        validate(request);
        String secret = WebhookSignature.newSecret();
        List<String> types = request.eventTypes() == null ? List.of() : request.eventTypes().stream().distinct().toList();
        WebhookEndpoint endpoint = WebhookEndpoint.create(partner.id(), request.url(), request.description(), types,
                secret, cipher, Instant.now());
        return Panache.withTransaction(endpoint::persist)
                .map(saved -> Response.created(URI.create("/v1/webhook-endpoints/" + endpoint.id))
                        .entity(EndpointResponse.of(endpoint, secret)).build());
    }

    @GET
    @Operation(summary = "List the partner's webhook endpoints")
    public Uni<List<EndpointResponse>> list() {
        String partnerId = partner.id();
        return Panache.withSession(() -> WebhookEndpoint.<WebhookEndpoint>list("partnerId = ?1 order by createdAt", partnerId))
                .map(endpoints -> endpoints.stream().map(e -> EndpointResponse.of(e, null)).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a webhook endpoint (without its secret)")
    public Uni<EndpointResponse> get(@PathParam("id") String id) {
        String partnerId = partner.id();
        UUID endpointId;
        try {
            endpointId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No webhook endpoint " + id);
        }
        return Panache.withSession(() -> WebhookEndpoint.findForPartner(endpointId, partnerId))
                .map(endpoint -> {
                    if (endpoint == null) {
                        throw ApiException.notFound("No webhook endpoint " + id);
                    }
                    return EndpointResponse.of(endpoint, null);
                });
    }

    private static void validate(CreateEndpointRequest request) {
        if (request == null) {
            throw ApiException.badRequest("PARAMETRO_NAO_INFORMADO", "The request body is required");
        }
        List<ErrorResponse.Error> errors = new ArrayList<>();
        if (request.url() == null || request.url().isBlank()) {
            errors.add(new ErrorResponse.Error("PARAMETRO_NAO_INFORMADO", "Parâmetro não informado", "url is required"));
        } else if (!isHttpUrl(request.url())) {
            errors.add(new ErrorResponse.Error("PARAMETRO_INVALIDO", "Parâmetro inválido",
                    "url must be an absolute http(s) URL of at most 2048 characters"));
        }
        if (request.eventTypes() != null) {
            for (String type : request.eventTypes()) {
                if (EventType.fromWireName(type).isEmpty()) {
                    errors.add(new ErrorResponse.Error("PARAMETRO_INVALIDO", "Parâmetro inválido",
                            "eventTypes: unknown event type '" + type + "'"));
                }
            }
        }
        if (request.description() != null && request.description().length() > 500) {
            errors.add(new ErrorResponse.Error("PARAMETRO_INVALIDO", "Parâmetro inválido",
                    "description has more than 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(422, errors);
        }
    }

    private static boolean isHttpUrl(String value) {
        if (value.length() > 2048) {
            return false;
        }
        try {
            URI uri = URI.create(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
