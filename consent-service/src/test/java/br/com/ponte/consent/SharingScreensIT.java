package br.com.ponte.consent;

import br.com.ponte.consent.SharingFixtures.Partner;
import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.consent.sharing.SharingConsents;
import br.com.ponte.consent.sharing.SharingJourney;
import br.com.ponte.consent.sharing.SharingResource;
import br.com.ponte.consent.whitelabel.Branding;
import br.com.ponte.consent.whitelabel.Words;
import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.data.SharingSessionFinished;
import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.infra.TopicProbe;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static br.com.ponte.consent.SharingFixtures.CNPJ;
import static br.com.ponte.consent.SharingFixtures.CPF;
import static br.com.ponte.consent.SharingFixtures.RETURN;
import static br.com.ponte.consent.SharingFixtures.await;
import static br.com.ponte.consent.SharingFixtures.choose;
import static br.com.ponte.consent.SharingFixtures.confirm;
import static br.com.ponte.consent.SharingFixtures.open;
import static br.com.ponte.consent.SharingFixtures.resource;
import static br.com.ponte.consent.SharingFixtures.sessionId;
import static br.com.ponte.consent.SharingFixtures.sessionRequest;
import static br.com.ponte.consent.SharingFixtures.start;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * The data-sharing journey's screens in this module, with {@link ModuleTestDirectory} as the
 * directory and {@link ModuleTestSharingBank} as the institutions: each screen in the partner's
 * brand, the data confirmed, the institutions offered, the consent made on the way to the
 * institution and the screen that takes the user there, the institution's refusal, the result of an
 * authorised, pending and rejected sharing, finishing back to the partner, and the pages for
 * unknown and closed sessions.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "consent"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class SharingScreensIT {

    static final Map<String, Object> BRAND = Map.of("brandName", "Loja <Verde>", "primaryColor", "#cfe8e6",
            "accentColor", "#0f766e", "logoUrl", "https://loja.example/logo.svg",
            "texts", Map.of("sharing", Map.of("consentTitle", "Compartilhe com a Loja Verde",
                    "approvedTitle", "Tudo certo com a Loja Verde!", "finishButton", "Voltar para a Loja Verde")));

    @Inject
    SharingJourney journey;

    @Inject
    SharingConsents consents;

    @Inject
    ModuleTestSharingBank bank;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    SharingFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new SharingFixtures(journey, consents, bank);
    }

    /** A session of a branded partner asking for statements (mandatory), card bills and balances, 6 months. */
    static String session(Partner partner) {
        return start(partner, sessionRequest(CPF, null, 6, "ACCOUNTS_TRANSACTIONS!", "CREDIT_CARDS_BILLS", "ACCOUNTS_BALANCES"));
    }

    @Test
    void theConsentScreenShowsWhoAsksWhoSharesWhyAndTheDataByCategoryInThePartnersBrand() {
        Partner partner = Partner.with(BRAND);
        String screens = session(partner);

        ExtractableResponse<Response> consent = open(screens);
        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.contentType()).startsWith("text/html");
        String page = consent.body().asString();
        assertThat(page).contains("<html lang=\"pt-BR\">", "name=\"viewport\"", "Loja &lt;Verde&gt;",
                "src=\"https://loja.example/logo.svg\"", "--primary: #cfe8e6", "--on-primary: #000000",
                "--primary-cue: " + Branding.cueOf("#cfe8e6"), "Compartilhe com a Loja Verde",
                "<li aria-current=\"step\">Dados</li>",
                // who asks, who shares (the CPF masked), what for
                "<dd id=\"who-asks\">Loja &lt;Verde&gt;</dd>", "<dd id=\"who-shares\">CPF <span class=\"nowrap\">***.092.776-**</span></dd>",
                "Análise de crédito para oferecer um empréstimo com juros menores",
                // the data by category: statements mandatory and justified, the others removable and kept by default
                "<legend>Contas</legend>", "<legend>Cartão de crédito</legend>",
                "<input type=\"hidden\" name=\"group\" value=\"ACCOUNTS_TRANSACTIONS\">", "Obrigatório",
                "Por que é necessário:</span> Para calcular a sua renda",
                "<input type=\"checkbox\" id=\"check-CREDIT_CARDS_BILLS\" name=\"group\" value=\"CREDIT_CARDS_BILLS\" checked>",
                "<input type=\"checkbox\" id=\"check-ACCOUNTS_BALANCES\" name=\"group\" value=\"ACCOUNTS_BALANCES\" checked>",
                "<details class=\"group-items\">", "Transações dos últimos 12 meses", "Faturas dos últimos 12 meses",
                // the partner's term pre-selected, with others
                "id=\"duration-6\" name=\"duration\" value=\"6\" checked", "id=\"duration-3\" name=\"duration\" value=\"3\">",
                "id=\"duration-12\" name=\"duration\" value=\"12\">",
                "action=\"" + screens + "/data\"", "id=\"continue\" type=\"submit\">Continuar</button>");
        assertThat(page.indexOf("<legend>Contas</legend>")).as("categories in Open Finance's order")
                .isLessThan(page.indexOf("<legend>Cartão de crédito</legend>"));
        assertThat(page).as("no term without end unless the partner asked; no opt-in box for terms")
                .doesNotContain("duration-indefinite", "check-ACCOUNTS_TRANSACTIONS", "termos");
        assertThat(page).doesNotContain("Empresa");

        String policy = consent.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "img-src 'self' https://loja.example",
                "form-action 'self' https://partner.example", "frame-ancestors 'none'");
        assertThat(page).contains("<style nonce=\"" + policy.replaceAll(".*'nonce-([^']+)'.*", "$1") + "\">");
        assertThat(consent.header("Cache-Control")).isEqualTo("no-store");
        assertThat(consent.header("Referrer-Policy")).isEqualTo("no-referrer");

        // a company's data: its CNPJ, punctuated; an indefinite sharing offers no end as the suggestion
        String company = start(partner, sessionRequest(CPF, CNPJ, null, "ACCOUNTS_BALANCES!"));
        assertThat(open(company).body().asString()).contains("<dd id=\"who-company\">CNPJ <span class=\"nowrap\">11.222.333/0001-81</span></dd>",
                "id=\"duration-indefinite\" name=\"duration\" value=\"indefinite\" checked", "Prazo indeterminado",
                "id=\"duration-12\" name=\"duration\" value=\"12\">");
    }

    @Test
    void theUserKeepsTheMandatoryDataRemovesOptionalDataAndChoosesTheTerm() {
        Partner partner = Partner.with(BRAND);
        String screens = session(partner);

        ExtractableResponse<Response> removedMandatory = confirm(screens, "6", "CREDIT_CARDS_BILLS");
        assertThat(removedMandatory.statusCode()).isEqualTo(400);
        assertThat(removedMandatory.body().asString()).contains("id=\"form-error\"",
                "Os dados obrigatórios não podem ser retirados: Extratos.",
                "value=\"CREDIT_CARDS_BILLS\" checked>", "value=\"ACCOUNTS_BALANCES\">", "Loja &lt;Verde&gt;");
        assertThat(confirm(screens, "6", "ACCOUNTS_TRANSACTIONS", "LOANS").statusCode()).isEqualTo(400);
        assertThat(confirm(screens, "6", "ACCOUNTS_TRANSACTIONS", "CREDIT_OPERATIONS").body().asString())
                .contains("Um dos dados enviados não faz parte deste pedido.");
        assertThat(confirm(screens, "indefinite", "ACCOUNTS_TRANSACTIONS").body().asString())
                .as("no term without end when the partner gave one").contains("Escolha por quanto tempo compartilhar os dados.");
        assertThat(confirm(screens, "24", "ACCOUNTS_TRANSACTIONS").statusCode()).isEqualTo(400);
        given().auth().oauth2(partner.token()).get("/v1/sharing-sessions/" + sessionId(screens)).then()
                .body("chosenGroups", equalTo(null));

        ExtractableResponse<Response> confirmed = confirm(screens, "12", "ACCOUNTS_TRANSACTIONS", "CREDIT_CARDS_BILLS");
        assertThat(confirmed.statusCode()).isEqualTo(303);
        assertThat(confirmed.header("Location")).endsWith(screens + "/institutions");
        given().auth().oauth2(partner.token()).get("/v1/sharing-sessions/" + sessionId(screens)).then()
                .body("chosenGroups", contains("ACCOUNTS_TRANSACTIONS", "CREDIT_CARDS_BILLS"));

        // back on the consent screen, the user's choice is what is shown
        assertThat(open(screens).body().asString()).contains("value=\"ACCOUNTS_BALANCES\">", "value=\"CREDIT_CARDS_BILLS\" checked>",
                "id=\"duration-12\" name=\"duration\" value=\"12\" checked");
    }

    @Test
    void theInstitutionsAreThoseServingTheDataAndChoosingOneMakesTheConsentAndGoesThereWithoutAClick() {
        Partner partner = Partner.with(BRAND);
        String screens = session(partner);
        assertThat(open(screens + "/institutions").header("Location")).as("the data comes first").endsWith(screens);
        confirm(screens, "12", "ACCOUNTS_TRANSACTIONS", "CREDIT_CARDS_BILLS");

        ExtractableResponse<Response> choice = open(screens + "/institutions");
        assertThat(choice.statusCode()).isEqualTo(200);
        String page = choice.body().asString();
        assertThat(page).contains("Loja &lt;Verde&gt;", "<li aria-current=\"step\">Instituição</li>",
                "name=\"bank\" value=\"" + ModuleTestDirectory.PAYMENT_BANK + "\"", ModuleTestDirectory.PAYMENT_BANK_NAME,
                "src=\"https://bank.test/logo.svg\"", ModuleTestDirectory.ACCOUNTS_ONLY_BANK_NAME,
                "action=\"" + screens + "/institution\"");
        assertThat(page).as("no consents API").doesNotContain("Banco Só Dados");
        assertThat(choice.header("Content-Security-Policy")).contains("img-src 'self' https://bank.test https://loja.example");

        // a mandatory group only some institutions serve narrows the list, and so does the partner's list
        String cards = start(partner, sessionRequest(CPF, null, 6, "CREDIT_CARDS_BILLS!", "ACCOUNTS_BALANCES"));
        confirm(cards, "6", "CREDIT_CARDS_BILLS", "ACCOUNTS_BALANCES");
        assertThat(open(cards + "/institutions").body().asString()).contains(ModuleTestDirectory.PAYMENT_BANK_NAME)
                .doesNotContain(ModuleTestDirectory.ACCOUNTS_ONLY_BANK_NAME);
        var limited = sessionRequest(CPF, null, 6, "ACCOUNTS_BALANCES!");
        limited.put("institutions", List.of(ModuleTestDirectory.ACCOUNTS_ONLY_BANK));
        String onlyOne = start(partner, limited);
        confirm(onlyOne, "6", "ACCOUNTS_BALANCES");
        assertThat(open(onlyOne + "/institutions").body().asString()).contains(ModuleTestDirectory.ACCOUNTS_ONLY_BANK_NAME)
                .doesNotContain(ModuleTestDirectory.PAYMENT_BANK_NAME);
        assertThat(choose(onlyOne, ModuleTestDirectory.PAYMENT_BANK).statusCode()).as("not offered").isEqualTo(400);

        ExtractableResponse<Response> going = choose(screens, ModuleTestDirectory.PAYMENT_BANK);
        assertThat(going.statusCode()).isEqualTo(200);
        String redirect = going.body().asString();
        String consentId = given().auth().oauth2(partner.token()).get("/v1/sharing-sessions/" + sessionId(screens)).then()
                .body("consents[0].transmitter", equalTo(ModuleTestDirectory.PAYMENT_BANK))
                .body("consents[0].status", equalTo("AWAITING_AUTHORISATION"))
                .extract().path("consents[0].id");
        String authorisationUrl = given().auth().oauth2(partner.token()).get("/v1/sharing-consents/" + consentId).then()
                .statusCode(200)
                .body("groups", contains("ACCOUNTS_TRANSACTIONS", "CREDIT_CARDS_BILLS"))
                .body("durationMonths", equalTo(12))
                .body("loggedUserDocument", equalTo(CPF))
                .extract().path("authorisationUrl");
        assertThat(authorisationUrl).startsWith("https://bank.test/authorize?client_id=module-test&request_uri=urn:sharingtest:");
        String escaped = authorisationUrl.replace("&", "&amp;");
        assertThat(redirect).as("no click needed, a link in case").contains(
                "<meta http-equiv=\"refresh\" content=\"0;url=" + escaped + "\">",
                "id=\"go-to-institution\" href=\"" + escaped + "\"", "Você está indo para <strong id=\"redirect-institution\">"
                        + ModuleTestDirectory.PAYMENT_BANK_NAME + "</strong>", "Loja &lt;Verde&gt;",
                "<li aria-current=\"step\">Confirmação</li>");
        assertThat(going.header("Content-Security-Policy")).contains("default-src 'none'", "img-src 'self' https://bank.test");
        assertThat(going.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void theInstitutionsRefusalOrSilenceShowsAPageToChooseAnother() {
        Partner partner = Partner.with(BRAND);
        String screens = session(partner);
        confirm(screens, "6", "ACCOUNTS_TRANSACTIONS");

        ExtractableResponse<Response> refused = choose(screens, ModuleTestDirectory.REFUSING_BANK);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body().asString()).contains("A instituição recusou o pedido",
                "Código: " + ModuleTestSharingBank.REFUSAL_CODE, "id=\"choose-again\" href=\"" + screens + "/institutions\"",
                "Escolher outra instituição", "Loja &lt;Verde&gt;");
        given().auth().oauth2(partner.token()).get("/v1/sharing-sessions/" + sessionId(screens)).then()
                .body("consents[0].status", equalTo("REJECTED"));

        ExtractableResponse<Response> silent = choose(screens, ModuleTestDirectory.OFFLINE_BANK);
        assertThat(silent.statusCode()).isEqualTo(504);
        assertThat(silent.body().asString()).contains("Não conseguimos falar com a instituição", "Escolher outra instituição");

        assertThat(choose(screens, ModuleTestDirectory.PAYMENT_BANK).statusCode()).as("another one still works").isEqualTo(200);
    }

    @Test
    void theResultShowsWhatIsSharedUntilWhenAndWhereToCancelAndTheInstitutionIsThenDone() {
        Partner partner = Partner.with(BRAND);
        String screens = session(partner);
        confirm(screens, "12", "ACCOUNTS_TRANSACTIONS", "CREDIT_CARDS_BILLS");
        choose(screens, ModuleTestDirectory.PAYMENT_BANK);
        SharingConsent made = await(() -> Panache.withSession(() -> SharingConsent.ofSession(sessionId(screens)))).get(0);
        SharingConsent authorised = fixtures.authorise(made, resource("ACCOUNT", "AVAILABLE"),
                resource("CREDIT_CARD_ACCOUNT", "AVAILABLE"));

        ExtractableResponse<Response> result = open(screens + "/result?consent=" + made.id);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body().asString()).contains("data-outcome=\"approved\"", "Tudo certo com a Loja Verde!",
                "A instituição confirmou o compartilhamento dos seus dados.",
                "<span id=\"result-institution\">" + ModuleTestDirectory.PAYMENT_BANK_NAME + "</span>",
                "<dd id=\"result-validity\">" + Words.validity(authorised.expirationDateTime) + "</dd>",
                "<dd id=\"result-resources\">2</dd>", "Contas: Extratos", "Cartão de crédito: Faturas",
                "id=\"manage\"", "Você pode cancelar quando quiser", "Meus compartilhamentos",
                "id=\"finish\" type=\"submit\">Voltar para a Loja Verde</button>", "action=\"" + screens + "/finish\"",
                "id=\"add-institution\" href=\"" + screens + "/institutions\">Adicionar outra instituição</a>");
        assertThat(result.header("Content-Security-Policy")).contains("form-action 'self' https://partner.example");

        String institutions = open(screens + "/institutions").body().asString();
        assertThat(institutions).as("done, not choosable again").contains("institution-done",
                "href=\"" + screens + "/result?consent=" + made.id + "\"", "Compartilhado")
                .doesNotContain("name=\"bank\" value=\"" + ModuleTestDirectory.PAYMENT_BANK + "\"");
        assertThat(choose(screens, ModuleTestDirectory.PAYMENT_BANK).header("Location")).endsWith("/result?consent=" + made.id);

        // the other institution: the company's accounts need more approvers
        ExtractableResponse<Response> second = choose(screens, ModuleTestDirectory.ACCOUNTS_ONLY_BANK);
        assertThat(second.body().asString()).contains("https://contas.test/authorize");
        SharingConsent other = await(() -> Panache.withSession(() -> SharingConsent.ofSession(sessionId(screens)))).stream()
                .filter(c -> c.transmitter.equals(ModuleTestDirectory.ACCOUNTS_ONLY_BANK)).findFirst().orElseThrow();
        fixtures.authorise(other, resource("ACCOUNT", "PENDING_AUTHORISATION"));
        SharingResource waiting = await(() -> Panache.withSession(() -> SharingResource.ofConsent(other.id))).get(0);
        String pending = open(screens + "/result?consent=" + other.id).body().asString();
        assertThat(pending).contains("data-outcome=\"pending\"", "Aguardando outras aprovações",
                "As outras pessoas têm até " + Words.dateTime(waiting.approvalDeadline), "id=\"manage\"");
        assertThat(Duration.between(SharingFixtures.read(other.id).authorisedAt, waiting.approvalDeadline))
                .as("the guide's 15 days for the other approvers").isEqualTo(Duration.ofDays(15));
    }

    @Test
    void aSharingNotAuthorisedShowsWhyAndAConsentOfAnotherSessionIsNotFound() {
        Partner partner = Partner.with(BRAND);
        SharingConsent refused = fixtures.reject(fixtures.awaiting(partner, CPF, null, ModuleTestDirectory.PAYMENT_BANK, 6,
                "ACCOUNTS_BALANCES!"));
        String screens = "/whitelabel/sharing/" + refused.sessionId;

        String result = open(screens + "/result?consent=" + refused.id).body().asString();
        assertThat(result).contains("data-outcome=\"rejected\"", "Compartilhamento não autorizado",
                "<strong>Motivo:</strong> O compartilhamento não foi autorizado na instituição.", "id=\"add-institution\"")
                .doesNotContain("id=\"manage\"");

        String another = session(partner);
        ExtractableResponse<Response> notHers = open(another + "/result?consent=" + refused.id);
        assertThat(notHers.statusCode()).isEqualTo(404);
        assertThat(notHers.body().asString()).contains("Compartilhamento não encontrado", "Loja &lt;Verde&gt;");
        assertThat(open(another + "/result?consent=not-an-id").statusCode()).isEqualTo(404);
        assertThat(open(another + "/result").statusCode()).isEqualTo(404);
    }

    @Test
    void finishingSendsTheUserBackToThePartnerAndClosesTheSession() {
        Partner partner = Partner.with(BRAND);
        String screens = session(partner);
        confirm(screens, "6", "ACCOUNTS_TRANSACTIONS");
        choose(screens, ModuleTestDirectory.PAYMENT_BANK);
        UUID id = sessionId(screens);

        ExtractableResponse<Response> finished = given().redirects().follow(false).post(screens + "/finish").then().extract();
        assertThat(finished.statusCode()).isEqualTo(303);
        assertThat(finished.header("Location")).isEqualTo(RETURN + "?sessionId=" + id + "&status=FINISHED");
        given().auth().oauth2(partner.token()).get("/v1/sharing-sessions/" + id).then().body("status", equalTo("FINISHED"));

        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "sharing.events")) {
            List<EventEnvelope> events = probe.awaitRecords(r -> id.toString().equals(r.key())
                            && r.value().contains("sharing:session:finished"), 1, Duration.ofSeconds(30)).stream()
                    .map(r -> EventCodec.decode(r.value())).toList();
            EventEnvelope event = events.get(0);
            assertThat(event.type()).isEqualTo("sharing:session:finished");
            assertThat(event.partnerId()).isEqualTo(partner.id());
            SharingSessionFinished data = event.dataAs(SharingSessionFinished.class);
            assertThat(data.outcome()).isEqualTo("FINISHED");
            assertThat(data.consents()).hasSize(1);
            assertThat(data.consents().get(0).transmitter()).isEqualTo(ModuleTestDirectory.PAYMENT_BANK);
        }

        ExtractableResponse<Response> after = open(screens);
        assertThat(after.statusCode()).isEqualTo(410);
        assertThat(after.body().asString()).contains("Este compartilhamento já foi concluído", "Loja &lt;Verde&gt;",
                "id=\"back-to-partner\"", "sessionId=" + id + "&amp;status=FINISHED");
        assertThat(open(screens + "/institutions").statusCode()).isEqualTo(410);
        assertThat(confirm(screens, "6", "ACCOUNTS_TRANSACTIONS").statusCode()).isEqualTo(410);
        assertThat(choose(screens, ModuleTestDirectory.PAYMENT_BANK).statusCode()).isEqualTo(410);
        assertThat(given().redirects().follow(false).post(screens + "/finish").then().extract().header("Location"))
                .as("finishing twice sends the user back again").endsWith("status=FINISHED");
    }

    @Test
    void unknownAndExpiredSessionsHaveTheirOwnPages() throws Exception {
        ExtractableResponse<Response> unknown = open("/whitelabel/sharing/" + UUID.randomUUID());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body().asString()).contains("Compartilhamento não encontrado", "<html lang=\"pt-BR\">");
        assertThat(open("/whitelabel/sharing/not-an-id/institutions").statusCode()).isEqualTo(404);
        assertThat(given().redirects().follow(false).post("/whitelabel/sharing/" + UUID.randomUUID() + "/finish")
                .then().extract().statusCode()).isEqualTo(404);

        Partner partner = Partner.with(BRAND);
        String screens = session(partner);
        try (var db = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/consent", "postgres", "postgres")) {
            db.createStatement().executeUpdate("update sharing_session set expires_at = now() - interval '1 second' where id = '"
                    + sessionId(screens) + "'");
        }
        ExtractableResponse<Response> expired = open(screens);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body().asString()).contains("O tempo para compartilhar acabou", "Loja &lt;Verde&gt;",
                "href=\"" + RETURN + "?sessionId=" + sessionId(screens) + "&amp;status=EXPIRED\"");
        assertThat(confirm(screens, "6", "ACCOUNTS_TRANSACTIONS").statusCode()).isEqualTo(410);
        assertThat(given().redirects().follow(false).post(screens + "/finish").then().extract().statusCode()).isEqualTo(410);
        try (var db = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/consent", "postgres", "postgres")) {
            ResultSet rs = db.createStatement().executeQuery("select chosen_groups from sharing_session where id = '"
                    + sessionId(screens) + "'");
            rs.next();
            assertThat(rs.getString(1)).as("nothing confirmed after the end").isNull();
        }
    }
}
