package br.com.ponte.consent.whitelabel;

import br.com.ponte.consent.bank.PaymentBanks;
import br.com.ponte.consent.domain.PaymentConsent;
import br.com.ponte.consent.whitelabel.Screens.Page;
import br.com.ponte.events.EventTime;
import br.com.ponte.kit.api.ApiException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The screens of a payment intent, in the partner's whitelabel: choose the bank (the directory's
 * banks that take payments), review the payment, go to the bank (the consent is made then), and the
 * result, where the bank's redirect lands through the authorisation callback. Server-rendered, no
 * script; every page is sent with a Content-Security-Policy that allows this service's stylesheet,
 * the brand's colours (by nonce) and the logos shown, and with no referrer, so the intent's id in the
 * URL does not travel to logo hosts or the bank.
 */
@Path("/whitelabel/payments/{intentId}")
@Tag(name = "Whitelabel screens (users' browsers)")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class WhitelabelScreens {

    private static final Logger LOG = Logger.getLogger(WhitelabelScreens.class);
    @CheckedTemplate(basePath = "whitelabel")
    static class Templates {
        static native TemplateInstance choose(Page page, String path, ReviewedPayment payment, List<BankChoice> banks);

        static native TemplateInstance review(Page page, String path, ReviewedPayment payment, BankChoice bank);

        static native TemplateInstance result(Page page, String outcome, String title, String message,
                                              ReviewedPayment payment, String returnUrl);

        static native TemplateInstance problem(Page page, String title, String message, String code,
                                               String chooseAgainPath, String returnUrl);
    }

    private final WhitelabelJourney journey;
    private final PaymentBanks banks;

    public WhitelabelScreens(WhitelabelJourney journey, PaymentBanks banks) {
        this.journey = journey;
        this.banks = banks;
    }

    @GET
    @Operation(summary = "Choose the bank", description = "The intent's url: the directory's banks that take payments.")
    public Uni<Response> choose(@PathParam("intentId") String intentId) {
        return openForChoice(intentId, screen -> banks.all().chain(all -> {
            Page page = Page.of(screen.settings());
            List<BankChoice> choices = all.stream().map(BankChoice::of).toList();
            return render(200, page, Templates.choose(page, screen.intent().screenPath(),
                    ReviewedPayment.of(screen.intent().consentRequest()), choices), logos(choices));
        }));
    }

    @GET
    @Path("/review")
    @Operation(summary = "Review the payment", description = "Amount, creditor, date and the chosen bank, with the button "
            + "that goes to the bank.")
    public Uni<Response> review(@PathParam("intentId") String intentId, @QueryParam("bank") String bank) {
        return openForChoice(intentId, screen -> banks.find(bank).chain(found -> {
            if (found.isEmpty()) {
                return unknownBank(screen);
            }
            Page page = Page.of(screen.settings());
            BankChoice choice = BankChoice.of(found.get());
            return render(200, page, Templates.review(page, screen.intent().screenPath(),
                    ReviewedPayment.of(screen.intent().consentRequest()), choice), logos(List.of(choice)));
        }));
    }

    @POST
    @Path("/authorisation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Go to the bank",
            description = "Form field bank. Creates the payment consent at the chosen bank as POST /v1/payment-consents "
                    + "does (same events), with the result page as its redirectUri, and answers 303 to the bank's "
                    + "authorisation page; a bank's refusal or failure shows a page that offers another choice.")
    public Uni<Response> toBank(@PathParam("intentId") String intentId, @FormParam("bank") String bank) {
        return openForChoice(intentId, screen -> banks.find(bank).chain(found -> {
            if (found.isEmpty()) {
                return unknownBank(screen);
            }
            return journey.toBank(screen.intent().id, found.get().authorisationServerId())
                    .map(consent -> WhitelabelJourney.decidedAtBank(consent)
                            ? seeOther(screen.intent().screenPath() + "/result")
                            : seeOther(consent.authorisationUrl))
                    .onFailure().recoverWithUni(e -> bankProblem(screen, e));
        }));
    }

    @GET
    @Path("/result")
    @Operation(summary = "The result",
            description = "Where the authorisation callback sends the user: approved, rejected or still waiting (more "
                    + "approvers), with the link back to the partner's redirectUri (intentId, consentId, status).")
    public Uni<Response> result(@PathParam("intentId") String intentId) {
        return open(intentId, screen -> {
            PaymentConsent consent = screen.consent();
            if (consent == null) {
                return Uni.createFrom().item(seeOther(screen.intent().screenPath()));
            }
            Page page = Page.of(screen.settings());
            PaymentTexts texts = page.brand().texts().payment();
            ReviewedPayment payment = ReviewedPayment.of(screen.intent().consentRequest());
            String back = returnUrl(screen);
            TemplateInstance shown = switch (consent.status) {
                case AUTHORISED, CONSUMED -> Templates.result(page, "approved", texts.approvedTitle(),
                        texts.approvedMessage(), payment, back);
                case REJECTED -> Templates.result(page, "rejected", texts.rejectedTitle(), texts.rejectedMessage(),
                        payment, back);
                case AWAITING_AUTHORISATION, PARTIALLY_ACCEPTED -> Templates.result(page, "pending",
                        "Aguardando o banco", "O banco ainda não confirmou a autorização. Se a conta pede a aprovação "
                                + "de mais pessoas, o pagamento segue quando todas aprovarem.", payment, back);
            };
            return render(200, page, shown, List.of());
        });
    }

    /**
     * Runs {@code screen} for a known intent; an unknown one gets its own page, and so does a failure
     * (the directory unreachable, ...), in the partner's brand.
     */
    private Uni<Response> open(String intentId, Function<WhitelabelJourney.Screen, Uni<Response>> screen) {
        UUID id;
        try {
            id = UUID.fromString(intentId);
        } catch (IllegalArgumentException e) {
            return unknownIntent();
        }
        return journey.screen(id).chain(found -> found == null ? unknownIntent()
                : screen.apply(found).onFailure().recoverWithUni(e -> failed(found, e)));
    }

    /**
     * Runs {@code screen} of the bank choice: a user who already decided at the bank sees the result
     * instead, and one too late to choose gets the expiry page.
     */
    private Uni<Response> openForChoice(String intentId, Function<WhitelabelJourney.Screen, Uni<Response>> screen) {
        Instant now = EventTime.now();
        return open(intentId, found -> {
            if (found.decidedAtBank()) {
                return Uni.createFrom().item(seeOther(found.intent().screenPath() + "/result"));
            }
            return found.intent().acceptsChoiceAt(now) ? screen.apply(found) : expired(found);
        });
    }

    private Uni<Response> unknownIntent() {
        Page page = Page.of(WhitelabelSettings.defaults(null));
        return render(404, page, Templates.problem(page, "Pagamento não encontrado",
                "Este link de pagamento não existe. Volte ao aplicativo ou site onde você começou e tente de novo.",
                null, null, null), List.of());
    }

    private Uni<Response> expired(WhitelabelJourney.Screen screen) {
        Page page = Page.of(screen.settings());
        return render(410, page, Templates.problem(page, "Este pagamento expirou",
                "O tempo para escolher o banco acabou. Volte e comece o pagamento de novo.", null, null,
                returnUrl(screen)), List.of());
    }

    private Uni<Response> unknownBank(WhitelabelJourney.Screen screen) {
        Page page = Page.of(screen.settings());
        return render(400, page, Templates.problem(page, "Banco não encontrado",
                "Este banco não está na lista de bancos que aceitam o pagamento. Escolha um banco da lista.", null,
                screen.intent().screenPath(), null), List.of());
    }

    /** A friendly page for the bank's refusal or failure, with a way to choose again. */
    private Uni<Response> bankProblem(WhitelabelJourney.Screen screen, Throwable failure) {
        if (!(failure instanceof ApiException api)) {
            return failed(screen, failure);
        }
        String code = api.errors().isEmpty() ? null : api.errors().get(0).code();
        if (WhitelabelJourney.EXPIRED.equals(code)) {
            return expired(screen);
        }
        if (api.status() >= 500) {
            return problem(screen, api.status(), "Não conseguimos falar com o banco",
                    "O banco não respondeu agora. Tente de novo em instantes ou escolha outro banco.", code);
        }
        if ("CREDENCIAIS_AUSENTES".equals(code) || "PARAMETRO_INVALIDO".equals(code)) {
            return problem(screen, api.status(), "Banco indisponível para este pagamento",
                    "Este pagamento não pode ser feito por este banco no momento. Escolha outro banco.", code);
        }
        return problem(screen, api.status(), "O banco recusou o pagamento",
                "O banco não aceitou este pagamento. Você pode escolher outro banco.", code);
    }

    /** The problem page with a way to choose the bank again and back to the partner. */
    private Uni<Response> problem(WhitelabelJourney.Screen screen, int status, String title, String message,
                                  String code) {
        Page page = Page.of(screen.settings());
        return render(status, page, Templates.problem(page, title, message, code, screen.intent().screenPath(),
                returnUrl(screen)), List.of());
    }

    private Uni<Response> failed(WhitelabelJourney.Screen screen, Throwable failure) {
        LOG.errorf(failure, "A screen of payment intent %s failed", screen.intent().id);
        return problem(screen, 503, "Algo deu errado do nosso lado",
                "Não foi possível continuar agora. Tente de novo em instantes.", null);
    }

    /** The partner's redirectUri, with what the partner needs to read the outcome (call 3). */
    private static String returnUrl(WhitelabelJourney.Screen screen) {
        UriBuilder back = UriBuilder.fromUri(screen.intent().consentRequest().redirectUri())
                .queryParam("intentId", screen.intent().id);
        if (screen.consent() != null) {
            back.queryParam("consentId", screen.consent().id).queryParam("status", screen.consent().status.wireValue());
        }
        return back.build().toString();
    }

    private static List<String> logos(List<BankChoice> choices) {
        return choices.stream().map(BankChoice::logoUri).toList();
    }

    /** Form-action also allows https: the review's form posts here, and its answer redirects to the bank's page. */
    private static Uni<Response> render(int status, Page page, TemplateInstance template, List<String> images) {
        return Screens.render(status, page, template, images, List.of("https:"));
    }

    private static Response seeOther(String location) {
        return Screens.seeOther(location);
    }
}
