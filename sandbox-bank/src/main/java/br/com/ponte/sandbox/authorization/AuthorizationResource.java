package br.com.ponte.sandbox.authorization;

import br.com.ponte.sandbox.brand.BankPages;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.client.ClientRegistrations;
import br.com.ponte.sandbox.client.RegisteredClient;
import br.com.ponte.sandbox.oauth.Endpoints;
import br.com.ponte.sandbox.oauth.HttpsOnly;
import br.com.ponte.sandbox.oauth.Scopes;
import br.com.ponte.sandbox.payments.PaymentConsent;
import br.com.ponte.sandbox.payments.PaymentConsents;
import br.com.ponte.sandbox.resource.ConsentKind;
import br.com.ponte.sandbox.resource.ConsentLookup;
import br.com.ponte.sandbox.sharing.Customers;
import br.com.ponte.sandbox.sharing.Customers.Product;
import br.com.ponte.sandbox.sharing.PermissionGroup;
import br.com.ponte.sandbox.sharing.Refusal;
import br.com.ponte.sandbox.sharing.ResourceType;
import br.com.ponte.sandbox.sharing.SharedResource;
import br.com.ponte.sandbox.sharing.SharingConsent;
import br.com.ponte.sandbox.sharing.SharingConsents;
import br.com.ponte.sandbox.sharing.SharingConsents.Selection;
import br.com.ponte.sandbox.sharing.SharingPages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The authorisation endpoint: the page where the bank's customer logs in with a CPF and approves or
 * rejects what the client asks for. Only pushed requests are accepted ({@code request_uri} from the
 * PAR endpoint). A {@code consent:<id>} scope names a payment consent (any CPF pays; the page shows
 * the payment) or a data-sharing consent (only the consent's logged user may approve; the page shows
 * the data asked for and lets them choose the accounts and cards to share). The page's form posts
 * back here, so a test can drive the same decision with one {@code POST} and read the redirect (303)
 * it answers.
 */
@Path(Endpoints.AUTHORIZE)
@HttpsOnly
@Tag(name = "Authorisation server")
public class AuthorizationResource {

    /** What the page's form sends with the accounts and cards ticked, so that none ticked is a choice too. */
    static final String EXPLICIT_SELECTION = "explicit";

    private final PushedRequests pushed;
    private final ClientRegistrations registrations;
    private final AuthorizationCodes codes;
    private final Subjects subjects;
    private final IdTokens idTokens;
    private final ConsentLookup lookup;
    private final PaymentConsents payments;
    private final SharingConsents sharing;
    private final BrandContext bank;
    private final AuthorizationResponses responses;

    public AuthorizationResource(PushedRequests pushed, ClientRegistrations registrations, AuthorizationCodes codes,
                                 Subjects subjects, IdTokens idTokens, ConsentLookup lookup, PaymentConsents payments,
                                 SharingConsents sharing, BrandContext bank, AuthorizationResponses responses) {
        this.responses = responses;
        this.pushed = pushed;
        this.registrations = registrations;
        this.codes = codes;
        this.subjects = subjects;
        this.idTokens = idTokens;
        this.lookup = lookup;
        this.payments = payments;
        this.sharing = sharing;
        this.bank = bank;
    }

    /** What the page shows of the payment a consent scope names: the user must see what they authorise. */
    public record PaymentSummary(String amount, String creditorName, String when) {
    }

    /**
     * What the page shows of a data-sharing consent: whose data (a company's), the groups of data in
     * Portuguese, until when, the accounts and cards to choose from, what is shared whole.
     */
    public record SharingSummary(String company, List<String> groups, String expiry, List<Choices> choices,
                                 List<String> whole) {
    }

    /** The accounts, or the cards, to choose from: a fieldset of checkboxes. */
    public record Choices(String legend, List<Choice> items) {
    }

    public record Choice(String resourceId, String label, boolean checked) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance consent(Brand brand, String clientId, String clientName, String requestUri,
                                               List<String> scopes, PaymentSummary payment, SharingSummary sharing,
                                               String cpf, String error, String choiceError);

        static native TemplateInstance problem(Brand brand, String message);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The login and consent page for a pushed authorisation request")
    public Response page(@QueryParam("client_id") String clientId, @QueryParam("request_uri") String requestUri) {
        Optional<AuthorizationRequest> request = pushed.peek(requestUri, clientId);
        if (request.isEmpty()) {
            return unknownRequest();
        }
        return html(Response.Status.OK, consentPage(request.get(), requestUri, null, null, null, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Approve or reject a pushed authorisation request",
            description = "Form: request_uri, client_id, cpf (11 digits), decision (approve or reject); for a data-sharing "
                    + "consent, resource (repeated: the accounts and cards to share) and selection=explicit (the page's "
                    + "form: what is not ticked is not shared). Answers 303 to the client's redirect URI with code (and "
                    + "id_token) or error=access_denied, in the fragment or, under JARM, as a signed JWT in response.")
    public Response decide(@FormParam("client_id") String clientId, @FormParam("request_uri") String requestUri,
                           @FormParam("cpf") String cpf, @FormParam("decision") String decision,
                           @FormParam("resource") List<String> resources, @FormParam("selection") String selection) {
        Optional<AuthorizationRequest> shown = pushed.peek(requestUri, clientId);
        if (shown.isEmpty()) {
            return unknownRequest();
        }
        Selection chosen = new Selection(EXPLICIT_SELECTION.equals(selection), resources);
        boolean approve = "approve".equals(decision);
        if (!approve && !"reject".equals(decision)) {
            return html(Response.Status.BAD_REQUEST, consentPage(shown.get(), requestUri, cpf, chosen,
                    "Escolha autorizar ou recusar.", null));
        }
        if (approve && (cpf == null || !BankPages.validCpf(cpf))) {
            return html(Response.Status.BAD_REQUEST, consentPage(shown.get(), requestUri, cpf, chosen,
                    BankPages.CPF_FORMAT, null));
        }
        // an essential cpf or cnpj the user cannot meet is a failed authentication (fapi-id3 5.2.2.2, 5.2.2.3)
        Optional<String> unmet = approve ? shown.get().claims().unmetBy(Identity.of(bank.brand(), cpf)) : Optional.empty();
        if (unmet.isPresent()) {
            return html(Response.Status.BAD_REQUEST, consentPage(shown.get(), requestUri, cpf, chosen, unmet.get(), null));
        }
        Optional<String> consentId = consentOf(shown.get());
        Optional<ConsentKind> kind = consentId.flatMap(id -> lookup.awaitingAuthorisation(id, clientId));
        List<SharedResource> shared = List.of();
        if (approve && kind.equals(Optional.of(ConsentKind.DATA_SHARING))) {
            Optional<SharingConsent> consent = sharing.awaitingAuthorisation(consentId.get(), clientId);
            try {
                consent.ifPresent(found -> sharing.checkApprover(found, cpf));
            } catch (Refusal refusal) {
                return html(Response.Status.BAD_REQUEST, consentPage(shown.get(), requestUri, cpf, chosen,
                        refusal.getMessage(), null));
            }
            try {
                shared = consent.map(found -> sharing.plan(found, chosen)).orElse(List.of());
            } catch (Refusal refusal) {
                return html(Response.Status.BAD_REQUEST, consentPage(shown.get(), requestUri, cpf, chosen, null,
                        refusal.getMessage()));
            }
        }
        Optional<AuthorizationRequest> taken = pushed.take(requestUri, clientId);
        if (taken.isEmpty()) {
            return unknownRequest();
        }
        AuthorizationRequest request = taken.get();
        if (consentId.isPresent() && !decided(consentId.get(), request.clientId(), kind, approve, cpf, shared)
                && approve) {
            return Response.seeOther(URI.create(responses.redirect(request, Map.of("error", "access_denied",
                    "error_description", "The consent is no longer awaiting authorisation", "state", request.state()))))
                    .header("Cache-Control", "no-store").build();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (approve) {
            AuthorizationCode grant = new AuthorizationCode(request, subjects.of(cpf), Identity.of(bank.brand(), cpf),
                    Instant.now());
            String code = codes.issue(grant);
            parameters.put("code", code);
            if (request.issuesIdTokenInFront()) {
                parameters.put("id_token", idTokens.forAuthorizationResponse(grant, code));
            }
        } else {
            parameters.put("error", "access_denied");
            parameters.put("error_description", "The user rejected the request");
        }
        parameters.put("state", request.state());
        return Response.seeOther(URI.create(responses.redirect(request, parameters)))
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * The user's decision on the consent, by its kind; false when it no longer waits for one (it
     * expired meanwhile, say).
     */
    private boolean decided(String consentId, String clientId, Optional<ConsentKind> kind, boolean approve, String cpf,
                            List<SharedResource> shared) {
        if (kind.isEmpty()) {
            return false;
        }
        return switch (kind.get()) {
            case PAYMENT -> {
                if (!approve) {
                    payments.rejectByUser(consentId, clientId);
                    yield true;
                }
                yield payments.authorise(consentId, clientId, cpf);
            }
            case DATA_SHARING -> {
                if (!approve) {
                    sharing.rejectByUser(consentId, clientId);
                    yield true;
                }
                yield sharing.authorise(consentId, clientId, shared);
            }
        };
    }

    private TemplateInstance consentPage(AuthorizationRequest request, String requestUri, String cpf, Selection chosen,
                                         String error, String choiceError) {
        String clientName = registrations.find(request.clientId()).map(RegisteredClient::clientName)
                .orElse(request.clientId());
        Optional<String> consentId = consentOf(request);
        PaymentSummary payment = consentId.flatMap(id -> payments.awaitingAuthorisation(id, request.clientId()))
                .map(AuthorizationResource::summary).orElse(null);
        SharingSummary data = consentId.flatMap(id -> sharing.awaitingAuthorisation(id, request.clientId()))
                .map(consent -> summary(consent, chosen)).orElse(null);
        return Templates.consent(bank.brand(), request.clientId(), clientName, requestUri, List.copyOf(request.scopes()),
                payment, data, cpf, error, choiceError);
    }

    private static Optional<String> consentOf(AuthorizationRequest request) {
        return request.scopes().stream().filter(Scopes::isConsent).map(Scopes::consentId).findFirst();
    }

    private static PaymentSummary summary(PaymentConsent consent) {
        return new PaymentSummary("R$ " + consent.amount(), consent.creditorName(), when(consent.scheduledDates()));
    }

    /** The groups of data, the accounts and cards to choose (ticked as chosen, all at first), what is shared whole. */
    private SharingSummary summary(SharingConsent consent, Selection chosen) {
        List<Product> offered = sharing.offered(consent);
        Set<String> ticked = chosen == null || !chosen.explicit() ? offered.stream().map(Product::resourceId)
                .collect(Collectors.toSet()) : Set.copyOf(chosen.resourceIds());
        List<Choices> choices = Arrays.stream(ResourceType.values()).filter(ResourceType::chosenByUser)
                .map(type -> new Choices(type.label(), offered.stream().filter(product -> product.type() == type)
                        .map(product -> new Choice(product.resourceId(), product.description(),
                                ticked.contains(product.resourceId()))).toList()))
                .filter(group -> !group.items().isEmpty()).toList();
        List<String> whole = offered.stream().filter(product -> !product.type().chosenByUser())
                .map(product -> product.type().label() + ": " + product.description()).toList();
        String company = consent.business() ? Customers.find(bank.brand(), consent.businessCnpj())
                .map(Customers.Customer::name).orElse("CNPJ " + consent.businessCnpj()) : null;
        return new SharingSummary(company, PermissionGroup.whollyIn(consent.permissions()).stream()
                .map(PermissionGroup::label).toList(), SharingPages.expiry(consent.expirationDateTime()), choices, whole);
    }

    /** Today, the scheduled date, or how many payments from the first date to the last. */
    private static String when(List<LocalDate> dates) {
        if (dates.isEmpty()) {
            return "hoje";
        }
        if (dates.size() == 1) {
            return "agendado para " + dates.get(0);
        }
        return dates.size() + " pagamentos agendados, de " + Collections.min(dates) + " a " + Collections.max(dates);
    }

    private Response unknownRequest() {
        return html(Response.Status.BAD_REQUEST, Templates.problem(bank.brand(),
                "Este pedido de autorização não existe, expirou ou já foi usado. Volte ao aplicativo e comece de novo."));
    }

    private static Response html(Response.Status status, TemplateInstance page) {
        return BankPages.html(status.getStatusCode(), page);
    }
}
