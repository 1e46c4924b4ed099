package br.com.ponte.sandbox.sharing;

import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.directory.DirectoryError;
import br.com.ponte.sandbox.sharing.Customers.Customer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Development controls (plain HTTP, no authentication: development only, as the directory): what a
 * bank's own systems would do behind the APIs, so that Ponte's tests can watch it notice changes it
 * was not told about. A product blocked or closed (its status in every authorised consent sharing it,
 * and in those authorised after); a consent expired now. And the seeded customers, to find their
 * products' ids.
 */
@Path("/sandbox/brands/{brand}")
@Tag(name = "Development controls")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxControlsResource {

    private final SharingConsents consents;
    private final Customers customers;

    public SandboxControlsResource(SharingConsents consents, Customers customers) {
        this.consents = consents;
        this.customers = customers;
    }

    public record ProductView(String resourceId, String type, String description, boolean multipleApproval,
                              String status) {
    }

    public record CustomerView(String document, String name, List<ProductView> products, List<String> representatives,
                               String secondApprover) {
    }

    public record StatusRequest(String status) {
    }

    public record StatusChanged(String resourceId, String status, int consentsChanged) {
    }

    public record ConsentExpired(String consentId, String status, String rejectedBy, String reason) {
    }

    @GET
    @Path("/customers")
    @Operation(summary = "The brand's seeded customers and their products, with how the bank holds each")
    public List<CustomerView> customers(@PathParam("brand") String brandKey) {
        Brand brand = brand(brandKey);
        return Customers.all(brand).stream().map(customer -> view(brand, customer)).toList();
    }

    @POST
    @Path("/resources/{resourceId}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Block, close or unblock a product at the bank",
            description = "Body {\"status\": \"AVAILABLE\" | \"TEMPORARILY_UNAVAILABLE\" | \"UNAVAILABLE\"}. Every authorised "
                    + "consent sharing the product follows where its status may move so (a pending one waits for its "
                    + "approver, an UNAVAILABLE one stays so); consents authorised later start so.")
    public StatusChanged status(@PathParam("brand") String brandKey, @PathParam("resourceId") String resourceId,
                                StatusRequest request) {
        Brand brand = brand(brandKey);
        Customers.product(brand, resourceId)
                .orElseThrow(() -> DirectoryError.notFound("No product " + resourceId + " at " + brand.displayName()));
        ResourceStatus status = status(request);
        return new StatusChanged(resourceId, status.name(), consents.productChanged(brand, resourceId, status));
    }

    @POST
    @Path("/consents/{consentId}/expire")
    @Operation(summary = "Expire an authorised data-sharing consent now",
            description = "As if its expirationDateTime had been reached: REJECTED, ASPSP, CONSENT_MAX_DATE_REACHED.")
    public ConsentExpired expire(@PathParam("brand") String brandKey, @PathParam("consentId") String consentId) {
        Brand brand = brand(brandKey);
        try {
            SharingConsent expired = consents.expireNow(brand, consentId).orElseThrow(() -> DirectoryError.notFound(
                    "No data-sharing consent " + consentId + " at " + brand.displayName()));
            return new ConsentExpired(consentId, expired.status().name(), expired.rejection().rejectedBy().name(),
                    expired.rejection().reason().name());
        } catch (Refusal refusal) {
            throw DirectoryError.conflict(refusal.getMessage());
        }
    }

    private CustomerView view(Brand brand, Customer customer) {
        return new CustomerView(customer.document(), customer.name(), customer.products().stream()
                .map(product -> new ProductView(product.resourceId(), product.type().name(), product.description(),
                        product.multipleApproval(), customers.availability(brand, product.resourceId()).name()))
                .toList(), customer.representatives(), customer.secondApprover());
    }

    private static Brand brand(String key) {
        return Brand.ofKey(key).orElseThrow(() -> DirectoryError.notFound("No brand " + key + ": sandbox or horizonte"));
    }

    private static ResourceStatus status(StatusRequest request) {
        if (request == null || request.status() == null) {
            throw DirectoryError.invalid("status is required: AVAILABLE, TEMPORARILY_UNAVAILABLE or UNAVAILABLE");
        }
        try {
            ResourceStatus status = ResourceStatus.valueOf(request.status());
            if (status != ResourceStatus.PENDING_AUTHORISATION) {
                return status;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw DirectoryError.invalid("status must be AVAILABLE, TEMPORARILY_UNAVAILABLE or UNAVAILABLE, not "
                + request.status());
    }
}
