package br.com.ponte.consent.whitelabel;

import br.com.ponte.consent.sharing.PermissionGroup;
import br.com.ponte.consent.sharing.RequestedGroup;
import br.com.ponte.consent.sharing.ResourceStatus;
import br.com.ponte.consent.sharing.SessionStatus;
import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.consent.sharing.SharingConsents;
import br.com.ponte.consent.sharing.SharingInstitutions;
import br.com.ponte.consent.sharing.SharingJourney;
import br.com.ponte.consent.sharing.SharingResource;
import br.com.ponte.consent.sharing.SharingSession;
import br.com.ponte.consent.sharing.SharingStatus;
import br.com.ponte.consent.whitelabel.Screens.Page;
import br.com.ponte.consent.whitelabel.SharingView.Institution;
import br.com.ponte.events.EventTime;
import br.com.ponte.kit.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The screens of a consent-management session, in the partner's whitelabel, as Open Finance's
 * experience guide lays the journey out: the consent screen (who asks, who shares, the purpose, the
 * data by category with the mandatory groups justified and the optional ones removable, the term),
 * the institution choice, the screen that takes the user to the institution without another click,
 * and the result for each institution, from which the user adds another institution or finishes and
 * goes back to the partner. The session's random id in the URL is the user's only credential. A
 * closed session (finished, or its time up) answers 410 on every screen, an unknown one 404.
 */
@Path("/whitelabel/sharing/{sessionId}")
@Tag(name = "Whitelabel screens (users' browsers)")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SharingScreens {

    private static final Logger LOG = Logger.getLogger(SharingScreens.class);

    @CheckedTemplate(basePath = "whitelabel/sharing")
    static class Templates {
        static native TemplateInstance consent(Page page, String path, SharingView.ConsentForm form);

        static native TemplateInstance institutions(Page page, String path, List<Institution> institutions);

        static native TemplateInstance redirect(Page page, Institution institution, String url);

        static native TemplateInstance result(Page page, String path, SharingView.Outcome outcome);

        static native TemplateInstance problem(Page page, String title, String message, String code,
                                               String chooseAgainPath, String returnUrl);
    }

    /** A session with what its screens need: its partner's whitelabel and the consents made in it so far. */
    record Visit(SharingSession session, WhitelabelSettings settings, List<SharingConsent> consents) {

        String path() {
            return "/whitelabel/sharing/" + session.id;
        }

        Optional<SharingConsent> consent(String id) {
            return consents.stream().filter(c -> c.id.toString().equals(id)).findFirst();
        }
    }

    private final SharingConsents consents;
    private final SharingJourney journey;
    private final SharingInstitutions institutions;

    public SharingScreens(SharingConsents consents, SharingJourney journey, SharingInstitutions institutions) {
        this.consents = consents;
        this.journey = journey;
        this.institutions = institutions;
    }

    @GET
    @Operation(summary = "The consent screen",
            description = "The session's url: who asks and who shares, the purpose, the data by category (mandatory groups "
                    + "justified, optional ones removable), the term (the partner's, pre-selected, and others).")
    public Uni<Response> consent(@PathParam("sessionId") String sessionId) {
        return open(sessionId, visit -> {
            SharingSession session = visit.session();
            Set<PermissionGroup> checked = new LinkedHashSet<>(session.dataConfirmed() ? session.chosen()
                    : session.requested().stream().map(RequestedGroup::group).toList());
            return consentScreen(visit, 200, checked, SharingView.chosenTerm(session), null);
        });
    }

    @POST
    @Path("/data")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Confirm the data and the term",
            description = "Form fields: group (repeated: the mandatory groups and the optional ones kept), duration (months, or "
                    + "indefinite when the partner asked for it). 303 to the institution choice; the consent screen again "
                    + "with the problem (400) for a mandatory group removed, a group not asked for, none, or a term not offered.")
    public Uni<Response> confirm(@PathParam("sessionId") String sessionId, @FormParam("group") List<String> groups,
                                 @FormParam("duration") String duration) {
        return open(sessionId, visit -> {
            SharingSession session = visit.session();
            List<RequestedGroup> requested = session.requested();
            List<String> sent = groups == null ? List.of() : groups.stream().distinct().toList();
            List<PermissionGroup> chosen = requested.stream().map(RequestedGroup::group)
                    .filter(g -> sent.contains(g.name())).toList();
            List<String> mandatoryLeftOut = requested.stream().filter(RequestedGroup::mandatory)
                    .filter(r -> !chosen.contains(r.group())).map(r -> r.group().label()).toList();
            Optional<SharingView.Chosen> term = SharingView.term(duration, session.durationMonths);
            String error = null;
            if (chosen.size() != sent.size()) {
                error = "Um dos dados enviados não faz parte deste pedido. Confira a lista e continue.";
            } else if (!mandatoryLeftOut.isEmpty()) {
                error = "Os dados obrigatórios não podem ser retirados: " + String.join(", ", mandatoryLeftOut) + ".";
            } else if (chosen.isEmpty()) {
                error = "Escolha pelo menos um dos dados para compartilhar.";
            } else if (term.isEmpty()) {
                error = "Escolha por quanto tempo compartilhar os dados.";
            }
            if (error != null) {
                return consentScreen(visit, 400, chosen, duration, error);
            }
            Integer months = term.get().months();
            return consents.changeSession(session.id, locked -> {
                        locked.confirm(chosen, months);
                        return Uni.createFrom().item(locked);
                    })
                    .map(confirmed -> Screens.seeOther(visit.path() + "/institutions"))
                    .onFailure(IllegalStateException.class).recoverWithUni(e -> closed(visit));
        });
    }

    @GET
    @Path("/institutions")
    @Operation(summary = "Choose the institution",
            description = "The directory's institutions that serve the mandatory groups and at least one group confirmed "
                    + "(limited to the session's institutions when the partner named some); those the user authorised in "
                    + "this session are shown as done. Before the data is confirmed, 303 to the consent screen.")
    public Uni<Response> institutions(@PathParam("sessionId") String sessionId) {
        return open(sessionId, visit -> {
            if (!visit.session().dataConfirmed()) {
                return Uni.createFrom().item(Screens.seeOther(visit.path()));
            }
            return choices(visit).chain(choices -> {
                Page page = Page.of(visit.settings());
                return render(200, page, Templates.institutions(page, visit.path(), choices), logos(choices), visit);
            });
        });
    }

    @POST
    @Path("/institution")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Go to the institution",
            description = "Form field bank (an institution offered). Creates the sharing consent at the institution and "
                    + "answers 200 with the screen that takes the user there by itself (meta refresh, and a link). The "
                    + "institution's refusal (422) or failure (502/504) shows a page offering another choice.")
    public Uni<Response> toInstitution(@PathParam("sessionId") String sessionId, @FormParam("bank") String bank) {
        return open(sessionId, visit -> {
            if (!visit.session().dataConfirmed()) {
                return Uni.createFrom().item(Screens.seeOther(visit.path()));
            }
            return choices(visit).chain(choices -> {
                Institution chosen = choices.stream().filter(i -> i.id().equals(bank)).findFirst().orElse(null);
                if (chosen == null) {
                    return problem(visit, 400, "Instituição não encontrada", "Esta instituição não está na lista das que "
                            + "compartilham os dados pedidos. Escolha uma instituição da lista.", null);
                }
                if (chosen.done()) {
                    return Uni.createFrom().item(Screens.seeOther(resultPath(visit, chosen.consentId())));
                }
                return journey.toInstitution(visit.session().id, chosen.id())
                        .chain(consent -> {
                            if (consent.status == SharingStatus.AUTHORISED) {
                                return Uni.createFrom().item(Screens.seeOther(resultPath(visit, consent.id.toString())));
                            }
                            Page page = Page.of(visit.settings());
                            return render(200, page, Templates.redirect(page, chosen, consent.authorisationUrl),
                                    logos(List.of(chosen)), visit);
                        })
                        .onFailure().recoverWithUni(e -> institutionProblem(visit, chosen, e));
            });
        });
    }

    @GET
    @Path("/result")
    @Operation(summary = "The result at one institution",
            description = "Where the institution sends the user back (consent = the sharing consent's id): authorised (what "
                    + "is shared, until when), waiting for other approvers (until when) or not authorised (why), where to "
                    + "manage the sharing, and the buttons to add another institution or finish. 404 for a consent not of "
                    + "this session.")
    public Uni<Response> result(@PathParam("sessionId") String sessionId, @QueryParam("consent") String consentId) {
        return open(sessionId, visit -> {
            SharingConsent consent = consentId == null ? null : visit.consent(consentId).orElse(null);
            if (consent == null) {
                Page page = Page.of(visit.settings());
                return render(404, page, Templates.problem(page, "Compartilhamento não encontrado",
                        "Este resultado não é desta sessão. Volte à lista de instituições.", null,
                        visit.path() + "/institutions", null), List.of(), visit);
            }
            return institutions.find(consent.transmitter)
                    .chain(server -> Panache.withSession(() -> SharingResource.ofConsent(consent.id)).map(resources ->
                            outcome(visit, consent, server.map(s -> SharingView.institution(s, null))
                                    .orElse(SharingView.unlisted(consent.transmitter)), resources)))
                    .chain(outcome -> {
                        Page page = Page.of(visit.settings());
                        return render(200, page, Templates.result(page, visit.path(), outcome),
                                logos(List.of(outcome.institution())), visit);
                    });
        });
    }

    @POST
    @Path("/finish")
    @Operation(summary = "Finish and go back to the partner",
            description = "Ends the session (FINISHED, sharing:session:finished with the consents made in it) and answers 303 "
                    + "to the partner's redirectUri with sessionId and status. A finished session is sent back again; one "
                    + "whose time is up gets the 410 page.")
    public Uni<Response> finish(@PathParam("sessionId") String sessionId) {
        return visit(sessionId, visit -> {
            SharingSession session = visit.session();
            if (session.status == SessionStatus.FINISHED) {
                return Uni.createFrom().item(Screens.seeOther(returnUrl(session, SessionStatus.FINISHED)));
            }
            if (!session.isOpen(EventTime.now())) {
                return closed(visit);
            }
            return consents.endSession(session.id, true)
                    .map(ended -> Screens.seeOther(returnUrl(ended, ended.status)));
        });
    }

    /** Runs {@code screen} for an open session; a closed one gets the 410 page. */
    private Uni<Response> open(String sessionId, Function<Visit, Uni<Response>> screen) {
        Instant now = EventTime.now();
        return visit(sessionId, visit -> visit.session().isOpen(now) ? screen.apply(visit) : closed(visit));
    }

    /** Runs {@code screen} for a known session, in its partner's brand; an unknown one gets the 404 page. */
    private Uni<Response> visit(String sessionId, Function<Visit, Uni<Response>> screen) {
        UUID id;
        try {
            id = UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            return unknownSession();
        }
        return Panache.withSession(() -> SharingSession.<SharingSession>findById(id).chain(session -> session == null
                        ? Uni.createFrom().<Visit>nullItem()
                        : SharingConsent.ofSession(id).chain(made -> WhitelabelSettings.forPartner(session.partnerId)
                        .map(settings -> new Visit(session, settings, made)))))
                .chain(visit -> visit == null ? unknownSession()
                        : screen.apply(visit).onFailure().recoverWithUni(e -> failed(visit, e)));
    }

    private Uni<Response> consentScreen(Visit visit, int status, java.util.Collection<PermissionGroup> checked, String term,
                                        String error) {
        Page page = Page.of(visit.settings());
        SharingView.ConsentForm form = SharingView.form(visit.session(), page.brand().brandName(), checked, term, error,
                EventTime.now());
        return render(status, page, Templates.consent(page, visit.path(), form), List.of(), visit);
    }

    /**
     * The institutions to offer: the directory's that serve every mandatory group and at least one of
     * the groups the user kept, among the partner's list when it gave one; those the user authorised in
     * this session marked done.
     */
    private Uni<List<Institution>> choices(Visit visit) {
        SharingSession session = visit.session();
        List<PermissionGroup> chosen = session.chosen();
        List<PermissionGroup> mandatory = session.requested().stream().filter(RequestedGroup::mandatory)
                .map(RequestedGroup::group).toList();
        return institutions.serving(mandatory, session.institutionList()).map(servers -> servers.stream()
                .filter(server -> chosen.stream().anyMatch(g -> SharingInstitutions.serves(server, List.of(g))))
                .map(server -> SharingView.institution(server, visit.consents().stream()
                        .filter(c -> c.transmitter.equals(server.authorisationServerId()) && c.status == SharingStatus.AUTHORISED)
                        .findFirst().orElse(null)))
                .toList());
    }

    private static SharingView.Outcome outcome(Visit visit, SharingConsent consent, Institution institution,
                                               List<SharingResource> resources) {
        SharingTexts texts = visit.settings().effectiveTexts().sharing();
        List<SharingView.Category> groups = SharingView.shared(consent.groupList());
        String validity = Words.validity(consent.expirationDateTime);
        return switch (consent.status) {
            case AUTHORISED -> {
                Instant deadline = resources.stream().filter(r -> r.status == ResourceStatus.PENDING_AUTHORISATION)
                        .map(r -> r.approvalDeadline).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
                boolean pending = resources.stream().anyMatch(r -> r.status == ResourceStatus.PENDING_AUTHORISATION);
                yield pending
                        ? new SharingView.Outcome("pending", texts.pendingTitle(), texts.pendingMessage(), institution, groups,
                        validity, resources.size(), Words.dateTime(deadline), null)
                        : new SharingView.Outcome("approved", texts.approvedTitle(), texts.approvedMessage(), institution, groups,
                        validity, resources.isEmpty() ? null : resources.size(), null, null);
            }
            case AWAITING_AUTHORISATION -> new SharingView.Outcome("waiting", "Aguardando a instituição",
                    "A instituição ainda não confirmou o compartilhamento. Se você não terminou lá, escolha a instituição "
                            + "de novo.", institution, groups, validity, null, null, null);
            case REJECTED -> new SharingView.Outcome("rejected", texts.rejectedTitle(), texts.rejectedMessage(), institution,
                    groups, validity, null, null, Words.reason(consent.rejectionReasonCode));
        };
    }

    /** A friendly page for the institution's refusal or failure, with a way to choose another. */
    private Uni<Response> institutionProblem(Visit visit, Institution institution, Throwable failure) {
        if (!(failure instanceof ApiException api)) {
            return failed(visit, failure);
        }
        String code = api.errors().isEmpty() ? null : api.errors().get(0).code();
        if (api.status() == 410) {
            return closed(visit);
        }
        if ("DADOS_NAO_CONFIRMADOS".equals(code)) {
            return Uni.createFrom().item(Screens.seeOther(visit.path()));
        }
        if (api.status() >= 500) {
            return problem(visit, api.status(), "Não conseguimos falar com a instituição", institution.name()
                    + " não respondeu agora. Nenhum dado foi compartilhado. Tente de novo em instantes ou escolha outra "
                    + "instituição.", code);
        }
        if ("CREDENCIAIS_AUSENTES".equals(code) || "PARAMETRO_INVALIDO".equals(code)) {
            return problem(visit, api.status(), "Instituição indisponível", "Não é possível compartilhar dados de "
                    + institution.name() + " agora. Escolha outra instituição.", code);
        }
        return problem(visit, api.status(), "A instituição recusou o pedido", institution.name() + " não aceitou este "
                + "pedido de compartilhamento, e nenhum dado foi compartilhado. Você pode escolher outra instituição.", code);
    }

    private Uni<Response> problem(Visit visit, int status, String title, String message, String code) {
        Page page = Page.of(visit.settings());
        return render(status, page, Templates.problem(page, title, message, code, visit.path() + "/institutions",
                null), List.of(), visit);
    }

    /** The session ended: finished by the user, or its time is up. */
    private Uni<Response> closed(Visit visit) {
        SharingSession session = visit.session();
        boolean finished = session.status == SessionStatus.FINISHED;
        Page page = Page.of(visit.settings());
        return render(410, page, Templates.problem(page, finished ? "Este compartilhamento já foi concluído"
                        : "O tempo para compartilhar acabou",
                finished ? "Esta sessão foi encerrada. Para compartilhar mais dados, comece de novo em "
                        + page.brand().brandName() + "."
                        : "Esta sessão expirou. Volte para " + page.brand().brandName() + " e comece de novo.",
                null, null, returnUrl(session, finished ? SessionStatus.FINISHED : SessionStatus.EXPIRED)), List.of(), visit);
    }

    private Uni<Response> unknownSession() {
        Page page = Page.of(WhitelabelSettings.defaults(null));
        return Screens.render(404, page, Templates.problem(page, "Compartilhamento não encontrado",
                "Este link de compartilhamento não existe. Volte ao aplicativo ou site onde você começou e tente de novo.",
                null, null, null), List.of(), List.of());
    }

    private Uni<Response> failed(Visit visit, Throwable failure) {
        LOG.errorf(failure, "A screen of sharing session %s failed", visit.session().id);
        return problem(visit, 503, "Algo deu errado do nosso lado",
                "Não foi possível continuar agora. Tente de novo em instantes.", null);
    }

    private static String resultPath(Visit visit, String consentId) {
        return visit.path() + "/result?consent=" + consentId;
    }

    /** The partner's redirectUri, with the session and how it ended. */
    static String returnUrl(SharingSession session, SessionStatus status) {
        return UriBuilder.fromUri(session.redirectUri).queryParam("sessionId", session.id)
                .queryParam("status", status.name()).build().toString();
    }

    private static List<String> logos(List<Institution> institutions) {
        List<String> logos = new ArrayList<>();
        institutions.forEach(i -> logos.add(i.logoUri()));
        return logos;
    }

    /** Forms lead here, and "Concluir" on to the partner's redirectUri. */
    private static Uni<Response> render(int status, Page page, TemplateInstance template, List<String> images, Visit visit) {
        return Screens.render(status, page, template, images, List.of(Screens.origin(visit.session().redirectUri)));
    }
}
