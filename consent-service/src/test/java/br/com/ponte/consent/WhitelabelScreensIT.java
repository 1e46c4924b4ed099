package br.com.ponte.consent;

import br.com.ponte.consent.domain.PaymentConsents;
import br.com.ponte.consent.whitelabel.Branding;
import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The whitelabel screens in this module, with {@link ModuleTestDirectory} as the directory and
 * {@link ModuleTestBank} as the bank: what each screen shows in the partner's brand, the consent
 * made when the user goes to the bank, the result, and the pages for what goes wrong. The browser
 * journey through sandbox-bank is devstack's WhitelabelIT.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "consent"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class WhitelabelScreensIT {

    @Inject
    PaymentConsents consents;

    @ConfigProperty(name = "ponte.consent.public-url")
    String publicUrl;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    /** A partner with its brand, and the path of the screens of a new intent of {@code amount}. */
    record Partner(String token, String screens, String intentId) {
    }

    Partner partnerWithAnIntent(String amount) {
        String token = PartnerTokens.issue("partner-" + UUID.randomUUID());
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("brandName", "Loja <Roxa>", "primaryColor", "#6d28d9", "accentColor", "#facc15",
                        "logoUrl", "https://loja.example/logo.svg",
                        "texts", Map.of("title", "Pague a Loja Roxa", "approvedTitle", "Pagamento confirmado!")))
                .put("/v1/whitelabel").then().statusCode(200);
        String url = given().auth().oauth2(token).contentType(ContentType.JSON).body(ConsentRequests.intent(amount))
                .post("/v1/payment-intents").then().statusCode(201).extract().path("url");
        String path = URI.create(url).getPath();
        return new Partner(token, path, path.substring(path.lastIndexOf('/') + 1));
    }

    static ExtractableResponse<Response> open(String path) {
        return given().redirects().follow(false).get(path).then().extract();
    }

    static ExtractableResponse<Response> goToBank(String screens, String bank) {
        return given().redirects().follow(false).contentType(ContentType.URLENC).formParam("bank", bank)
                .post(screens + "/authorisation").then().extract();
    }

    <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theUserChoosesTheBankReviewsAndGoesToTheBankWithAConsentMadeAsOnTheApiTrack() {
        Partner partner = partnerWithAnIntent("1234.56");

        ExtractableResponse<Response> choose = open(partner.screens());
        assertThat(choose.statusCode()).isEqualTo(200);
        assertThat(choose.contentType()).startsWith("text/html");
        String page = choose.body().asString();
        assertThat(page).contains("<html lang=\"pt-BR\">", "name=\"viewport\"", "Loja &lt;Roxa&gt;", "Pague a Loja Roxa",
                "--primary: #6d28d9", "--on-primary: #ffffff", "--primary-cue: #6d28d9", "--accent: #facc15", "--on-accent: #000000",
                "R$\u00a01.234,56", ModuleTestDirectory.PAYMENT_BANK_NAME,
                "href=\"" + partner.screens() + "/review?bank=" + ModuleTestDirectory.PAYMENT_BANK + "\"");
        assertThat(page).as("a bank without the payments API is not offered").doesNotContain("Banco Só Dados");
        String policy = choose.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "img-src 'self' https://bank.test https://loja.example",
                "form-action 'self' https:", "frame-ancestors 'none'");
        String nonce = policy.replaceAll(".*'nonce-([^']+)'.*", "$1");
        assertThat(page).contains("<style nonce=\"" + nonce + "\">");
        assertThat(choose.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(choose.header("Cache-Control")).isEqualTo("no-store");

        String review = open(partner.screens() + "/review?bank=" + ModuleTestDirectory.PAYMENT_BANK).body().asString();
        assertThat(review).contains("R$\u00a01.234,56", "Padaria Pão Quente Ltda", "11.222.333/0001-81",
                "22 de novembro de 2026", ModuleTestDirectory.PAYMENT_BANK_NAME, "Ir para o banco",
                "action=\"" + partner.screens() + "/authorisation\"");

        ExtractableResponse<Response> toBank = goToBank(partner.screens(), ModuleTestDirectory.PAYMENT_BANK);
        assertThat(toBank.statusCode()).isEqualTo(303);
        assertThat(toBank.header("Location")).startsWith("https://bank.test/authorize?request_uri=urn:moduletest:");

        String consentId = given().auth().oauth2(partner.token()).get("/v1/payment-intents/" + partner.intentId())
                .then().statusCode(200)
                .body("status", equalTo("BANK_CHOSEN"))
                .body("transmitter", equalTo(ModuleTestDirectory.PAYMENT_BANK))
                .body("consentStatus", equalTo("AWAITING_AUTHORISATION"))
                .extract().path("consentId");
        given().auth().oauth2(partner.token()).get("/v1/payment-consents/" + consentId).then().statusCode(200)
                .body("redirectUri", equalTo(publicUrl + partner.screens() + "/result"))
                .body("payment.amount", equalTo("1234.56"))
                .body("transmitterConsentId", startsWith("urn:moduletest:"));

        // back from the bank without deciding: the bank can be chosen again
        assertThat(open(partner.screens()).statusCode()).isEqualTo(200);
    }

    @Test
    void theResultShowsTheUsersAnswerInThePartnersTextsAndLinksBackToThePartner() {
        Partner approving = partnerWithAnIntent("10.00");
        goToBank(approving.screens(), ModuleTestDirectory.PAYMENT_BANK);
        String consentId = given().auth().oauth2(approving.token()).get("/v1/payment-intents/" + approving.intentId())
                .then().extract().path("consentId");
        await(() -> consents.approved(UUID.fromString(consentId), false, Duration.ofMinutes(60), null));

        ExtractableResponse<Response> result = open(approving.screens() + "/result?consentId=" + consentId + "&status=AUTHORISED");
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body().asString()).contains("Pagamento confirmado!", "Seu banco confirmou a autorização do pagamento.",
                "R$\u00a010,00", "href=\"https://partner.example/pix/return?intentId=" + approving.intentId()
                        + "&amp;consentId=" + consentId + "&amp;status=AUTHORISED\"", "Concluir");
        // decided: the choice screens send the user to the result, and going to the bank again makes nothing
        assertThat(open(approving.screens()).header("Location")).endsWith(approving.screens() + "/result");
        assertThat(goToBank(approving.screens(), ModuleTestDirectory.PAYMENT_BANK).header("Location"))
                .endsWith(approving.screens() + "/result");

        Partner rejecting = partnerWithAnIntent("11.00");
        goToBank(rejecting.screens(), ModuleTestDirectory.PAYMENT_BANK);
        String rejected = given().auth().oauth2(rejecting.token()).get("/v1/payment-intents/" + rejecting.intentId())
                .then().extract().path("consentId");
        await(() -> consents.rejected(UUID.fromString(rejected), "USER", "REJEITADO_USUARIO", "O usuário recusou"));
        assertThat(open(rejecting.screens() + "/result").body().asString()).contains("Pagamento não autorizado",
                "status=REJECTED");
        given().auth().oauth2(rejecting.token()).get("/v1/payment-intents/" + rejecting.intentId()).then()
                .body("consentStatus", equalTo("REJECTED"))
                .body("rejectionReason.code", equalTo("REJEITADO_USUARIO"))
                .body("rejectionReason.rejectedBy", equalTo("USER"));

        // no bank chosen yet: the result page sends the user to the choice
        Partner fresh = partnerWithAnIntent("12.00");
        assertThat(open(fresh.screens() + "/result").header("Location")).endsWith(fresh.screens());
    }

    @Test
    void aBanksRefusalShowsAFriendlyPageAndTheUserMayChooseAgain() {
        Partner partner = partnerWithAnIntent(ModuleTestBank.REFUSED_AMOUNT);

        ExtractableResponse<Response> refused = goToBank(partner.screens(), ModuleTestDirectory.PAYMENT_BANK);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body().asString()).contains("O banco recusou o pagamento", "Código: VALOR_INVALIDO",
                "href=\"" + partner.screens() + "\"", "Escolher outro banco", "Loja &lt;Roxa&gt;");
        given().auth().oauth2(partner.token()).get("/v1/payment-intents/" + partner.intentId()).then()
                .body("consentStatus", equalTo("REJECTED"))
                .body("rejectionReason.code", equalTo("VALOR_INVALIDO"));
        assertThat(open(partner.screens()).statusCode()).as("the bank can be chosen again").isEqualTo(200);
    }

    @Test
    void unknownIntentsUnknownBanksAndExpiredIntentsHaveTheirOwnPages() throws Exception {
        ExtractableResponse<Response> unknown = open("/whitelabel/payments/" + UUID.randomUUID());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body().asString()).contains("Pagamento não encontrado", "<html lang=\"pt-BR\">");
        assertThat(open("/whitelabel/payments/not-an-id/review").statusCode()).isEqualTo(404);

        Partner partner = partnerWithAnIntent("13.00");
        ExtractableResponse<Response> dataOnly = open(partner.screens() + "/review?bank=" + ModuleTestDirectory.DATA_ONLY_BANK);
        assertThat(dataOnly.statusCode()).isEqualTo(400);
        assertThat(dataOnly.body().asString()).contains("Banco não encontrado", "Escolher outro banco");
        assertThat(goToBank(partner.screens(), "no-such-bank").statusCode()).isEqualTo(400);

        try (var db = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/consent", "postgres", "postgres")) {
            db.createStatement().executeUpdate("update payment_intent set expiration_date_time = now() - interval '1 second' "
                    + "where id = '" + partner.intentId() + "'");
        }
        ExtractableResponse<Response> expired = open(partner.screens());
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body().asString()).contains("Este pagamento expirou",
                "href=\"https://partner.example/pix/return?intentId=" + partner.intentId() + "\"");
        assertThat(goToBank(partner.screens(), ModuleTestDirectory.PAYMENT_BANK).statusCode()).isEqualTo(410);
        given().auth().oauth2(partner.token()).get("/v1/payment-intents/" + partner.intentId()).then()
                .body("status", equalTo("EXPIRED"));
    }

    @Test
    void aPaleBrandKeepsItsFillAndOutlinesItsCuesInADarkerShadeOfItself() {
        String token = PartnerTokens.issue("partner-" + UUID.randomUUID());
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("brandName", "Loja Menta", "primaryColor", "#cfe8e6")).put("/v1/whitelabel").then().statusCode(200);
        String url = given().auth().oauth2(token).contentType(ContentType.JSON).body(ConsentRequests.intent("14.00"))
                .post("/v1/payment-intents").then().statusCode(201).extract().path("url");
        String page = open(URI.create(url).getPath()).body().asString();
        String cue = page.replaceAll("(?s).*--primary-cue: (#[0-9a-f]{6});.*", "$1");
        assertThat(page).contains("--primary: #cfe8e6", "--on-primary: #000000");
        assertThat(cue).isNotEqualTo("#cfe8e6").isEqualTo(Branding.cueOf("#cfe8e6"));
        assertThat(Branding.contrast(cue, Branding.PAGE)).isGreaterThanOrEqualTo(3.0);
    }

    @Test
    void theStylesheetIsServedByTheServiceItself() {
        given().get("/whitelabel/assets/whitelabel.css").then().statusCode(200)
                .body(containsString("--on-primary"));
    }
}
