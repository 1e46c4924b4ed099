package br.com.ponte.sandbox.authorization;

import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.client.ClientRegistrations;
import br.com.ponte.sandbox.client.RegisteredClient;
import br.com.ponte.sandbox.oauth.Endpoints;
import br.com.ponte.sandbox.oauth.HttpsOnly;
import br.com.ponte.sandbox.oauth.Scopes;
import br.com.ponte.sandbox.payments.PaymentConsent;
import br.com.ponte.sandbox.payments.PaymentConsents;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The authorisation endpoint: the page where the bank's customer logs in (any CPF; this is a
 * sandbox) and approves or rejects what the client asks for. Only pushed requests are accepted
 * ({@code request_uri} from the PAR endpoint). The page's form posts back here, so a test can drive
 * the same decision with one {@code POST} and read the redirect (303) it answers.
 */
@Path(Endpoints.AUTHORIZE)
@HttpsOnly
@Tag(name = "Authorisation server")
public class AuthorizationResource {

    static final Pattern CPF = Pattern.compile("\\d{11}");

    private final PushedRequests pushed;
    private final ClientRegistrations registrations;
    private final AuthorizationCodes codes;
    private final Subjects subjects;
    private final IdTokens idTokens;
    private final PaymentConsents consents;
    private final BrandContext bank;

    public AuthorizationResource(PushedRequests pushed, ClientRegistrations registrations, AuthorizationCodes codes,
                                 Subjects subjects, IdTokens idTokens, PaymentConsents consents, BrandContext bank) {
        this.pushed = pushed;
        this.registrations = registrations;
        this.codes = codes;
        this.subjects = subjects;
        this.idTokens = idTokens;
        this.consents = consents;
        this.bank = bank;
    }

    /** What the page shows of the payment a consent scope names: the user must see what they authorise. */
    public record PaymentSummary(String amount, String creditorName, String when) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance consent(Brand brand, String clientId, String clientName, String requestUri,
                                               List<String> scopes, PaymentSummary payment, String cpf, String error);

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
        return html(Response.Status.OK, consentPage(request.get(), requestUri, null, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Approve or reject a pushed authorisation request",
            description = "Form: request_uri, client_id, cpf (11 digits), decision (approve or reject). Answers 303 to the "
                    + "client's redirect URI with code (and id_token) or error=access_denied.")
    public Response decide(@FormParam("client_id") String clientId, @FormParam("request_uri") String requestUri,
                           @FormParam("cpf") String cpf, @FormParam("decision") String decision) {
        Optional<AuthorizationRequest> shown = pushed.peek(requestUri, clientId);
        if (shown.isEmpty()) {
            return unknownRequest();
        }
        boolean approve = "approve".equals(decision);
        if (!approve && !"reject".equals(decision)) {
            return html(Response.Status.BAD_REQUEST, consentPage(shown.get(), requestUri, cpf,
                    "Escolha autorizar ou recusar."));
        }
        if (approve && (cpf == null || !CPF.matcher(cpf).matches())) {
            return html(Response.Status.BAD_REQUEST, consentPage(shown.get(), requestUri, cpf,
                    "Informe o CPF com 11 dígitos, sem pontos nem traço."));
        }
        Optional<AuthorizationRequest> taken = pushed.take(requestUri, clientId);
        if (taken.isEmpty()) {
            return unknownRequest();
        }
        AuthorizationRequest request = taken.get();
        Optional<String> consentId = consentOf(request);
        if (consentId.isPresent() && !approve) {
            consents.rejectByUser(consentId.get(), request.clientId());
        }
        if (consentId.isPresent() && approve && !consents.authorise(consentId.get(), request.clientId(), cpf)) {
            return Response.seeOther(URI.create(redirect(request, Map.of("error", "access_denied",
                    "error_description", "The consent is no longer awaiting authorisation", "state", request.state()))))
                    .header("Cache-Control", "no-store").build();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (approve) {
            AuthorizationCode grant = new AuthorizationCode(request, subjects.of(cpf), Instant.now());
            String code = codes.issue(grant);
            parameters.put("code", code);
            if (request.answersInFragment()) {
                parameters.put("id_token", idTokens.forAuthorizationResponse(grant, code));
            }
        } else {
            parameters.put("error", "access_denied");
            parameters.put("error_description", "The user rejected the request");
        }
        parameters.put("state", request.state());
        return Response.seeOther(URI.create(redirect(request, parameters)))
                .header("Cache-Control", "no-store")
                .build();
    }

    /** The client's redirect URI with the response in its fragment ({@code code id_token}) or query ({@code code}). */
    static String redirect(AuthorizationRequest request, Map<String, String> parameters) {
        String encoded = parameters.entrySet().stream()
                .map(parameter -> parameter.getKey() + "="
                        + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String uri = request.redirectUri();
        if (request.answersInFragment()) {
            return uri + "#" + encoded;
        }
        return uri + (uri.contains("?") ? "&" : "?") + encoded;
    }

    private TemplateInstance consentPage(AuthorizationRequest request, String requestUri, String cpf, String error) {
        String clientName = registrations.find(request.clientId()).map(RegisteredClient::clientName)
                .orElse(request.clientId());
        PaymentSummary payment = consentOf(request)
                .flatMap(consentId -> consents.awaitingAuthorisation(consentId, request.clientId()))
                .map(AuthorizationResource::summary).orElse(null);
        return Templates.consent(bank.brand(), request.clientId(), clientName, requestUri, List.copyOf(request.scopes()), payment,
                cpf, error);
    }

    private static Optional<String> consentOf(AuthorizationRequest request) {
        return request.scopes().stream().filter(Scopes::isConsent).map(Scopes::consentId).findFirst();
    }

    private static PaymentSummary summary(PaymentConsent consent) {
        return new PaymentSummary("R$ " + consent.amount(), consent.creditorName(), when(consent.scheduledDates()));
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
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .entity(page.render())
                .build();
    }
}
