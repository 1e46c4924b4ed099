package br.com.ponte.sandbox.sharing;

import br.com.ponte.sandbox.brand.BankPages;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.client.ClientRegistrations;
import br.com.ponte.sandbox.client.RegisteredClient;
import br.com.ponte.sandbox.oauth.HttpsOnly;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
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

import java.util.List;

/**
 * The second approver's page ("múltipla alçada"): after a company's representative authorised a
 * consent sharing accounts that need two approvers, those accounts are PENDING_AUTHORISATION until the
 * company's second approver approves (they become what the bank holds them as) or refuses
 * (UNAVAILABLE) here, within {@code sandbox.sharing.multiple-approval-window}. The page logs in with
 * the CPF; its forms post back here, so a test drives the same decisions with plain POSTs.
 */
@Path("/aprovacoes")
@HttpsOnly
@Tag(name = "Bank pages")
public class ApprovalsResource {

    private final SharingConsents consents;
    private final ClientRegistrations registrations;
    private final BrandContext bank;

    public ApprovalsResource(SharingConsents consents, ClientRegistrations registrations, BrandContext bank) {
        this.consents = consents;
        this.registrations = registrations;
        this.bank = bank;
    }

    /** A request waiting for the second approver: which company, who asked, which accounts, until when. */
    public record Pending(String consentId, String company, String clientName, List<String> resources,
                          String deadline) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance approvals(Brand brand, String cpf, List<Pending> pending, String error);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The second approver's pending requests (query cpf; without it, the login form)")
    public Response page(@QueryParam("cpf") String cpf) {
        if (cpf == null || cpf.isEmpty()) {
            return BankPages.html(200, Templates.approvals(bank.brand(), null, List.of(), null));
        }
        if (!BankPages.validCpf(cpf)) {
            return BankPages.html(400, Templates.approvals(bank.brand(), null, List.of(), BankPages.CPF_FORMAT));
        }
        return BankPages.html(200, page(cpf, null));
    }

    @POST
    @Path("/{consentId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The second approver approves or refuses a consent's pending resources",
            description = "Form: cpf (the company's second approver), decision (approve or reject). Answers 303 to the "
                    + "list of pending requests.")
    public Response decide(@PathParam("consentId") String consentId, @FormParam("cpf") String cpf,
                           @FormParam("decision") String decision) {
        if (cpf == null || !BankPages.validCpf(cpf)) {
            return BankPages.html(400, Templates.approvals(bank.brand(), null, List.of(), BankPages.CPF_FORMAT));
        }
        if (!"approve".equals(decision) && !"reject".equals(decision)) {
            return BankPages.html(400, page(cpf, "Escolha aprovar ou recusar."));
        }
        try {
            consents.decideSecondApproval(consentId, cpf, "approve".equals(decision));
        } catch (Refusal refusal) {
            return BankPages.html(refusal.status(), page(cpf, refusal.getMessage()));
        }
        return BankPages.seeOther(bank.url("/aprovacoes?cpf=" + cpf));
    }

    private TemplateInstance page(String cpf, String error) {
        Brand brand = bank.brand();
        List<Pending> pending = consents.awaitingSecondApproval(cpf).stream().map(consent -> new Pending(
                consent.consentId(),
                Customers.find(brand, consent.businessCnpj()).map(Customers.Customer::name).orElse(consent.businessCnpj()),
                registrations.find(consent.clientId()).map(RegisteredClient::clientName).orElse(consent.clientId()),
                consent.resources().stream().filter(SharedResource::pending)
                        .map(resource -> Customers.product(brand, resource.resourceId())
                                .map(Customers.Product::description).orElse(resource.resourceId())).toList(),
                SharingPages.dateTime(consent.approvalDeadline()))).toList();
        return Templates.approvals(brand, cpf, pending, error);
    }
}
