package br.com.ponte.consent;

import br.com.ponte.consent.SharingFixtures.Partner;
import br.com.ponte.consent.dashboard.DashboardLinks;
import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.consent.sharing.SharingConsents;
import br.com.ponte.consent.sharing.SharingJourney;
import br.com.ponte.consent.sharing.SharingStatus;
import br.com.ponte.consent.whitelabel.Words;
import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.data.SharingConsentExtended;
import br.com.ponte.events.data.SharingConsentRevoked;
import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.infra.TopicProbe;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static br.com.ponte.consent.SharingFixtures.CNPJ;
import static br.com.ponte.consent.SharingFixtures.CPF;
import static br.com.ponte.consent.SharingFixtures.read;
import static br.com.ponte.consent.SharingFixtures.resource;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/**
 * "Meus compartilhamentos" in this module, with {@link ModuleTestSharingBank} as the institutions:
 * the partner's link (validation, idempotent replay, isolation), following it once for a cookie
 * session, the list kept in active, pending and inactive, the details, revocation after its
 * confirmation (at the institution first), renewal and the institution's refusal of it, the
 * cancellation of a pending request, CSRF, and consents that are not the user's.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "consent"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class DashboardIT {

    static final String COOKIE = "ponte_dashboard";
    static final String OTHER_CPF = "11144477735";
    static final Map<String, Object> BRAND = Map.of("brandName", "Financeira Aurora", "primaryColor", "#fde68a",
            "logoUrl", "https://aurora.example/logo.svg",
            "texts", Map.of("dashboard", Map.of("retentionPolicy", "A Aurora guarda o que recebeu por 5 anos, como a lei pede.",
                    "newLinkMessage", "Abra o app da Aurora e toque em Meus compartilhamentos.")));

    @Inject
    SharingJourney journey;

    @Inject
    SharingConsents consents;

    @Inject
    ModuleTestSharingBank bank;

    @Inject
    DashboardLinks links;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @ConfigProperty(name = "ponte.consent.public-url")
    String publicUrl;

    SharingFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new SharingFixtures(journey, consents, bank);
    }

    static Map<String, Object> linkRequest(String cpf, String cnpj) {
        Map<String, Object> request = new HashMap<>();
        request.put("loggedUser", Map.of("document", Map.of("identification", cpf, "rel", "CPF")));
        if (cnpj != null) {
            request.put("businessEntity", Map.of("document", Map.of("identification", cnpj, "rel", "CNPJ")));
        }
        return request;
    }

    static ValidatableResponse makeLink(Partner partner, String key, Object body) {
        RequestSpecification request = given().auth().oauth2(partner.token()).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("x-idempotency-key", key);
        }
        return request.post("/v1/sharing-dashboard-links").then();
    }

    /** The user follows a new link of {@code partner}: the dashboard session's cookie. */
    static String openDashboard(Partner partner, String cpf, String cnpj) {
        String url = makeLink(partner, null, linkRequest(cpf, cnpj)).statusCode(201).extract().path("url");
        ExtractableResponse<Response> followed = given().redirects().follow(false).get(URI.create(url).getPath()).then().extract();
        assertThat(followed.statusCode()).isEqualTo(200);
        return followed.cookie(COOKIE);
    }

    static ExtractableResponse<Response> screen(String cookie, String path) {
        RequestSpecification request = given().redirects().follow(false);
        if (cookie != null) {
            request.cookie(COOKIE, cookie);
        }
        return request.get(path).then().extract();
    }

    static ExtractableResponse<Response> post(String cookie, String path, Map<String, String> form) {
        RequestSpecification request = given().redirects().follow(false).contentType(ContentType.URLENC)
                .header("User-Agent", "PonteTest/1.0 (Android)").header("X-Forwarded-For", "203.0.113.7, 10.0.0.1");
        if (cookie != null) {
            request.cookie(COOKIE, cookie);
        }
        form.forEach(request::formParam);
        return request.post(path).then().extract();
    }

    /** The CSRF token the dashboard's forms carry. */
    static String csrf(String cookie, UUID consent) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(screen(cookie, "/whitelabel/dashboard/consents/" + consent + "/revoke").body().asString()
                        + screen(cookie, "/whitelabel/dashboard/consents/" + consent).body().asString());
        assertThat(m.find()).as("a form with the CSRF token").isTrue();
        return m.group(1);
    }

    /** The part of the list page in section {@code id}. */
    static String section(String page, String id) {
        int start = page.indexOf("<section id=\"" + id + "\"");
        assertThat(start).as("section " + id).isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }

    SharingConsent authorised(Partner partner, String cpf, String cnpj, Integer months, String... groups) {
        return fixtures.authorise(fixtures.awaiting(partner, cpf, cnpj, ModuleTestDirectory.PAYMENT_BANK, months, groups),
                resource("ACCOUNT", "AVAILABLE"));
    }

    Connection db() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/consent", "postgres", "postgres");
    }

    @Test
    void aPartnerMakesAShortLivedLinkAndOnlyTheTokensHashIsKept() throws Exception {
        Partner partner = Partner.with(BRAND);
        Instant before = Instant.now();
        var made = makeLink(partner, null, linkRequest(CPF, null)).statusCode(201).extract().jsonPath();
        String url = made.getString("url");
        assertThat(url).startsWith(publicUrl + "/whitelabel/dashboard/links/");
        assertThat(Duration.between(before, Instant.parse(made.getString("expirationDateTime"))))
                .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(16));
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);
        try (Connection c = db()) {
            ResultSet rs = c.createStatement().executeQuery("select token_hash, logged_user_document, business_entity_document, "
                    + "row_to_json(dashboard_link)::text from dashboard_link where partner_id = '" + partner.id() + "'");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(sha256(token));
            assertThat(rs.getString(2)).isEqualTo(CPF);
            assertThat(rs.getString(3)).isNull();
            assertThat(rs.getString(4)).as("the token itself is stored nowhere").doesNotContain(token);
        }
    }

    @Test
    void aReplayWithTheSameKeyGetsTheSameLinkAndAnotherBodyIsRefused() {
        Partner partner = Partner.with(BRAND);
        String key = UUID.randomUUID().toString();
        var first = makeLink(partner, key, linkRequest(CPF, null)).statusCode(201).extract().jsonPath();
        var again = makeLink(partner, key, linkRequest(CPF, null)).statusCode(201).extract().jsonPath();
        assertThat(again.getString("url")).isEqualTo(first.getString("url"));
        assertThat(again.getString("expirationDateTime")).isEqualTo(first.getString("expirationDateTime"));
        makeLink(partner, key, linkRequest(OTHER_CPF, null)).statusCode(422).body("errors[0].code", equalTo("ERRO_IDEMPOTENCIA"));

        Partner other = Partner.with(null);
        String theirs = makeLink(other, key, linkRequest(CPF, null)).statusCode(201).extract().path("url");
        assertThat(theirs).as("keys are the partner's own").isNotEqualTo(first.getString("url"));
        // the replayed link works, once
        assertThat(screen(null, URI.create(first.getString("url")).getPath()).statusCode()).isEqualTo(200);
        assertThat(screen(null, URI.create(again.getString("url")).getPath()).statusCode()).isEqualTo(410);
    }

    @Test
    void invalidLinkRequestsGetEveryProblemAndWriteNothing() throws Exception {
        Partner partner = Partner.with(BRAND);
        makeLink(partner, null, Map.of("loggedUser", Map.of("document", Map.of("identification", "76109277674", "rel", "CNPJ")),
                "businessEntity", Map.of("document", Map.of("identification", "11222333000182", "rel", "CNPJ"))))
                .statusCode(422)
                .body("errors.detail", containsInAnyOrder("loggedUser.document.rel must be CPF",
                        "loggedUser.document.identification must be a valid CPF (11 digits)",
                        "businessEntity.document.identification must be a valid CNPJ (14 digits)"))
                .body("meta.totalRecords", equalTo(3));
        makeLink(partner, null, Map.of()).statusCode(422).body("errors[0].detail", equalTo("loggedUser.document is required"));
        given().auth().oauth2(partner.token()).contentType(ContentType.JSON).body("{\"loggedUser\": ")
                .post("/v1/sharing-dashboard-links").then().statusCode(400);
        given().contentType(ContentType.JSON).body(linkRequest(CPF, null)).post("/v1/sharing-dashboard-links").then()
                .statusCode(401).body("errors[0].code", equalTo("NAO_AUTORIZADO"));
        try (Connection c = db()) {
            ResultSet rs = c.createStatement().executeQuery("select count(*) from dashboard_link where partner_id = '"
                    + partner.id() + "'");
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        given().accept(ContentType.JSON).get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/v1/sharing-dashboard-links'.post.summary",
                        equalTo("Make a link to the user's \"Meus compartilhamentos\""));
    }

    @Test
    void followingTheLinkOnceOpensTheDashboardWithAStrictHttpOnlyCookie() throws Exception {
        Partner partner = Partner.with(BRAND);
        String url = makeLink(partner, null, linkRequest(CPF, null)).statusCode(201).extract().path("url");
        String path = URI.create(url).getPath();

        ExtractableResponse<Response> followed = screen(null, path);
        assertThat(followed.statusCode()).isEqualTo(200);
        String setCookie = followed.header("Set-Cookie");
        assertThat(setCookie).startsWith(COOKIE + "=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").containsIgnoringCase("Path=/whitelabel/dashboard")
                .containsIgnoringCase("Max-Age=1800");
        assertThat(setCookie).as("http public URL in tests: not Secure").doesNotContainIgnoringCase("Secure");
        String session = followed.cookie(COOKIE);
        assertThat(followed.body().asString()).as("to the dashboard at once, without the token")
                .contains("<meta http-equiv=\"refresh\" content=\"0;url=/whitelabel/dashboard\">", "id=\"open-dashboard\"",
                        "Financeira Aurora");
        assertThat(followed.header("Cache-Control")).isEqualTo("no-store");
        assertThat(followed.header("Referrer-Policy")).isEqualTo("no-referrer");
        try (Connection c = db()) {
            ResultSet rs = c.createStatement().executeQuery("select count(*) from dashboard_session where token_hash = '"
                    + sha256(session) + "'");
            rs.next();
            assertThat(rs.getInt(1)).as("the session is kept by its hash").isEqualTo(1);
        }

        ExtractableResponse<Response> dashboard = screen(session, "/whitelabel/dashboard");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body().asString()).contains("<html lang=\"pt-BR\">", "Meus compartilhamentos", "Financeira Aurora",
                "--primary: #fde68a", "id=\"active\"", "id=\"pending\"", "id=\"inactive\"");
        assertThat(dashboard.header("Content-Security-Policy")).contains("default-src 'none'", "form-action 'self';");

        ExtractableResponse<Response> again = screen(null, path);
        assertThat(again.statusCode()).as("used").isEqualTo(410);
        assertThat(again.body().asString()).contains("Este link já foi usado",
                "Abra o app da Aurora e toque em Meus compartilhamentos.", "Financeira Aurora");
        assertThat(screen(session, path).header("Location")).as("the same browser reloading it: its dashboard")
                .endsWith("/whitelabel/dashboard");
        assertThat(screen(null, "/whitelabel/dashboard/links/" + "x".repeat(43)).statusCode()).isEqualTo(404);

        ExtractableResponse<Response> noSession = screen(null, "/whitelabel/dashboard");
        assertThat(noSession.statusCode()).isEqualTo(401);
        assertThat(noSession.body().asString()).contains("Sua sessão terminou");
        assertThat(screen("not-a-session", "/whitelabel/dashboard").statusCode()).isEqualTo(401);
    }

    @Test
    void anExpiredLinkOrSessionAsksForANewLink() throws Exception {
        Partner partner = Partner.with(BRAND);
        String url = makeLink(partner, null, linkRequest(CPF, null)).statusCode(201).extract().path("url");
        String session = openDashboard(partner, CPF, null);
        try (Connection c = db()) {
            c.createStatement().executeUpdate("update dashboard_link set expires_at = now() - interval '1 second' "
                    + "where token_hash = '" + sha256(url.substring(url.lastIndexOf('/') + 1)) + "'");
            c.createStatement().executeUpdate("update dashboard_session set expires_at = now() - interval '1 second' "
                    + "where token_hash = '" + sha256(session) + "'");
        }
        ExtractableResponse<Response> expired = screen(null, URI.create(url).getPath());
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body().asString()).contains("Este link expirou", "Abra o app da Aurora");
        assertThat(expired.header("Set-Cookie")).isNull();
        ExtractableResponse<Response> ended = screen(session, "/whitelabel/dashboard");
        assertThat(ended.statusCode()).isEqualTo(401);
        assertThat(ended.body().asString()).contains("Sua sessão terminou", "Abra o app da Aurora", "Financeira Aurora");
    }

    @Test
    void expiredSessionsAndLinksArePurged() throws Exception {
        Partner partner = Partner.with(BRAND);
        String old = openDashboard(partner, CPF, null);
        String fresh = openDashboard(partner, CPF, null);
        try (Connection c = db()) {
            c.createStatement().executeUpdate("update dashboard_session set expires_at = now() - interval '2 days' "
                    + "where token_hash = '" + sha256(old) + "'");
            c.createStatement().executeUpdate("update dashboard_link set expires_at = now() - interval '2 days' "
                    + "where id = (select link_id from dashboard_session where token_hash = '" + sha256(old) + "')");
        }
        SharingFixtures.await(() -> links.purge().replaceWith(true));
        try (Connection c = db()) {
            ResultSet rs = c.createStatement().executeQuery("select (select count(*) from dashboard_session where partner_id = '"
                    + partner.id() + "'), (select count(*) from dashboard_link where partner_id = '" + partner.id() + "')");
            rs.next();
            assertThat(rs.getInt(1)).as("the open session is kept").isEqualTo(1);
            assertThat(rs.getInt(2)).as("its link too").isEqualTo(1);
        }
        assertThat(screen(fresh, "/whitelabel/dashboard").statusCode()).isEqualTo(200);
    }

    @Test
    void theDashboardKeepsActivePendingAndInactiveApartWithWhatEndedEach() throws Exception {
        Partner partner = Partner.with(BRAND);
        SharingConsent active = authorised(partner, CPF, null, 6, "ACCOUNTS_BALANCES!");
        SharingConsent expiring = authorised(partner, CPF, null, 3, "ACCOUNTS_TRANSACTIONS!");
        try (Connection c = db()) {
            c.createStatement().executeUpdate("update sharing_consent set expiration_date_time = now() + interval '3 days 1 hour' "
                    + "where id = '" + expiring.id + "'");
        }
        SharingConsent awaiting = fixtures.awaiting(partner, CPF, null, ModuleTestDirectory.PAYMENT_BANK, 6, "CREDIT_CARDS_BILLS!");
        SharingConsent approvers = fixtures.authorise(fixtures.awaiting(partner, CPF, null, ModuleTestDirectory.ACCOUNTS_ONLY_BANK,
                6, "ACCOUNTS_BALANCES!"), resource("ACCOUNT", "PENDING_AUTHORISATION"), resource("ACCOUNT", "AVAILABLE"));
        SharingConsent refused = fixtures.reject(fixtures.awaiting(partner, CPF, null, ModuleTestDirectory.PAYMENT_BANK, 6,
                "ACCOUNTS_BALANCES!"));
        SharingConsent ranOut = fixtures.expire(authorised(partner, CPF, null, 6, "ACCOUNTS_BALANCES!"));
        SharingConsent revokedThere = fixtures.revokedAtTheInstitution(authorised(partner, CPF, null, 6, "ACCOUNTS_BALANCES!"));
        assertThatThrownBy(() -> fixtures.awaiting(partner, CPF, null, ModuleTestDirectory.REFUSING_BANK, 6, "ACCOUNTS_BALANCES!"))
                .as("refused by the institution when it was made").hasMessageContaining(ModuleTestSharingBank.REFUSAL_CODE);
        SharingConsent revokedByPartner = authorised(partner, CPF, null, 6, "ACCOUNTS_BALANCES!");
        given().auth().oauth2(partner.token()).delete("/v1/sharing-consents/" + revokedByPartner.id).then().statusCode(204);
        // not this user's: another person, the user's company, another partner
        SharingConsent otherUser = authorised(partner, OTHER_CPF, null, 6, "ACCOUNTS_BALANCES!");
        SharingConsent company = authorised(partner, CPF, CNPJ, 6, "ACCOUNTS_BALANCES!");
        SharingConsent otherPartner = authorised(Partner.with(null), CPF, null, 6, "ACCOUNTS_BALANCES!");

        String page = screen(openDashboard(partner, CPF, null), "/whitelabel/dashboard").body().asString();
        String activeSection = section(page, "active");
        assertThat(activeSection).contains("data-consent-id=\"" + active.id + "\"", "data-consent-id=\"" + expiring.id + "\"",
                ModuleTestDirectory.PAYMENT_BANK_NAME, "Contas: Saldos", "Validade:</span> " + Words.validity(read(active.id)
                        .expirationDateTime), "src=\"https://bank.test/logo.svg\"", "id=\"details-" + active.id + "\"");
        assertThat(activeSection).as("ending within the lead time").contains("Vence em 3 dias");
        assertThat(activeSection.split("tag-expiring")).hasSize(2);

        String pendingSection = section(page, "pending");
        assertThat(pendingSection).contains("data-consent-id=\"" + awaiting.id + "\"", "Falta você autorizar na instituição",
                "Prazo:</span> até " + Words.dateTime(read(awaiting.id).createdAt.plus(Duration.ofMinutes(60))),
                "data-consent-id=\"" + approvers.id + "\"", "Outras pessoas precisam aprovar na instituição",
                ModuleTestDirectory.ACCOUNTS_ONLY_BANK_NAME);

        String inactiveSection = section(page, "inactive");
        assertThat(inactiveSection).contains("data-consent-id=\"" + refused.id + "\"", "Não autorizado por você na instituição",
                "data-consent-id=\"" + ranOut.id + "\"", "O prazo do compartilhamento terminou",
                "data-consent-id=\"" + revokedThere.id + "\"", "Encerrado por você na instituição",
                "data-consent-id=\"" + revokedByPartner.id + "\"", "Encerrado por Financeira Aurora em "
                        + Words.date(read(revokedByPartner.id).statusUpdatedAt), ModuleTestDirectory.REFUSING_BANK_NAME,
                "Recusado pela instituição");

        assertThat(page).doesNotContain(otherUser.id.toString(), company.id.toString(), otherPartner.id.toString());
        String companyPage = screen(openDashboard(partner, CPF, CNPJ), "/whitelabel/dashboard").body().asString();
        assertThat(section(companyPage, "active")).as("the company's dashboard: its consents only")
                .contains(company.id.toString()).doesNotContain(active.id.toString());
    }

    @Test
    void theDetailsShowTheInstitutionDataTermDatesResourcesAndRenewals() {
        Partner partner = Partner.with(BRAND);
        SharingConsent consent = fixtures.authorise(fixtures.awaiting(partner, CPF, null, ModuleTestDirectory.PAYMENT_BANK, 3,
                        "ACCOUNTS_TRANSACTIONS!", "CREDIT_CARDS_BILLS"), resource("ACCOUNT", "AVAILABLE"),
                resource("CREDIT_CARD_ACCOUNT", "PENDING_AUTHORISATION"));
        given().auth().oauth2(partner.token()).contentType(ContentType.JSON)
                .body(Map.of("durationMonths", 6, "customerIpAddress", "198.51.100.1", "customerUserAgent", "PartnerApp/2"))
                .post("/v1/sharing-consents/" + consent.id + "/extends").then().statusCode(200);
        SharingConsent renewed = read(consent.id);

        ExtractableResponse<Response> details = screen(openDashboard(partner, CPF, null), "/whitelabel/dashboard/consents/"
                + consent.id);
        assertThat(details.statusCode()).isEqualTo(200);
        assertThat(details.body().asString()).contains("Financeira Aurora",
                "<span class=\"consent-name\" id=\"institution\">" + ModuleTestDirectory.PAYMENT_BANK_NAME + "</span>",
                "src=\"https://bank.test/logo.svg\"", "<dd id=\"status\">Pendente</dd>",
                "<dd id=\"validity\">" + Words.validity(renewed.expirationDateTime) + "</dd>",
                "<dd id=\"created-on\">" + Words.date(renewed.createdAt) + "</dd>",
                "<dd id=\"authorised-on\">" + Words.dateTime(renewed.authorisedAt) + "</dd>",
                "Análise de crédito para oferecer um empréstimo com juros menores",
                "Contas: Extratos", "Cartão de crédito: Faturas", "Transações dos últimos 12 meses",
                "Conta 1</span>: Compartilhando", "Cartão de crédito 1</span>: Aguardando a aprovação de outras pessoas (até ",
                "Por Financeira Aurora", Words.validity(consent.expirationDateTime) + " → " + Words.validity(renewed.expirationDateTime),
                "id=\"revoke\"", "id=\"renew\"");
        assertThat(details.header("Content-Security-Policy")).contains("img-src 'self' https://bank.test https://aurora.example");
    }

    @Test
    void revokingStatesTheConsequencesThenEndsTheSharingAtTheInstitutionAndKeepsItInTheHistory() {
        Partner partner = Partner.with(BRAND);
        SharingConsent consent = authorised(partner, CPF, null, 6, "ACCOUNTS_TRANSACTIONS!");
        String session = openDashboard(partner, CPF, null);

        String confirmation = screen(session, "/whitelabel/dashboard/consents/" + consent.id + "/revoke").body().asString();
        assertThat(confirmation).contains("Encerrar o compartilhamento com " + ModuleTestDirectory.PAYMENT_BANK_NAME + "?",
                "id=\"consequences\"", "deixa de compartilhar com Financeira Aurora <strong>todos os dados deste "
                        + "compartilhamento</strong>: Contas: Extratos", "Financeira Aurora fica com os dados que já recebeu.",
                "A Aurora guarda o que recebeu por 5 anos, como a lei pede.", "continua no seu histórico",
                "id=\"confirm-revoke\" type=\"submit\">Encerrar compartilhamento</button>", "id=\"keep-sharing\"");

        String path = "/whitelabel/dashboard/consents/" + consent.id + "/revoke";
        assertThat(post(session, path, Map.of()).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(post(session, path, Map.of("csrf", "forged")).statusCode()).isEqualTo(403);
        String otherSession = openDashboard(partner, CPF, null);
        assertThat(post(session, path, Map.of("csrf", csrf(otherSession, consent.id))).statusCode())
                .as("another session's token").isEqualTo(403);
        assertThat(read(consent.id).status).isEqualTo(SharingStatus.AUTHORISED);
        assertThat(bank.revoked).doesNotContain(consent.transmitterConsentId);

        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "sharing.events")) {
            ExtractableResponse<Response> revoked = post(session, path, Map.of("csrf", csrf(session, consent.id)));
            assertThat(revoked.statusCode()).isEqualTo(303);
            assertThat(revoked.header("Location")).endsWith("/whitelabel/dashboard?done=revoked&consent=" + consent.id);
            assertThat(bank.revoked).as("told the institution").contains(consent.transmitterConsentId);
            SharingConsent ended = read(consent.id);
            assertThat(ended.status).isEqualTo(SharingStatus.REJECTED);
            assertThat(ended.revokedBy).isEqualTo("USER");
            assertThat(ended.revocationChannel).isEqualTo("PONTE");
            given().auth().oauth2(partner.token()).get("/v1/sharing-consents/" + consent.id).then()
                    .body("revocation.revokedBy", equalTo("USER")).body("revocation.channel", equalTo("PONTE"));

            EventEnvelope event = EventCodec.decode(probe.awaitRecords(r -> consent.id.toString().equals(r.key())
                    && r.value().contains("sharing:consent:revoked"), 1, Duration.ofSeconds(30)).get(0).value());
            SharingConsentRevoked data = event.dataAs(SharingConsentRevoked.class);
            assertThat(data.revokedBy()).isEqualTo("USER");
            assertThat(data.channel()).isEqualTo("PONTE");
            assertThat(data.reasonCode()).isEqualTo("CUSTOMER_MANUALLY_REVOKED");
        }

        String list = screen(session, "/whitelabel/dashboard?done=revoked&consent=" + consent.id).body().asString();
        assertThat(list).contains("id=\"confirmation\"", "O compartilhamento com " + ModuleTestDirectory.PAYMENT_BANK_NAME
                + " foi encerrado. Ele continua no seu histórico");
        assertThat(section(list, "inactive")).contains(consent.id.toString(), "Encerrado por você em Meus compartilhamentos");
        assertThat(screen(session, "/whitelabel/dashboard/consents/" + consent.id).body().asString())
                .doesNotContain("id=\"revoke\"", "id=\"renew\"");
    }

    @Test
    void whenTheInstitutionCannotBeReachedTheRevocationChangesNothing() {
        Partner partner = Partner.with(BRAND);
        SharingConsent consent = authorised(partner, CPF, null, 6, "ACCOUNTS_TRANSACTIONS!");
        bank.unreachableForRevocation.add(consent.transmitterConsentId);
        String session = openDashboard(partner, CPF, null);

        ExtractableResponse<Response> failed = post(session, "/whitelabel/dashboard/consents/" + consent.id + "/revoke",
                Map.of("csrf", csrf(session, consent.id)));
        assertThat(failed.statusCode()).isEqualTo(504);
        assertThat(failed.body().asString()).contains("Não conseguimos falar com a instituição",
                "O compartilhamento continua ativo", "Financeira Aurora");
        assertThat(read(consent.id).status).isEqualTo(SharingStatus.AUTHORISED);
        assertThat(section(screen(session, "/whitelabel/dashboard").body().asString(), "active")).contains(consent.id.toString());
    }

    @Test
    void renewingExtendsAtTheInstitutionWithTheUsersAddressAndAgent() {
        Partner partner = Partner.with(BRAND);
        SharingConsent consent = authorised(partner, CPF, null, 3, "ACCOUNTS_TRANSACTIONS!");
        String session = openDashboard(partner, CPF, null);

        String choice = screen(session, "/whitelabel/dashboard/consents/" + consent.id + "/renew").body().asString();
        assertThat(choice).contains("id=\"months-6\" name=\"months\" value=\"6\"", "id=\"months-12\" name=\"months\" value=\"12\" checked",
                "id=\"confirm-renew\" type=\"submit\">Renovar compartilhamento</button>",
                "<span class=\"muted\">Validade atual:</span> " + Words.validity(consent.expirationDateTime));
        String path = "/whitelabel/dashboard/consents/" + consent.id + "/renew";
        assertThat(post(session, path, Map.of("months", "12")).statusCode()).as("no CSRF token").isEqualTo(403);
        String csrf = csrf(session, consent.id);
        ExtractableResponse<Response> notOffered = post(session, path, Map.of("csrf", csrf, "months", "24"));
        assertThat(notOffered.statusCode()).isEqualTo(400);
        assertThat(notOffered.body().asString()).contains("Escolha um dos prazos da lista.");

        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "sharing.events")) {
            Instant before = Instant.now();
            ExtractableResponse<Response> renewed = post(session, path, Map.of("csrf", csrf, "months", "12"));
            assertThat(renewed.statusCode()).isEqualTo(303);
            assertThat(renewed.header("Location")).endsWith("/whitelabel/dashboard/consents/" + consent.id + "?done=renewed");
            ModuleTestSharingBank.Extended atBank = bank.extended.stream()
                    .filter(e -> e.transmitterConsentId().equals(consent.transmitterConsentId)).findFirst().orElseThrow();
            assertThat(atBank.customerIp()).as("X-Forwarded-For's first hop").isEqualTo("203.0.113.7");
            assertThat(atBank.customerUserAgent()).isEqualTo("PonteTest/1.0 (Android)");
            Instant term = read(consent.id).expirationDateTime;
            assertThat(term).isEqualTo(atBank.expiration());
            assertThat(ChronoUnit.DAYS.between(before, term)).isBetween(364L, 366L);

            SharingConsentExtended data = EventCodec.decode(probe.awaitRecords(r -> consent.id.toString().equals(r.key())
                    && r.value().contains("sharing:consent:extended"), 1, Duration.ofSeconds(30)).get(0).value())
                    .dataAs(SharingConsentExtended.class);
            assertThat(data.requestedBy()).isEqualTo("USER");
            assertThat(data.expirationDateTime()).isEqualTo(term);
        }
        String details = screen(session, "/whitelabel/dashboard/consents/" + consent.id + "?done=renewed").body().asString();
        assertThat(details).contains("id=\"confirmation\"", "Compartilhamento renovado.", "Por você",
                "<dd id=\"validity\">" + Words.validity(read(consent.id).expirationDateTime) + "</dd>");
    }

    @Test
    void aSharingWithSeveralApproversCannotBeRenewedSoTheUserLearnsWhyAndNothingChanges() {
        Partner partner = Partner.with(BRAND);
        SharingConsent consent = authorised(partner, CPF, CNPJ, 3, "ACCOUNTS_TRANSACTIONS!");
        bank.consents.get(consent.transmitterConsentId).multipleApprovers = true;
        String session = openDashboard(partner, CPF, CNPJ);

        ExtractableResponse<Response> refused = post(session, "/whitelabel/dashboard/consents/" + consent.id + "/renew",
                Map.of("csrf", csrf(session, consent.id), "months", "12"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body().asString()).contains("É preciso uma nova autorização na instituição",
                "depende da aprovação de mais de uma pessoa na instituição", "Nada mudou: o compartilhamento continua válido "
                        + Words.validity(consent.expirationDateTime).toLowerCase(Words.PT_BR),
                "novo compartilhamento a partir de Financeira Aurora", "Código: DEPENDE_MULTIPLA_ALCADA", "Financeira Aurora");
        assertThat(read(consent.id).expirationDateTime).isEqualTo(consent.expirationDateTime);
    }

    @Test
    void aPendingRequestCanBeCancelled() {
        Partner partner = Partner.with(BRAND);
        SharingConsent awaiting = fixtures.awaiting(partner, CPF, null, ModuleTestDirectory.PAYMENT_BANK, 6, "ACCOUNTS_BALANCES!");
        String session = openDashboard(partner, CPF, null);

        String details = screen(session, "/whitelabel/dashboard/consents/" + awaiting.id).body().asString();
        assertThat(details).contains("id=\"cancel-form\"", "id=\"cancel-request\" type=\"submit\">Cancelar pedido</button>",
                "Falta você autorizar na instituição").doesNotContain("id=\"revoke\"");
        String path = "/whitelabel/dashboard/consents/" + awaiting.id + "/cancel";
        assertThat(post(session, path, Map.of()).statusCode()).isEqualTo(403);

        ExtractableResponse<Response> cancelled = post(session, path, Map.of("csrf", csrf(session, awaiting.id)));
        assertThat(cancelled.statusCode()).isEqualTo(303);
        assertThat(cancelled.header("Location")).endsWith("/whitelabel/dashboard?done=cancelled&consent=" + awaiting.id);
        SharingConsent ended = read(awaiting.id);
        assertThat(ended.status).isEqualTo(SharingStatus.REJECTED);
        assertThat(ended.rejectedBy).isEqualTo("USER");
        assertThat(bank.revoked).contains(awaiting.transmitterConsentId);
        String list = screen(session, "/whitelabel/dashboard?done=cancelled&consent=" + awaiting.id).body().asString();
        assertThat(list).contains("O pedido de compartilhamento com " + ModuleTestDirectory.PAYMENT_BANK_NAME + " foi cancelado.");
        assertThat(section(list, "inactive")).contains(awaiting.id.toString(), "Pedido cancelado por você");
    }

    @Test
    void anotherUsersOrPartnersConsentIsNeverShown() {
        Partner partner = Partner.with(BRAND);
        SharingConsent mine = authorised(partner, CPF, null, 6, "ACCOUNTS_BALANCES!");
        SharingConsent otherUser = authorised(partner, OTHER_CPF, null, 6, "ACCOUNTS_BALANCES!");
        SharingConsent company = authorised(partner, CPF, CNPJ, 6, "ACCOUNTS_BALANCES!");
        SharingConsent otherPartner = authorised(Partner.with(null), CPF, null, 6, "ACCOUNTS_BALANCES!");
        String session = openDashboard(partner, CPF, null);
        String csrf = csrf(session, mine.id);

        for (SharingConsent notMine : List.of(otherUser, company, otherPartner)) {
            ExtractableResponse<Response> details = screen(session, "/whitelabel/dashboard/consents/" + notMine.id);
            assertThat(details.statusCode()).isEqualTo(404);
            assertThat(details.body().asString()).contains("Compartilhamento não encontrado", "Financeira Aurora");
            assertThat(screen(session, "/whitelabel/dashboard/consents/" + notMine.id + "/revoke").statusCode()).isEqualTo(404);
            assertThat(post(session, "/whitelabel/dashboard/consents/" + notMine.id + "/revoke", Map.of("csrf", csrf))
                    .statusCode()).isEqualTo(404);
            assertThat(post(session, "/whitelabel/dashboard/consents/" + notMine.id + "/renew",
                    Map.of("csrf", csrf, "months", "12")).statusCode()).isEqualTo(404);
            assertThat(read(notMine.id).status).isEqualTo(SharingStatus.AUTHORISED);
        }
        assertThat(screen(session, "/whitelabel/dashboard/consents/not-an-id").statusCode()).isEqualTo(404);
        assertThat(screen(null, "/whitelabel/dashboard/consents/" + mine.id).statusCode()).as("no session").isEqualTo(401);
    }

    static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
