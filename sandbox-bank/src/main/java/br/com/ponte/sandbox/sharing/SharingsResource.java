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
 * "Meus compartilhamentos" at the bank: the user (logged in with the CPF) sees the data-sharing
 * consents they authorised at this bank and revokes one, which is then REJECTED by the user
 * ({@code CUSTOMER_MANUALLY_REVOKED}) as if revoked through the receiving institution. The page's
 * forms post back here, so a test drives the revocation with a plain POST.
 */
@Path("/compartilhamentos")
@HttpsOnly
@Tag(name = "Bank pages")
public class SharingsResource {

    private final SharingConsents consents;
    private final ClientRegistrations registrations;
    private final BrandContext bank;

    public SharingsResource(SharingConsents consents, ClientRegistrations registrations, BrandContext bank) {
        this.consents = consents;
        this.registrations = registrations;
        this.bank = bank;
    }

    /** An active sharing: with whom, which data, since and until when. */
    public record Active(String consentId, String clientName, List<String> groups, String since, String expiry,
                         int resources) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance sharings(Brand brand, String cpf, List<Active> active, String error);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The user's authorised data-sharing consents at this bank (query cpf; without it, the login form)")
    public Response page(@QueryParam("cpf") String cpf) {
        if (cpf == null || cpf.isEmpty()) {
            return BankPages.html(200, Templates.sharings(bank.brand(), null, List.of(), null));
        }
        if (!BankPages.validCpf(cpf)) {
            return BankPages.html(400, Templates.sharings(bank.brand(), null, List.of(), BankPages.CPF_FORMAT));
        }
        return BankPages.html(200, page(cpf, null));
    }

    @POST
    @Path("/{consentId}/revogar")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The user revokes one of their data-sharing consents at the bank",
            description = "Form: cpf (the consent's logged user). Answers 303 to the list.")
    public Response revoke(@PathParam("consentId") String consentId, @FormParam("cpf") String cpf) {
        if (cpf == null || !BankPages.validCpf(cpf)) {
            return BankPages.html(400, Templates.sharings(bank.brand(), null, List.of(), BankPages.CPF_FORMAT));
        }
        try {
            consents.revokeByUser(consentId, cpf);
        } catch (Refusal refusal) {
            return BankPages.html(refusal.status(), page(cpf, refusal.getMessage()));
        }
        return BankPages.seeOther(bank.url("/compartilhamentos?cpf=" + cpf));
    }

    private TemplateInstance page(String cpf, String error) {
        List<Active> active = consents.authorisedOf(cpf).stream().map(consent -> new Active(
                consent.consentId(),
                registrations.find(consent.clientId()).map(RegisteredClient::clientName).orElse(consent.clientId()),
                PermissionGroup.whollyIn(consent.permissions()).stream().map(PermissionGroup::label).toList(),
                SharingPages.dateTime(consent.statusUpdateDateTime()),
                SharingPages.expiry(consent.expirationDateTime()),
                consent.resources().size())).toList();
        return Templates.sharings(bank.brand(), cpf, active, error);
    }
}
