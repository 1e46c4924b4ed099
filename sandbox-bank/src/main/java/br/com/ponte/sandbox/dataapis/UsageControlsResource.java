package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.directory.DirectoryError;
import br.com.ponte.sandbox.resource.WireFormat;
import br.com.ponte.sandbox.sharing.SharedResource;
import br.com.ponte.sandbox.sharing.SharingConsent;
import br.com.ponte.sandbox.sharing.SharingConsents;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Development controls (plain HTTP, no authentication: development only) of a consent's operational
 * limits: what it has used this month of each operation it may call, on each resource, and a reset for
 * tests.
 */
@Path("/sandbox/brands/{brand}/consents/{consentId}/usage")
@Tag(name = "Development controls")
@Produces(MediaType.APPLICATION_JSON)
public class UsageControlsResource {

    private final SharingConsents consents;
    private final OperationalLimits limits;

    public UsageControlsResource(SharingConsents consents, OperationalLimits limits) {
        this.consents = consents;
        this.limits = limits;
    }

    /** One operation's calls this month, on one resource (none for a list or registration data). */
    public record OperationUsage(String operation, String resourceId, int used, int limit, int remaining) {
    }

    /** A consent's calls this month ({@code month}, Brasília), counted again from {@code resetsAt}. */
    public record ConsentUsage(String consentId, String month, String resetsAt, List<OperationUsage> operations) {
    }

    @GET
    @Operation(summary = "A consent's operational limits this month: used and limit of each operation it may call")
    public ConsentUsage usage(@PathParam("brand") String brandKey, @PathParam("consentId") String consentId) {
        Brand brand = LedgerControlsResource.brand(brandKey);
        SharingConsent consent = consent(brand, consentId);
        Instant now = Instant.now();
        OperationalLimits.Usage usage = limits.usage(brand, consentId, now);
        List<OperationUsage> operations = new ArrayList<>();
        for (DataOperation operation : DataOperation.values()) {
            if (!consent.permissions().contains(operation.permission())) {
                continue;
            }
            if (operation.resourceType() == null) {
                operations.add(row(operation, null, usage));
            } else {
                consent.resources().stream().filter(resource -> resource.type() == operation.resourceType())
                        .map(SharedResource::resourceId).forEach(id -> operations.add(row(operation, id, usage)));
            }
        }
        return new ConsentUsage(consentId, usage.month(), WireFormat.dateTime(OperationalLimits.nextMonth(now)),
                operations);
    }

    /** How a test makes the bank refuse a consent's next calls for a while. */
    public record ThrottleRequest(Integer calls, Integer retryAfterSeconds) {
    }

    @jakarta.ws.rs.POST
    @Path("/throttle")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer the consent's next data-API calls 429 (for tests)",
            description = "Body {\"calls\": n, \"retryAfterSeconds\": s}: the next n calls of the consent, to any data API, "
                    + "answer 429 with Retry-After s, as a bank under load does; they are not counted against the limits.")
    public void throttle(@PathParam("brand") String brandKey, @PathParam("consentId") String consentId, ThrottleRequest request) {
        Brand brand = LedgerControlsResource.brand(brandKey);
        consent(brand, consentId);
        if (request == null || request.calls() == null || request.calls() < 1 || request.retryAfterSeconds() == null
                || request.retryAfterSeconds() < 1) {
            throw DirectoryError.invalid("calls and retryAfterSeconds must be 1 or more");
        }
        limits.throttle(brand, consentId, request.calls(), request.retryAfterSeconds());
    }

    @DELETE
    @Operation(summary = "Forget a consent's calls this month (for tests)")
    public void reset(@PathParam("brand") String brandKey, @PathParam("consentId") String consentId) {
        Brand brand = LedgerControlsResource.brand(brandKey);
        consent(brand, consentId);
        limits.reset(brand, consentId);
    }

    private OperationUsage row(DataOperation operation, String resourceId, OperationalLimits.Usage usage) {
        int used = usage.used(operation, resourceId);
        int limit = limits.limit(operation);
        return new OperationUsage(operation.key(), resourceId, used, limit, Math.max(0, limit - used));
    }

    private SharingConsent consent(Brand brand, String consentId) {
        return consents.find(brand, consentId).orElseThrow(() -> DirectoryError.notFound(
                "No data-sharing consent " + consentId + " at " + brand.displayName()));
    }
}
