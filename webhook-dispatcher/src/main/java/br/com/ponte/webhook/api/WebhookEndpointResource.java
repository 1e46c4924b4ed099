package br.com.ponte.webhook.api;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.EventTime;
import br.com.ponte.events.EventType;
import br.com.ponte.events.data.WebhookTest;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.ErrorResponse;
import br.com.ponte.kit.audit.Actor;
import br.com.ponte.kit.audit.Audit;
import br.com.ponte.kit.crypto.EnvelopeCipher;
import br.com.ponte.kit.security.CurrentPartner;
import br.com.ponte.webhook.WebhookConfig;
import br.com.ponte.webhook.delivery.DeliveryWorker;
import br.com.ponte.webhook.delivery.EndpointUrlPolicy;
import br.com.ponte.webhook.domain.DeliveryStatus;
import br.com.ponte.webhook.domain.EndpointStatus;
import br.com.ponte.webhook.domain.SigningAlgorithm;
import br.com.ponte.webhook.domain.WebhookDelivery;
import br.com.ponte.webhook.domain.WebhookEndpoint;
import br.com.ponte.webhook.domain.WebhookMessage;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

@Path("/v1/webhook-endpoints")
@Tag(name = "Webhook endpoints")
@RolesAllowed(CurrentPartner.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookEndpointResource {

    private final CurrentPartner partner;
    private final EnvelopeCipher cipher;
    private final EndpointUrlPolicy urlPolicy;
    private final WebhookConfig config;
    private final DeliveryWorker worker;
    private final Vertx vertx;
    private final Audit audit;

    public WebhookEndpointResource(CurrentPartner partner, EnvelopeCipher cipher, EndpointUrlPolicy urlPolicy,
                                   WebhookConfig config, DeliveryWorker worker, Vertx vertx, Audit audit) {
        this.partner = partner;
        this.cipher = cipher;
        this.urlPolicy = urlPolicy;
        this.config = config;
        this.worker = worker;
        this.vertx = vertx;
        this.audit = audit;
    }

    /**
     * @param signatureAlgorithm {@code hmac} (default; Standard Webhooks v1) or {@code ed25519} (v1a)
     * @param rateLimit          requests per second at most; absent or 0 for no limit
     * @param ordered            deliver the events of one subject one after the other, in sequence order
     */
    public record CreateEndpointRequest(String url, List<String> eventTypes, String description, Integer rateLimit,
                                        Boolean ordered, String signatureAlgorithm) {
    }

    /** Only the fields present change. */
    public record UpdateEndpointRequest(String url, List<String> eventTypes, String description, Integer rateLimit,
                                        Boolean ordered) {
    }

    public record TestRequest(String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EndpointResponse(String id, String url, String description, List<String> eventTypes, String status,
                                   String disabledReason, Instant failingSince, Integer rateLimit, boolean ordered,
                                   String signatureAlgorithm, String publicKey, Instant previousSecretExpiresAt,
                                   Instant createdAt, Instant updatedAt, String secret) {
        static EndpointResponse of(WebhookEndpoint e, String secret) {
            Instant previous = e.prevSecretExpiresAt != null && e.prevSecretExpiresAt.isAfter(Instant.now())
                    ? e.prevSecretExpiresAt : null;
            return new EndpointResponse(e.id.toString(), e.url, e.description, e.eventTypes, e.status.name(),
                    e.disabledReason, e.failingSince, e.rateLimit, e.ordered, e.signingAlgorithm.name().toLowerCase(),
                    e.publicKey, previous, e.createdAt, e.updatedAt, secret);
        }
    }

    public record MessageAccepted(String messageId) {
    }

    @POST
    @Operation(summary = "Register a webhook endpoint",
            description = "Events of the listed types (all types when empty or absent) are POSTed to the URL, signed per "
                    + "Standard Webhooks. With HMAC (default) the answer carries the whsec_ secret, shown only here; with "
                    + "ed25519 it carries the whpk_ public key to verify with.")
    public Uni<Response> create(CreateEndpointRequest request) {
        if (request == null) {
            throw ApiException.badRequest("PARAMETRO_NAO_INFORMADO", "The request body is required");
        }
        String partnerId = partner.id();
        List<ErrorResponse.Error> errors = new ArrayList<>();
        if (request.url() == null || request.url().isBlank()) {
            errors.add(missing("url"));
        }
        validateFields(request.eventTypes(), request.description(), request.rateLimit(), errors);
        SigningAlgorithm algorithm = SigningAlgorithm.HMAC;
        try {
            algorithm = SigningAlgorithm.fromApi(request.signatureAlgorithm());
        } catch (IllegalArgumentException e) {
            errors.add(invalid("signatureAlgorithm must be hmac or ed25519"));
        }
        SigningAlgorithm chosen = algorithm;
        return checkUrl(request.url(), errors).chain(() -> {
            WebhookEndpoint endpoint = WebhookEndpoint.create(partnerId, request.url(), request.description(),
                    request.eventTypes() == null ? List.of() : request.eventTypes().stream().distinct().toList(),
                    chosen, Instant.now());
            endpoint.rateLimit = positiveOrNull(request.rateLimit());
            endpoint.ordered = Boolean.TRUE.equals(request.ordered());
            String secret = endpoint.newSecret(cipher);
            return Panache.withTransaction(() -> endpoint.persist()
                            .call(() -> audit.record(Actor.partner(partnerId), "webhook-endpoint.created", "webhook-endpoint",
                                    endpoint.id.toString(), partnerId, endpoint.auditDetails(), endpoint.createdAt)))
                    .map(saved -> Response.created(URI.create("/v1/webhook-endpoints/" + endpoint.id))
                            .entity(EndpointResponse.of(endpoint, chosen == SigningAlgorithm.HMAC ? secret : null)).build());
        });
    }

    @GET
    @Operation(summary = "List the partner's webhook endpoints")
    public Uni<List<EndpointResponse>> list() {
        String partnerId = partner.id();
        return Panache.withSession(() -> WebhookEndpoint.<WebhookEndpoint>list(
                        "partnerId = ?1 and status <> ?2 order by createdAt", partnerId, EndpointStatus.DELETED))
                .map(endpoints -> endpoints.stream().map(e -> EndpointResponse.of(e, null)).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a webhook endpoint (never its secret)")
    public Uni<EndpointResponse> get(@PathParam("id") String id) {
        UUID endpointId = endpointId(id);
        String partnerId = partner.id();
        return Panache.withSession(() -> WebhookEndpoint.findForPartner(endpointId, partnerId))
                .map(endpoint -> EndpointResponse.of(found(endpoint, id), null));
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change an endpoint's URL, event types, description, rate limit or ordered mode")
    public Uni<EndpointResponse> update(@PathParam("id") String id, UpdateEndpointRequest request) {
        if (request == null) {
            throw ApiException.badRequest("PARAMETRO_NAO_INFORMADO", "The request body is required");
        }
        List<ErrorResponse.Error> errors = new ArrayList<>();
        if (request.url() != null && request.url().isBlank()) {
            errors.add(invalid("url must not be blank"));
        }
        validateFields(request.eventTypes(), request.description(), request.rateLimit(), errors);
        return checkUrl(request.url(), errors).chain(() -> change(id, "webhook-endpoint.updated", endpoint -> {
            Map<String, String> before = endpoint.auditDetails();
            if (request.url() != null) {
                endpoint.url = request.url();
            }
            if (request.eventTypes() != null) {
                endpoint.eventTypes = request.eventTypes().stream().distinct().toList();
            }
            if (request.description() != null) {
                endpoint.description = request.description();
            }
            if (request.rateLimit() != null) {
                endpoint.rateLimit = positiveOrNull(request.rateLimit());
            }
            if (request.ordered() != null) {
                endpoint.ordered = request.ordered();
            }
            endpoint.updatedAt = Instant.now();
            // what it is now, and what it was for each setting that changed
            Map<String, String> details = endpoint.auditDetails();
            List<String> changed = new ArrayList<>();
            before.forEach((name, value) -> {
                if (!Objects.equals(value, details.get(name))) {
                    changed.add(name);
                }
            });
            changed.forEach(name -> details.put("previous" + Character.toUpperCase(name.charAt(0)) + name.substring(1),
                    before.get(name)));
            details.put("changed", String.join(",", changed));
            return details;
        }, Changed::result)).map(changed -> EndpointResponse.of(changed.endpoint(), null));
    }

    @POST
    @Path("/{id}/disable")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Stop deliveries to the endpoint; they wait, and resume when it is enabled")
    public Uni<EndpointResponse> disable(@PathParam("id") String id) {
        return change(id, "webhook-endpoint.disabled", endpoint -> {
            endpoint.disable("MANUAL", Instant.now());
            return null;
        }, changed -> withReason(changed.endpoint().auditDetails(), "MANUAL"))
                .map(changed -> EndpointResponse.of(changed.endpoint(), null));
    }

    @POST
    @Path("/{id}/enable")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Resume deliveries to the endpoint, including those that waited while it was disabled")
    public Uni<EndpointResponse> enable(@PathParam("id") String id) {
        return change(id, "webhook-endpoint.enabled", endpoint -> {
            endpoint.enable(Instant.now());
            return null;
        }, changed -> changed.endpoint().auditDetails()).invoke(worker::wakeUp)
                .map(changed -> EndpointResponse.of(changed.endpoint(), null));
    }

    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Delete the endpoint; its pending deliveries are cancelled")
    public Uni<Response> delete(@PathParam("id") String id) {
        return change(id, "webhook-endpoint.deleted", endpoint -> {
            endpoint.delete(Instant.now());
            return null;
        }, changed -> changed.endpoint().auditDetails()).call(changed -> Panache.withTransaction(() -> WebhookDelivery.update(
                "status = ?1, updatedAt = ?2 where endpointId = ?3 and status in (?4, ?5)", DeliveryStatus.CANCELLED,
                Instant.now(), changed.endpoint().id, DeliveryStatus.PENDING, DeliveryStatus.SENDING)))
                .map(changed -> Response.noContent().build());
    }

    public record RotatedSecret(String secret, String publicKey, Instant previousSecretExpiresAt) {
    }

    @POST
    @Path("/{id}/secret/rotate")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Rotate the signing secret",
            description = "Returns the new whsec_ secret (or whpk_ public key). The previous secret keeps signing beside "
                    + "it (webhook-signature carries both) for ponte.webhook.secret-rotation-overlap.")
    public Uni<RotatedSecret> rotate(@PathParam("id") String id) {
        Instant now = Instant.now();
        Instant overlapEnds = now.plus(config.secretRotationOverlap());
        // the audit log says a rotation happened and until when the previous one still signs; never a secret
        return change(id, "webhook-endpoint.secret-rotated", endpoint -> endpoint.rotateSecret(cipher, overlapEnds, now),
                changed -> {
                    Map<String, String> details = changed.endpoint().auditDetails();
                    details.put("overlapEndsAt", overlapEnds.toString());
                    return details;
                })
                .map(changed -> changed.endpoint().signingAlgorithm == SigningAlgorithm.ED25519
                        ? new RotatedSecret(null, changed.result(), overlapEnds)
                        : new RotatedSecret(changed.result(), null, overlapEnds));
    }

    @POST
    @Path("/{id}/test")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send a webhook:test message to the endpoint now")
    public Uni<Response> test(@PathParam("id") String id, TestRequest request) {
        UUID endpointId = endpointId(id);
        String partnerId = partner.id();
        String text = request == null || request.message() == null ? "Ponte webhook test" : request.message();
        return Panache.withTransaction(() -> WebhookEndpoint.findForPartner(endpointId, partnerId).chain(found -> {
                    WebhookEndpoint endpoint = found(found, id);
                    Instant now = Instant.now();
                    EventEnvelope event = EventEnvelope.create(new WebhookTest(id, text), "webhook-dispatcher", id,
                            partnerId, EventTime.now(), 1);
                    WebhookMessage message = WebhookMessage.of(event, EventCodec.encode(event), now);
                    WebhookDelivery delivery = WebhookDelivery.due(message, endpoint.id, WebhookDelivery.MANUAL, now);
                    return message.persist().chain(delivery::persist).replaceWith(message.id.toString());
                }))
                .invoke(worker::wakeUp)
                .map(messageId -> Response.accepted(new MessageAccepted(messageId)).build());
    }

    record Changed<T>(WebhookEndpoint endpoint, T result) {
    }

    /** Applies {@code change} to the partner's endpoint and records {@code action} in the audit log, in one transaction. */
    private <T> Uni<Changed<T>> change(String id, String action, Function<WebhookEndpoint, T> change,
                                       Function<Changed<T>, Map<String, String>> details) {
        UUID endpointId = endpointId(id);
        String partnerId = partner.id();
        return Panache.withTransaction(() -> WebhookEndpoint.findForPartner(endpointId, partnerId)
                .chain(found -> {
                    WebhookEndpoint endpoint = found(found, id);
                    Changed<T> changed = new Changed<>(endpoint, change.apply(endpoint));
                    return audit.record(Actor.partner(partnerId), action, "webhook-endpoint", endpoint.id.toString(),
                            partnerId, details.apply(changed)).replaceWith(changed);
                }));
    }

    private static Map<String, String> withReason(Map<String, String> details, String reason) {
        details.put("reason", reason);
        return details;
    }

    /** Completes when the URL is acceptable (or absent); fails with every collected problem otherwise. */
    private Uni<Void> checkUrl(String url, List<ErrorResponse.Error> errors) {
        Uni<Optional<String>> refusal = url == null || url.isBlank() ? Uni.createFrom().item(Optional.empty())
                : vertx.executeBlocking(Uni.createFrom().item(() -> urlPolicy.refusal(url)));
        return refusal.map(problem -> {
            problem.ifPresent(why -> errors.add(0, invalid(why)));
            if (!errors.isEmpty()) {
                throw new ApiException(422, errors);
            }
            return null;
        });
    }

    private static void validateFields(List<String> eventTypes, String description, Integer rateLimit,
                                       List<ErrorResponse.Error> errors) {
        if (eventTypes != null) {
            for (String type : eventTypes) {
                Optional<EventType> known = EventType.fromWireName(type);
                if (known.isEmpty()) {
                    errors.add(invalid("eventTypes: unknown event type '" + type + "'"));
                } else if (known.get().topic() == br.com.ponte.events.Topic.AUDIT) {
                    // the audit log is the operators', read at certificate-vault; no partner receives it
                    errors.add(invalid("eventTypes: '" + type + "' is not delivered to webhooks"));
                }
            }
        }
        if (description != null && description.length() > 500) {
            errors.add(invalid("description has more than 500 characters"));
        }
        if (rateLimit != null && (rateLimit < 0 || rateLimit > 10_000)) {
            errors.add(invalid("rateLimit must be between 0 (no limit) and 10000 requests per second"));
        }
    }

    static UUID endpointId(String id) {
        return ApiException.uuidOrNotFound(id, "webhook endpoint");
    }

    static WebhookEndpoint found(WebhookEndpoint endpoint, String id) {
        if (endpoint == null) {
            throw ApiException.notFound("No webhook endpoint " + id);
        }
        return endpoint;
    }

    private static Integer positiveOrNull(Integer value) {
        return value == null || value <= 0 ? null : value;
    }

    private static ErrorResponse.Error missing(String field) {
        return new ErrorResponse.Error("PARAMETRO_NAO_INFORMADO", "Parâmetro não informado", field + " is required");
    }

    private static ErrorResponse.Error invalid(String detail) {
        return new ErrorResponse.Error("PARAMETRO_INVALIDO", "Parâmetro inválido", detail);
    }
}
