package br.com.ponte.vault.api;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventTime;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.ErrorResponse;
import br.com.ponte.vault.audit.AuditEntry;
import br.com.ponte.vault.domain.PartnerService;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.DateTimeException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The audit log for operators: every security-relevant action of the platform, newest first. The
 * log is append-only; this API only reads it.
 */
@Path("/v1/audit-log")
@Tag(name = "Audit log")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll // authorised by the operator's admin token, checked in PartnerService
@SecurityScheme(securitySchemeName = "adminToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The operator's admin token (PONTE_VAULT_ADMIN_TOKEN)")
@SecurityRequirement(name = "adminToken")
public class AuditLogResource {

    static final String PATH = "/v1/audit-log";
    private static final int MAX_PAGE_SIZE = 1000;
    private static final Pattern PARTNER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
    };

    private final PartnerService partners;

    public AuditLogResource(PartnerService partners) {
        this.partners = partners;
    }

    /** Who did it: OPERATOR (no id), PARTNER, SERVICE, USER (the consent's id), BANK (the transmitter) or SYSTEM. */
    public record ActorView(String type, String id) {
    }

    /**
     * One action: {@code time} when it happened, {@code recordedAt} when the log stored it,
     * {@code source} the service that acted.
     */
    public record AuditEntryView(String id, Instant time, ActorView actor, String action, String resourceType,
                                 String resourceId, String partnerId, Map<String, String> details, String source,
                                 String traceparent, Instant recordedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Links(String self, String first, String prev, String next, String last) {
    }

    public record Meta(long totalRecords, int totalPages, String requestDateTime) {
    }

    public record AuditLogPage(List<AuditEntryView> data, Links links, Meta meta) {
    }

    @GET
    @Operation(summary = "Read the audit log (operators)",
            description = "Security-relevant actions of every service: partners created, credentials and certificates "
                    + "changed, partners' keys used for signing or released for mutual TLS, consents revoked, webhook "
                    + "endpoints changed, whitelabel changed. Who (actor), what (action), which resource, for which partner, "
                    + "when; newest first. The log is append-only and never holds a key, token, secret or password. "
                    + "Filters combine (and); pages like Open Finance's lists (links, meta.totalRecords, meta.totalPages).")
    @APIResponse(responseCode = "200", description = "A page of entries, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditLogPage.class)))
    @APIResponse(responseCode = "401", description = "NAO_AUTORIZADO: no admin token, or a wrong one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "PARAMETRO_INVALIDO: a filter or page parameter is not valid (every problem listed)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public Uni<AuditLogPage> list(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(description = "Only the actions concerning this partner") @QueryParam("partnerId") String partnerId,
            @Parameter(description = "Only this action, e.g. certificate.revoked") @QueryParam("action") String action,
            @Parameter(description = "Only resources of this type, e.g. certificate, partner, webhook-endpoint")
            @QueryParam("resourceType") String resourceType,
            @Parameter(description = "Only this resource (its id)") @QueryParam("resourceId") String resourceId,
            @Parameter(description = "Actions at or after this instant (RFC 3339)") @QueryParam("from") String from,
            @Parameter(description = "Actions before this instant (RFC 3339)") @QueryParam("to") String to,
            @Parameter(description = "Page number, from 1 (default 1)") @QueryParam("page") String page,
            @Parameter(description = "Entries per page, 1 to 1000 (default 25)") @QueryParam("page-size") String pageSize) {
        partners.requireAdmin(authorization);
        List<ErrorResponse.Error> errors = new ArrayList<>();
        check(errors, "partnerId", partnerId, PARTNER_ID, "must be a partner id");
        check(errors, "action", action, ACTION, "must be <resource>.<past tense>, e.g. certificate.revoked");
        check(errors, "resourceType", resourceType, RESOURCE_TYPE, "must be lower-case-with-dashes, e.g. certificate");
        if (resourceId != null && (resourceId.isBlank() || resourceId.length() > 255)) {
            errors.add(invalid("resourceId must be 1 to 255 characters"));
        }
        Instant fromTime = instant(errors, "from", from);
        Instant toTime = instant(errors, "to", to);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            errors.add(invalid("from must be before to"));
        }
        int pageNumber = number(errors, "page", page, 1, 1, 1_000_000);
        int size = number(errors, "page-size", pageSize, 25, 1, MAX_PAGE_SIZE);
        if (!errors.isEmpty()) {
            throw new ApiException(422, errors);
        }

        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        Map<String, String> filters = new LinkedHashMap<>();
        filter(query, parameters, filters, "partnerId", "partnerId = :partnerId", partnerId);
        filter(query, parameters, filters, "action", "action = :action", action);
        filter(query, parameters, filters, "resourceType", "resourceType = :resourceType", resourceType);
        filter(query, parameters, filters, "resourceId", "resourceId = :resourceId", resourceId);
        if (fromTime != null) {
            query.append(" and occurredAt >= :from");
            parameters.and("from", fromTime);
            filters.put("from", from);
        }
        if (toTime != null) {
            query.append(" and occurredAt < :to");
            parameters.and("to", toTime);
            filters.put("to", to);
        }
        return Panache.withSession(() -> {
            var found = AuditEntry.<AuditEntry>find(query.toString(), Sort.descending("occurredAt", "id"), parameters);
            return found.count().chain(total -> found.page(Page.of(pageNumber - 1, size)).list().map(entries -> {
                int pages = (int) Math.max(1, (total + size - 1) / size);
                return new AuditLogPage(entries.stream().map(AuditLogResource::view).toList(),
                        links(filters, pageNumber, size, pages),
                        new Meta(total, pages, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
            }));
        });
    }

    static AuditEntryView view(AuditEntry e) {
        Map<String, String> details;
        try {
            details = EventCodec.mapper().readValue(e.details, DETAILS);
        } catch (IOException ex) {
            throw new IllegalStateException("Audit entry " + e.id + " holds details that are not a JSON object", ex);
        }
        return new AuditEntryView(e.id.toString(), e.occurredAt, new ActorView(e.actorType, e.actorId), e.action,
                e.resourceType, e.resourceId, e.partnerId, details, e.source, e.traceparent, e.recordedAt);
    }

    /** self, first, last, and prev/next where they exist; the filters kept. */
    static Links links(Map<String, String> filters, int page, int size, int pages) {
        StringBuilder base = new StringBuilder(PATH + "?");
        filters.forEach((name, value) -> base.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                .append('&'));
        base.append("page-size=").append(size).append("&page=");
        return new Links(base.toString() + page, base.toString() + 1, page > 1 ? base.toString() + Math.min(page - 1, pages) : null,
                page < pages ? base.toString() + (page + 1) : null, base.toString() + pages);
    }

    private static void filter(StringBuilder query, Parameters parameters, Map<String, String> filters, String name,
                               String condition, String value) {
        if (value != null) {
            query.append(" and ").append(condition);
            parameters.and(name, value);
            filters.put(name, value);
        }
    }

    private static void check(List<ErrorResponse.Error> errors, String name, String value, Pattern pattern, String rule) {
        if (value != null && !pattern.matcher(value).matches()) {
            errors.add(invalid(name + " " + rule));
        }
    }

    private static Instant instant(List<ErrorResponse.Error> errors, String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return EventTime.parse(value);
        } catch (DateTimeException | ArithmeticException e) {
            errors.add(invalid(name + " must be an RFC 3339 date-time, e.g. 2025-03-14T13:03:40Z"));
            return null;
        }
    }

    private static int number(List<ErrorResponse.Error> errors, String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(invalid(name + " must be a whole number from " + min + " to " + max));
        return fallback;
    }

    private static ErrorResponse.Error invalid(String detail) {
        return new ErrorResponse.Error("PARAMETRO_INVALIDO", "Parâmetro inválido", detail);
    }
}
