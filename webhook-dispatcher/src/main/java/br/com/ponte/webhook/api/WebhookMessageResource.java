package br.com.ponte.webhook.api;

import br.com.ponte.events.EventTime;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.security.CurrentPartner;
import br.com.ponte.webhook.delivery.DeliveryWorker;
import br.com.ponte.webhook.domain.DeliveryStatus;
import br.com.ponte.webhook.domain.WebhookEndpoint;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import static br.com.ponte.webhook.delivery.DeliveryWorker.instant;

/** The attempt log of an endpoint, manual retry and recovery. */
@Path("/v1/webhook-endpoints/{endpointId}")
@Tag(name = "Webhook messages and attempts")
@RolesAllowed(CurrentPartner.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookMessageResource {

    private static final String MESSAGES = """
            select m.id, m.event_type, m.subject, m.sequence, m.event_time, m.received_at,
                   d.status, d.attempts, d.next_attempt_at, d.last_status_code, d.last_error, d.updated_at
              from webhook_delivery d join webhook_message m on m.id = d.message_id
             where d.endpoint_id = :endpointId
               and (cast(:status as varchar) is null or d.status = :status)
               and (cast(:eventType as varchar) is null or m.event_type = :eventType)
               and (cast(:subject as varchar) is null or m.subject = :subject)
               and m.received_at >= :since and m.received_at < :until
             order by m.received_at desc, m.id
             limit :limit""";

    private static final String ATTEMPTS = """
            select a.attempted_at, a.status_code, a.duration_ms, a.response_excerpt, a.error, a.trigger_kind
              from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id
             where d.endpoint_id = :endpointId and d.message_id = :messageId
             order by a.attempted_at""";

    private static final String DELIVERY = """
            select d.status, d.attempts, d.next_attempt_at from webhook_delivery d
             where d.endpoint_id = :endpointId and d.message_id = :messageId""";

    private static final String RETRY = """
            update webhook_delivery set status = 'PENDING', next_attempt_at = now(), trigger_kind = 'MANUAL',
                   locked_until = null, updated_at = now()
             where endpoint_id = :endpointId and message_id = :messageId and status in ('FAILED', 'SUCCEEDED', 'PENDING')""";

    private static final String RECOVER = """
            update webhook_delivery d set status = 'PENDING', next_attempt_at = now(), trigger_kind = 'MANUAL',
                   locked_until = null, updated_at = now()
              from webhook_message m
             where m.id = d.message_id and d.endpoint_id = :endpointId and d.status = 'FAILED'
               and m.received_at >= :since""";

    private final CurrentPartner partner;
    private final DeliveryWorker worker;

    public WebhookMessageResource(CurrentPartner partner, DeliveryWorker worker) {
        this.partner = partner;
        this.worker = worker;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessageSummary(String messageId, String eventType, String subject, long sequence, Instant eventTime,
                                 Instant receivedAt, String status, int attempts, Instant nextAttemptAt,
                                 Integer lastStatusCode, String lastError, Instant updatedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(Instant attemptedAt, Integer statusCode, int durationMs, String responseExcerpt, String error,
                          String trigger) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptLog(String messageId, String status, int attemptCount, Instant nextAttemptAt, List<Attempt> attempts) {
    }

    public record RecoverRequest(String since) {
    }

    public record Recovered(int messages) {
    }

    @GET
    @Path("/messages")
    @Operation(summary = "Messages sent (or to send) to the endpoint, newest first",
            description = "Filters: status (PENDING, SENDING, SUCCEEDED, FAILED, CANCELLED), eventType, subject, "
                    + "since/until (RFC 3339, by the time Ponte received the event); limit 1..500, default 50.")
    public Uni<List<MessageSummary>> messages(@PathParam("endpointId") String endpointId,
                                              @QueryParam("status") String status,
                                              @QueryParam("eventType") String eventType,
                                              @QueryParam("subject") String subject,
                                              @QueryParam("since") String since,
                                              @QueryParam("until") String until,
                                              @QueryParam("limit") @DefaultValue("50") int limit) {
        UUID id = WebhookEndpointResource.endpointId(endpointId);
        if (status != null) {
            try {
                DeliveryStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ApiException.unprocessable("PARAMETRO_INVALIDO", "status must be one of PENDING, SENDING, SUCCEEDED, FAILED, CANCELLED");
            }
        }
        if (limit < 1 || limit > 500) {
            throw ApiException.unprocessable("PARAMETRO_INVALIDO", "limit must be between 1 and 500");
        }
        Instant from = since == null ? Instant.EPOCH : time("since", since);
        Instant to = until == null ? Instant.parse("9999-12-31T00:00:00Z") : time("until", until);
        return owned(id, endpointId).chain(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(MESSAGES, Object[].class)
                        .setParameter("endpointId", id)
                        .setParameter("status", status)
                        .setParameter("eventType", eventType)
                        .setParameter("subject", subject)
                        .setParameter("since", from.atOffset(ZoneOffset.UTC))
                        .setParameter("until", to.atOffset(ZoneOffset.UTC))
                        .setParameter("limit", limit)
                        .getResultList())))
                .map(rows -> rows.stream().map(r -> new MessageSummary(r[0].toString(), (String) r[1], (String) r[2],
                        ((Number) r[3]).longValue(), instant(r[4]), instant(r[5]), (String) r[6], ((Number) r[7]).intValue(),
                        instant(r[8]), r[9] == null ? null : ((Number) r[9]).intValue(), (String) r[10], instant(r[11]))).toList());
    }

    @GET
    @Path("/messages/{messageId}/attempts")
    @Operation(summary = "Every attempt to deliver one message to the endpoint, oldest first, and when the next one is")
    public Uni<AttemptLog> attempts(@PathParam("endpointId") String endpointId, @PathParam("messageId") String messageId) {
        UUID id = WebhookEndpointResource.endpointId(endpointId);
        UUID message = ApiException.uuidOrNotFound(messageId, "message");
        return owned(id, endpointId).chain(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(DELIVERY, Object[].class)
                .setParameter("endpointId", id).setParameter("messageId", message)
                .getResultList()
                .chain(delivery -> {
                    if (delivery.isEmpty()) {
                        throw ApiException.notFound("No message " + messageId + " for this endpoint");
                    }
                    Object[] d = delivery.get(0);
                    return session.createNativeQuery(ATTEMPTS, Object[].class)
                            .setParameter("endpointId", id).setParameter("messageId", message)
                            .getResultList()
                            .map(rows -> new AttemptLog(messageId, (String) d[0], ((Number) d[1]).intValue(), instant(d[2]),
                                    rows.stream().map(r -> new Attempt(instant(r[0]),
                                            r[1] == null ? null : ((Number) r[1]).intValue(), ((Number) r[2]).intValue(),
                                            (String) r[3], (String) r[4], (String) r[5])).toList()));
                }))));
    }

    @POST
    @Path("/messages/{messageId}/retry")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send one message to the endpoint again now (a manual attempt)")
    public Uni<Response> retry(@PathParam("endpointId") String endpointId, @PathParam("messageId") String messageId) {
        UUID id = WebhookEndpointResource.endpointId(endpointId);
        UUID message = ApiException.uuidOrNotFound(messageId, "message");
        return owned(id, endpointId).chain(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(RETRY).setParameter("endpointId", id).setParameter("messageId", message)
                        .executeUpdate())))
                .map(updated -> {
                    if (updated == 0) {
                        throw ApiException.notFound("No message " + messageId + " that can be retried for this endpoint");
                    }
                    worker.wakeUp();
                    return Response.accepted().build();
                });
    }

    @POST
    @Path("/recover")
    @Operation(summary = "Send again every message that failed since a time",
            description = "Every FAILED delivery to the endpoint of an event received at or after 'since' gets one more attempt now.")
    public Uni<Recovered> recover(@PathParam("endpointId") String endpointId, RecoverRequest request) {
        UUID id = WebhookEndpointResource.endpointId(endpointId);
        if (request == null || request.since() == null) {
            throw ApiException.unprocessable("PARAMETRO_NAO_INFORMADO", "since is required");
        }
        Instant since = time("since", request.since());
        return owned(id, endpointId).chain(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(RECOVER).setParameter("endpointId", id)
                        .setParameter("since", since.atOffset(ZoneOffset.UTC)).executeUpdate())))
                .invoke(worker::wakeUp)
                .map(Recovered::new);
    }

    private Uni<Void> owned(UUID id, String raw) {
        String partnerId = partner.id();
        return Panache.withSession(() -> WebhookEndpoint.findForPartner(id, partnerId))
                .invoke(endpoint -> WebhookEndpointResource.found(endpoint, raw))
                .replaceWithVoid();
    }

    private static Instant time(String name, String value) {
        try {
            return EventTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.unprocessable("PARAMETRO_INVALIDO", name + " must be an RFC 3339 date-time");
        }
    }
}
