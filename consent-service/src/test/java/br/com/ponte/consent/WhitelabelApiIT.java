package br.com.ponte.consent;

import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** A partner's whitelabel settings: defaults, replacement, validation, isolation. */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "consent"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class WhitelabelApiIT {

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    static ValidatableResponse put(String partnerId, Object body) {
        return given().auth().oauth2(PartnerTokens.issue(partnerId)).contentType(ContentType.JSON).body(body)
                .when().put("/v1/whitelabel").then();
    }

    static ValidatableResponse get(String partnerId) {
        return given().auth().oauth2(PartnerTokens.issue(partnerId)).get("/v1/whitelabel").then();
    }

    @Test
    void aPartnerThatNeverSetItsWhitelabelGetsPontesWithPortugueseTexts() {
        get("partner-" + UUID.randomUUID()).statusCode(200)
                .body("brandName", equalTo("Ponte"))
                .body("primaryColor", equalTo("#1d4ed8"))
                .body("accentColor", equalTo("#f59e0b"))
                .body("logoUrl", nullValue())
                .body("updatedAt", nullValue())
                .body("texts.title", equalTo("Pagar com Pix pelo seu banco"))
                .body("texts.goToBankButton", equalTo("Ir para o banco"))
                .body("texts.approvedTitle", equalTo("Pagamento autorizado"));
    }

    @Test
    void theWhitelabelIsReplacedWholeAndTheTextsLeftOutTakeTheDefaults() {
        String partner = "partner-" + UUID.randomUUID();
        put(partner, Map.of("brandName", " Loja Roxa ", "logoUrl", "https://loja.example/logo.svg",
                "primaryColor", "#6D28D9", "accentColor", "#facc15",
                "texts", Map.of("title", "Pague a Loja Roxa", "approvedMessage", "Tudo certo!")))
                .statusCode(200)
                .body("brandName", equalTo("Loja Roxa"))
                .body("primaryColor", equalTo("#6d28d9"))
                .body("texts.title", equalTo("Pague a Loja Roxa"))
                .body("texts.approvedMessage", equalTo("Tudo certo!"))
                .body("texts.reviewIntro", equalTo("Confira os dados do pagamento antes de seguir para o banco."))
                .body("updatedAt", notNullValue());
        get(partner).statusCode(200)
                .body("logoUrl", equalTo("https://loja.example/logo.svg"))
                .body("accentColor", equalTo("#facc15"))
                .body("texts.title", equalTo("Pague a Loja Roxa"));

        // a second PUT replaces everything: the logo, colours and texts not sent go back to the defaults
        put(partner, Map.of("brandName", "Loja Roxa", "logoUrl", "http://127.0.0.1:8099/logo.svg")).statusCode(200);
        get(partner).statusCode(200)
                .body("logoUrl", equalTo("http://127.0.0.1:8099/logo.svg"))
                .body("primaryColor", equalTo("#1d4ed8"))
                .body("texts.title", equalTo("Pagar com Pix pelo seu banco"));

        get("partner-" + UUID.randomUUID()).statusCode(200).body("brandName", equalTo("Ponte"));
    }

    @Test
    void invalidSettingsAreRefusedWithEveryProblemAndChangeNothing() {
        String partner = "partner-" + UUID.randomUUID();
        put(partner, Map.of("brandName", "Loja", "primaryColor", "#123456")).statusCode(200);

        put(partner, Map.of("logoUrl", "http://cdn.example/logo.png", "primaryColor", "blue", "accentColor", "#12345",
                "texts", Map.of("title", "x".repeat(81), "goToBankButton", " ")))
                .statusCode(422)
                .body("errors.code", containsInAnyOrder("PARAMETRO_NAO_INFORMADO", "PARAMETRO_INVALIDO",
                        "PARAMETRO_INVALIDO", "PARAMETRO_INVALIDO", "PARAMETRO_INVALIDO", "PARAMETRO_INVALIDO"))
                .body("errors.detail", containsInAnyOrder(
                        "brandName is required",
                        "logoUrl must be an absolute https URL (http only on localhost or 127.0.0.1), at most 2048 characters",
                        "primaryColor must be a colour as #rrggbb, e.g. #1d4ed8",
                        "accentColor must be a colour as #rrggbb, e.g. #1d4ed8",
                        "texts.title has more than 80 characters",
                        "texts.goToBankButton must not be blank; leave it out for the default"))
                .body("meta.totalRecords", equalTo(6));
        put(partner, Map.of("brandName", "Loja", "logoUrl", "javascript:alert(1)")).statusCode(422)
                .body("errors[0].detail", equalTo(
                        "logoUrl must be an absolute https URL (http only on localhost or 127.0.0.1), at most 2048 characters"));
        given().auth().oauth2(PartnerTokens.issue(partner)).contentType(ContentType.JSON).body("{\"brandName\": ")
                .put("/v1/whitelabel").then().statusCode(400).body("errors[0].code", equalTo("PARAMETRO_INVALIDO"));

        get(partner).statusCode(200).body("primaryColor", equalTo("#123456"));
    }

    @Test
    void theTextsAreSetByProductAndEachProductLeftOutTakesItsDefaults() {
        String partner = "partner-" + UUID.randomUUID();
        put(partner, Map.of("brandName", "Loja", "texts", Map.of(
                "payment", Map.of("title", "Pague a Loja"),
                "sharing", Map.of("consentTitle", "Compartilhe com a Loja", "finishButton", "Voltar para a Loja"),
                "dashboard", Map.of("retentionPolicy", "Guardamos o que recebemos por 5 anos."))))
                .statusCode(200)
                .body("texts.payment.title", equalTo("Pague a Loja"))
                .body("texts.payment.goToBankButton", equalTo("Ir para o banco"))
                .body("texts.sharing.consentTitle", equalTo("Compartilhe com a Loja"))
                .body("texts.sharing.finishButton", equalTo("Voltar para a Loja"))
                .body("texts.sharing.continueButton", equalTo("Continuar"))
                .body("texts.sharing.addInstitutionButton", equalTo("Adicionar outra instituição"))
                .body("texts.dashboard.title", equalTo("Meus compartilhamentos"))
                .body("texts.dashboard.retentionPolicy", equalTo("Guardamos o que recebemos por 5 anos."))
                // the payment texts' former flat keys repeat texts.payment, for the readers written before products
                .body("texts.title", equalTo("Pague a Loja"))
                .body("texts.goToBankButton", equalTo("Ir para o banco"));
        get(partner).statusCode(200)
                .body("texts.sharing.consentTitle", equalTo("Compartilhe com a Loja"))
                .body("texts.dashboard.intro", notNullValue())
                .body("texts.title", equalTo("Pague a Loja"));

        get("partner-" + UUID.randomUUID()).statusCode(200)
                .body("texts.payment.title", equalTo("Pagar com Pix pelo seu banco"))
                .body("texts.sharing.consentTitle", equalTo("Confirme o compartilhamento de dados"))
                .body("texts.dashboard.title", equalTo("Meus compartilhamentos"));
    }

    @Test
    void theFlatPaymentKeysPartnersAlreadySendStillSetThePaymentTexts() {
        String partner = "partner-" + UUID.randomUUID();
        put(partner, Map.of("brandName", "Loja", "texts", Map.of("title", "Pague a Loja", "approvedTitle", "Pago!",
                "sharing", Map.of("approvedTitle", "Compartilhado!"))))
                .statusCode(200)
                .body("texts.payment.title", equalTo("Pague a Loja"))
                .body("texts.payment.approvedTitle", equalTo("Pago!"))
                .body("texts.approvedTitle", equalTo("Pago!"))
                .body("texts.sharing.approvedTitle", equalTo("Compartilhado!"));

        // what a GET answers can be sent back as it is: the flat keys agree with texts.payment
        Map<String, Object> read = get(partner).statusCode(200).extract().jsonPath().getMap("");
        put(partner, read).statusCode(200).body("texts.payment.approvedTitle", equalTo("Pago!"))
                .body("texts.sharing.approvedTitle", equalTo("Compartilhado!"));

        put(partner, Map.of("brandName", "Loja", "texts", Map.of("title", "Um título",
                "payment", Map.of("title", "Outro título"))))
                .statusCode(422)
                .body("errors[0].code", equalTo("PARAMETRO_INVALIDO"))
                .body("errors[0].detail", equalTo("texts.title differs from texts.payment.title: it is that text's former "
                        + "spelling; send it once, under texts.payment"));
        get(partner).statusCode(200).body("texts.title", equalTo("Pague a Loja"));
    }

    @Test
    void textsStoredBeforeThereWereProductsAreReadAsThePaymentTexts() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        try (var db = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/consent", "postgres",
                "postgres")) {
            db.createStatement().executeUpdate("insert into whitelabel_settings values ('" + partner + "', 'Loja Antiga', null, "
                    + "'#123456', '#654321', '{\"title\": \"Pague a Loja Antiga\"}', now())");
        }
        get(partner).statusCode(200)
                .body("texts.payment.title", equalTo("Pague a Loja Antiga"))
                .body("texts.title", equalTo("Pague a Loja Antiga"))
                .body("texts.sharing.consentTitle", equalTo("Confirme o compartilhamento de dados"));
    }

    @Test
    void everyProductsTextsAreValidatedWithTheSameLimits() {
        String partner = "partner-" + UUID.randomUUID();
        put(partner, Map.of("brandName", "Loja", "texts", Map.of(
                "payment", Map.of("title", " "),
                "sharing", Map.of("consentTitle", "x".repeat(81), "consentIntro", "x".repeat(300)),
                "dashboard", Map.of("intro", "x".repeat(301), "revokeButton", "x".repeat(81)))))
                .statusCode(422)
                .body("errors.detail", containsInAnyOrder(
                        "texts.payment.title must not be blank; leave it out for the default",
                        "texts.sharing.consentTitle has more than 80 characters",
                        "texts.dashboard.intro has more than 300 characters",
                        "texts.dashboard.revokeButton has more than 80 characters"))
                .body("meta.totalRecords", equalTo(4));
        get(partner).statusCode(200).body("updatedAt", nullValue());
    }

    @Test
    void theWhitelabelTrackIsDescribedInTheOpenApiDocument() {
        given().accept(ContentType.JSON).get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/v1/whitelabel'.put.summary", equalTo("Set the whitelabel"))
                .body("paths.'/v1/payment-intents'.post.summary", equalTo("Create a payment intent"))
                .body("paths.'/v1/payment-intents/{id}'.get.summary", equalTo("Read a payment intent"))
                .body("components.schemas.WhitelabelRequest.properties.primaryColor.pattern", equalTo("^#[0-9a-fA-F]{6}$"))
                .body("components.schemas.WhitelabelTexts.properties.title.deprecated", equalTo(true))
                .body("components.schemas.SharingTexts.properties.consentTitle.maxLength", equalTo(80))
                .body("components.schemas.DashboardTexts.properties.retentionPolicy.maxLength", equalTo(300));
    }

    @Test
    void withoutAPartnerTokenTheAnswerIs401InOpenFinanceShape() {
        given().get("/v1/whitelabel").then().statusCode(401).body("errors[0].code", equalTo("NAO_AUTORIZADO"));
        given().contentType(ContentType.JSON).body(Map.of("brandName", "Loja")).put("/v1/whitelabel")
                .then().statusCode(401).body("errors[0].code", equalTo("NAO_AUTORIZADO"));
    }
}
