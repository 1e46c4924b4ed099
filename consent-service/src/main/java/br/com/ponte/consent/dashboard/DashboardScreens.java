package br.com.ponte.consent.dashboard;

import br.com.ponte.consent.config.ConsentConfig;
import br.com.ponte.consent.config.SharingConfig;
import br.com.ponte.consent.dashboard.DashboardView.Card;
import br.com.ponte.consent.dashboard.DashboardView.Details;
import br.com.ponte.consent.dashboard.DashboardView.Section;
import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.consent.sharing.SharingJourney;
import br.com.ponte.consent.sharing.SharingStatus;
import br.com.ponte.consent.whitelabel.Screens;
import br.com.ponte.consent.whitelabel.Screens.Page;
import br.com.ponte.consent.whitelabel.WhitelabelSettings;
import br.com.ponte.consent.whitelabel.Words;
import br.com.ponte.events.EventTime;
import br.com.ponte.kit.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * "Meus compartilhamentos", in the partner's whitelabel: the user's sharing consents with the partner
 * (active, pending, inactive with what ended each), the details of one (institution, data, purpose,
 * term, dates, resources, renewals), revocation after a screen that states its consequences, renewal
 * for a new term, and the cancellation of a request still waiting. The user arrives with a link the
 * partner made ({@code POST /v1/sharing-dashboard-links}); following it once opens a session held in
 * an HttpOnly, SameSite=Strict cookie. Every form carries a CSRF token derived from the session. A
 * consent of another user or partner is not found.
 */
@Path(DashboardPaths.ROOT)
@Tag(name = "Whitelabel screens (users' browsers)")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class DashboardScreens {

    static final String COOKIE = "ponte_dashboard";
    private static final Logger LOG = Logger.getLogger(DashboardScreens.class);
    private static final int USER_AGENT_MAX = 255;

    @CheckedTemplate(basePath = "whitelabel/dashboard")
    static class Templates {
        static native TemplateInstance opening(Page page, String target);

        static native TemplateInstance list(Page page, List<Card> active, List<Card> pending, List<Card> inactive,
                                            String confirmation);

        static native TemplateInstance details(Page page, String csrf, Details details, String confirmation);

        static native TemplateInstance revoke(Page page, String csrf, Details details);

        static native TemplateInstance renew(Page page, String csrf, Details details, List<DashboardView.Term> terms,
                                             String error);

        static native TemplateInstance problem(Page page, String title, String message, String code, String backPath,
                                               String backLabel);
    }

    /** Who is looking: an open dashboard session, its partner's whitelabel, and the CSRF token of its forms. */
    record Viewer(DashboardSession session, WhitelabelSettings settings, String csrf) {
    }

    private final DashboardLinks links;
    private final DashboardKeys keys;
    private final UserConsents consents;
    private final SharingJourney journey;
    private final ConsentConfig config;
    private final SharingConfig sharing;

    public DashboardScreens(DashboardLinks links, DashboardKeys keys, UserConsents consents, SharingJourney journey,
                            ConsentConfig config, SharingConfig sharing) {
        this.links = links;
        this.keys = keys;
        this.consents = consents;
        this.journey = journey;
        this.config = config;
        this.sharing = sharing;
    }

    @GET
    @Path("/links/{token}")
    @Operation(summary = "Follow a dashboard link",
            description = "The url of POST /v1/sharing-dashboard-links. The first time, before it expires: a dashboard "
                    + "session (cookie ponte_dashboard: HttpOnly, SameSite=Strict, Secure on https, Path /whitelabel/dashboard) "
                    + "and a page that opens the dashboard at once (the token leaves the address bar). A page rather than a "
                    + "redirect, so the browser sends the Strict cookie even when the link was clicked on another site. A "
                    + "used or expired link: 410 with where to get a new one; an unknown one 404.")
    public Uni<Response> follow(@PathParam("token") String token, @CookieParam(COOKIE) String cookie) {
        Instant now = EventTime.now();
        return links.follow(token, now).chain(followed -> switch (followed.outcome()) {
            case OPENED -> settings(followed.link().partnerId).chain(settings -> {
                Page page = Page.of(settings);
                return Screens.html(200, page, Templates.opening(page, DashboardPaths.ROOT), List.of(), List.of())
                        .map(html -> html.cookie(cookie(followed.sessionToken())).build());
            });
            case USED -> links.session(cookie).chain(session -> session != null && session.openAt(now)
                    && session.linkId.equals(followed.link().id)
                    // the same browser again (a reload): its dashboard is open
                    ? Uni.createFrom().item(Screens.seeOther(DashboardPaths.ROOT))
                    : linkGone(followed.link(), "Este link já foi usado"));
            case EXPIRED -> linkGone(followed.link(), "Este link expirou");
            case UNKNOWN -> {
                Page page = Page.of(WhitelabelSettings.defaults(null));
                yield render(404, page, Templates.problem(page, "Link não encontrado", "Este link não existe. Abra de novo "
                        + "\"Meus compartilhamentos\" no aplicativo ou site onde você estava.", null, null, null));
            }
        });
    }

    @GET
    @Operation(summary = "Meus compartilhamentos",
            description = "Every sharing consent of the user with the partner, kept apart: active, pending (where and until "
                    + "when someone must act) and inactive (what ended it); those ending soon flagged. done=revoked|cancelled "
                    + "with consent= shows the confirmation of that action.")
    public Uni<Response> list(@CookieParam(COOKIE) String cookie, @QueryParam("done") String done,
                              @QueryParam("consent") String consentId) {
        Instant now = EventTime.now();
        return viewer(cookie, viewer -> consents.all(viewer.session()).chain(all -> {
            Page page = Page.of(viewer.settings());
            String brand = page.brand().brandName();
            List<Card> cards = all.stream().map(s -> DashboardView.card(s.consent(), s.institution(), s.resources(), brand,
                    sharing.expiringLeadTime(), now)).toList();
            String confirmation = all.stream().filter(s -> s.consent().id.toString().equals(consentId)).findFirst()
                    .map(s -> switch (done == null ? "" : done) {
                        case "revoked" -> s.consent().revoked() ? "O compartilhamento com " + s.institution().name()
                                + " foi encerrado. Ele continua no seu histórico, em Encerrados." : null;
                        case "cancelled" -> s.consent().status == SharingStatus.REJECTED
                                ? "O pedido de compartilhamento com " + s.institution().name() + " foi cancelado." : null;
                        default -> null;
                    }).orElse(null);
            return render(200, page, Templates.list(page, section(cards, Section.ACTIVE), section(cards, Section.PENDING),
                    section(cards, Section.INACTIVE), confirmation), cards);
        }));
    }

    @GET
    @Path("/consents/{id}")
    @Operation(summary = "A sharing's details",
            description = "The institution, the data by category, the purpose, the term, the dates, the resources and their "
                    + "status, the renewals, how it ended; the actions it allows. 404 for a consent not the user's.")
    public Uni<Response> details(@CookieParam(COOKIE) String cookie, @PathParam("id") String id,
                                 @QueryParam("done") String done) {
        return owned(cookie, id, (viewer, shown) -> {
            Page page = Page.of(viewer.settings());
            Details details = details(viewer, shown);
            String confirmation = "renewed".equals(done) && shown.consent().expirationDateTime != null
                    ? "Compartilhamento renovado. Agora ele vale " + Words.validity(shown.consent().expirationDateTime)
                    .toLowerCase(Words.PT_BR) + "." : null;
            return render(200, page, Templates.details(page, viewer.csrf(), details, confirmation), List.of(details.card()));
        });
    }

    @GET
    @Path("/consents/{id}/revoke")
    @Operation(summary = "Confirm the revocation", description = "The consequences, and the form that revokes.")
    public Uni<Response> confirmRevocation(@CookieParam(COOKIE) String cookie, @PathParam("id") String id) {
        return owned(cookie, id, (viewer, shown) -> {
            if (shown.consent().status != SharingStatus.AUTHORISED) {
                return Uni.createFrom().item(Screens.seeOther(DashboardPaths.consent(shown.consent().id)));
            }
            Page page = Page.of(viewer.settings());
            Details details = details(viewer, shown);
            return render(200, page, Templates.revoke(page, viewer.csrf(), details), List.of(details.card()));
        });
    }

    @POST
    @Path("/consents/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Revoke a sharing",
            description = "Form field csrf. Revoked at the institution first, then here (revokedBy USER, channel PONTE, "
                    + "sharing:consent:revoked); 303 to the list with the confirmation. When the institution cannot be "
                    + "reached, a page says so and nothing changed.")
    public Uni<Response> revoke(@CookieParam(COOKIE) String cookie, @FormParam("csrf") String csrf,
                                @PathParam("id") String id) {
        return posted(cookie, csrf, id, (viewer, shown) -> {
            SharingConsent consent = shown.consent();
            if (consent.status != SharingStatus.AUTHORISED) {
                return Uni.createFrom().item(Screens.seeOther(DashboardPaths.consent(consent.id)));
            }
            return journey.revoke(consent.id, "USER", "PONTE")
                    .map(revoked -> Screens.seeOther(DashboardPaths.ROOT + "?done=revoked&consent=" + consent.id))
                    .onFailure(ApiException.class).recoverWithUni(e -> institutionFailed(viewer, consent, (ApiException) e,
                            "O compartilhamento continua ativo: tente encerrar de novo em instantes."));
        });
    }

    @POST
    @Path("/consents/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Cancel a request still waiting for the user",
            description = "Form field csrf. For a consent AWAITING_AUTHORISATION: cancelled at the institution and here "
                    + "(sharing:consent:rejected); 303 to the list with the confirmation.")
    public Uni<Response> cancel(@CookieParam(COOKIE) String cookie, @FormParam("csrf") String csrf,
                                @PathParam("id") String id) {
        return posted(cookie, csrf, id, (viewer, shown) -> {
            SharingConsent consent = shown.consent();
            if (consent.status != SharingStatus.AWAITING_AUTHORISATION) {
                return Uni.createFrom().item(Screens.seeOther(DashboardPaths.consent(consent.id)));
            }
            return journey.revoke(consent.id, "USER", "PONTE")
                    .map(cancelled -> Screens.seeOther(DashboardPaths.ROOT + "?done=cancelled&consent=" + consent.id))
                    .onFailure(ApiException.class).recoverWithUni(e -> institutionFailed(viewer, consent, (ApiException) e,
                            "O pedido continua aberto: tente cancelar de novo em instantes."));
        });
    }

    @GET
    @Path("/consents/{id}/renew")
    @Operation(summary = "Choose the renewal's term", description = "6 or 12 months from now, when later than the current term.")
    public Uni<Response> chooseRenewal(@CookieParam(COOKIE) String cookie, @PathParam("id") String id) {
        return owned(cookie, id, (viewer, shown) -> renewScreen(viewer, shown, 200, null, null));
    }

    @POST
    @Path("/consents/{id}/renew")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Renew a sharing",
            description = "Form fields csrf, months. Renewed at the institution without a new journey (consents API v3 "
                    + "extends, with the user's IP address and user agent), then here (sharing:consent:extended); 303 to the "
                    + "details. The institution's refusal (DEPENDE_MULTIPLA_ALCADA for a sharing with several approvers, or "
                    + "another code) is explained on a page, and nothing changed.")
    public Uni<Response> renew(@CookieParam(COOKIE) String cookie, @FormParam("csrf") String csrf,
                               @PathParam("id") String id, @FormParam("months") String months,
                               @Context HttpServerRequest request) {
        Instant now = EventTime.now();
        return posted(cookie, csrf, id, (viewer, shown) -> {
            SharingConsent consent = shown.consent();
            DashboardView.Term term = DashboardView.renewalTerms(consent, months, now).stream()
                    .filter(t -> t.value().equals(months)).findFirst().orElse(null);
            if (consent.status != SharingStatus.AUTHORISED) {
                return Uni.createFrom().item(Screens.seeOther(DashboardPaths.consent(consent.id)));
            }
            if (term == null) {
                return renewScreen(viewer, shown, 400, months, "Escolha um dos prazos da lista.");
            }
            Instant until = DashboardView.renewedUntil(Integer.parseInt(term.value()), now);
            return journey.extend(consent.id, until, "USER", customerIp(request), userAgent(request), null, null)
                    .map(renewed -> Screens.seeOther(DashboardPaths.consent(consent.id) + "?done=renewed"))
                    .onFailure(ApiException.class).recoverWithUni(e -> renewalRefused(viewer, consent, (ApiException) e));
        });
    }

    private Uni<Response> renewScreen(Viewer viewer, UserConsents.Shown shown, int status, String chosen, String error) {
        SharingConsent consent = shown.consent();
        List<DashboardView.Term> terms = DashboardView.renewalTerms(consent, chosen, EventTime.now());
        if (consent.status != SharingStatus.AUTHORISED || terms.isEmpty()) {
            return Uni.createFrom().item(Screens.seeOther(DashboardPaths.consent(consent.id)));
        }
        Page page = Page.of(viewer.settings());
        Details details = details(viewer, shown);
        return render(status, page, Templates.renew(page, viewer.csrf(), details, terms, error), List.of(details.card()));
    }

    /** The institution would not renew: nothing changed, and the user learns why and what to do. */
    private Uni<Response> renewalRefused(Viewer viewer, SharingConsent consent, ApiException e) {
        String code = e.errors().isEmpty() ? null : e.errors().get(0).code();
        String brand = viewer.settings().brandName;
        String validity = Words.validity(consent.expirationDateTime).toLowerCase(Words.PT_BR);
        if (e.status() >= 500) {
            return institutionFailed(viewer, consent, e, "O compartilhamento continua como estava, válido " + validity + ".");
        }
        String why = "DEPENDE_MULTIPLA_ALCADA".equals(code)
                ? "Este compartilhamento depende da aprovação de mais de uma pessoa na instituição (por exemplo, outros "
                + "titulares da conta ou representantes da empresa). Nesses casos a instituição não permite a renovação "
                + "simplificada: é preciso uma nova autorização na instituição."
                : "A instituição não aceitou renovar este compartilhamento sem uma nova autorização na instituição.";
        Page page = Page.of(viewer.settings());
        return render(422, page, Templates.problem(page, "É preciso uma nova autorização na instituição", why
                + " Nada mudou: o compartilhamento continua válido " + validity + ". Para continuar compartilhando depois "
                + "disso, faça um novo compartilhamento a partir de " + brand + ".", code,
                DashboardPaths.consent(consent.id), "Voltar ao compartilhamento"));
    }

    /** The institution could not be reached, or answered the revocation or cancellation with an error. */
    private Uni<Response> institutionFailed(Viewer viewer, SharingConsent consent, ApiException e, String nothingChanged) {
        String code = e.errors().isEmpty() ? null : e.errors().get(0).code();
        Page page = Page.of(viewer.settings());
        if (e.status() < 500) {
            return render(e.status(), page, Templates.problem(page, "Não foi possível concluir",
                    "A instituição não aceitou o pedido. " + nothingChanged, code, DashboardPaths.consent(consent.id),
                    "Voltar ao compartilhamento"));
        }
        return render(e.status(), page, Templates.problem(page, "Não conseguimos falar com a instituição",
                "A instituição não respondeu agora. " + nothingChanged, code, DashboardPaths.consent(consent.id),
                "Voltar ao compartilhamento"));
    }

    private Details details(Viewer viewer, UserConsents.Shown shown) {
        Instant now = EventTime.now();
        String brand = viewer.settings().brandName;
        Card card = DashboardView.card(shown.consent(), shown.institution(), shown.resources(), brand,
                sharing.expiringLeadTime(), now);
        return DashboardView.details(card, shown.consent(), shown.resources(), shown.extensions(), brand, now);
    }

    /** Runs {@code screen} for the consent {@code id} when it is the viewer's; the 404 page otherwise. */
    private Uni<Response> owned(String cookie, String id, BiFunction<Viewer, UserConsents.Shown, Uni<Response>> screen) {
        return viewer(cookie, viewer -> ownedBy(viewer, id, screen));
    }

    /** As {@link #owned}, for a form: 403 without the session's CSRF token. */
    private Uni<Response> posted(String cookie, String csrf, String id,
                                 BiFunction<Viewer, UserConsents.Shown, Uni<Response>> action) {
        return viewer(cookie, viewer -> {
            if (!keys.validCsrf(viewer.session().tokenHash, csrf)) {
                Page page = Page.of(viewer.settings());
                return render(403, page, Templates.problem(page, "Não foi possível confirmar o pedido",
                        "Por segurança, este pedido não foi aceito. Volte à lista e tente de novo.", null, DashboardPaths.ROOT,
                        "Voltar para Meus compartilhamentos"));
            }
            return ownedBy(viewer, id, action);
        });
    }

    private Uni<Response> ownedBy(Viewer viewer, String id,
                                  BiFunction<Viewer, UserConsents.Shown, Uni<Response>> screen) {
        UUID consentId;
        try {
            consentId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return notFound(viewer);
        }
        return consents.one(viewer.session(), consentId).chain(shown -> shown == null ? notFound(viewer)
                : screen.apply(viewer, shown));
    }

    /** Runs {@code screen} for the cookie's open session; the page to ask for a new link otherwise. */
    private Uni<Response> viewer(String cookie, Function<Viewer, Uni<Response>> screen) {
        Instant now = EventTime.now();
        return links.session(cookie).chain(session -> {
            if (session == null) {
                Page page = Page.of(WhitelabelSettings.defaults(null));
                return render(401, page, Templates.problem(page, "Sua sessão terminou", "Abra de novo \"Meus "
                        + "compartilhamentos\" no aplicativo ou site onde você estava.", null, null, null));
            }
            return settings(session.partnerId).chain(settings -> {
                if (!session.openAt(now)) {
                    Page page = Page.of(settings);
                    return render(401, page, Templates.problem(page, "Sua sessão terminou",
                            page.brand().texts().dashboard().newLinkMessage(), null, null, null));
                }
                Viewer viewer = new Viewer(session, settings, keys.csrf(session.tokenHash));
                return screen.apply(viewer).onFailure().recoverWithUni(e -> failed(viewer, e));
            });
        });
    }

    private Uni<Response> linkGone(DashboardLink link, String title) {
        return settings(link.partnerId).chain(settings -> {
            Page page = Page.of(settings);
            return render(410, page, Templates.problem(page, title, "Por segurança, cada link abre Meus compartilhamentos "
                    + "uma vez, por pouco tempo. " + page.brand().texts().dashboard().newLinkMessage(), null, null, null));
        });
    }

    private Uni<Response> notFound(Viewer viewer) {
        Page page = Page.of(viewer.settings());
        return render(404, page, Templates.problem(page, "Compartilhamento não encontrado",
                "Este compartilhamento não está entre os seus.", null, DashboardPaths.ROOT, "Voltar para Meus compartilhamentos"));
    }

    private Uni<Response> failed(Viewer viewer, Throwable failure) {
        LOG.errorf(failure, "A dashboard screen of partner %s failed", viewer.session().partnerId);
        Page page = Page.of(viewer.settings());
        return render(503, page, Templates.problem(page, "Algo deu errado do nosso lado",
                "Não foi possível continuar agora. Tente de novo em instantes.", null, DashboardPaths.ROOT,
                "Voltar para Meus compartilhamentos"));
    }

    private NewCookie cookie(String token) {
        return new NewCookie.Builder(COOKIE).value(token).path(DashboardPaths.ROOT).httpOnly(true)
                .secure(config.publicUrl().startsWith("https:")).sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) sharing.dashboardSessionLifetime().toSeconds()).build();
    }

    private static Uni<WhitelabelSettings> settings(String partnerId) {
        return Panache.withSession(() -> WhitelabelSettings.forPartner(partnerId));
    }

    private static List<Card> section(List<Card> cards, Section section) {
        return cards.stream().filter(c -> c.section().equals(section.name().toLowerCase())).toList();
    }

    /** The user's address as the institution wants it: the first hop of X-Forwarded-For, else the peer's. */
    static String customerIp(HttpServerRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].strip();
        }
        return request.remoteAddress() == null ? "0.0.0.0" : request.remoteAddress().hostAddress();
    }

    static String userAgent(HttpServerRequest request) {
        String agent = request.getHeader("User-Agent");
        if (agent == null || agent.isBlank()) {
            return "desconhecido";
        }
        return agent.length() > USER_AGENT_MAX ? agent.substring(0, USER_AGENT_MAX) : agent;
    }

    /** The dashboard's forms post here only; nothing leaves for another site. */
    private static Uni<Response> render(int status, Page page, TemplateInstance template) {
        return render(status, page, template, List.of());
    }

    private static Uni<Response> render(int status, Page page, TemplateInstance template, List<Card> shown) {
        return Screens.render(status, page, template, shown.stream().map(c -> c.institution().logoUri()).toList(), List.of());
    }
}
