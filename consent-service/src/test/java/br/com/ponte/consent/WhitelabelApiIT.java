package br.com.ponte.consent;

import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
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
    void theWhitelabelTrackIsDescribedInTheOpenApiDocument() {
        given().accept(ContentType.JSON).get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/v1/whitelabel'.put.summary", equalTo("Set the whitelabel"))
                .body("paths.'/v1/payment-intents'.post.summary", equalTo("Create a payment intent"))
                .body("paths.'/v1/payment-intents/{id}'.get.summary", equalTo("Read a payment intent"))
                .body("components.schemas.WhitelabelRequest.properties.primaryColor.pattern", equalTo("^#[0-9a-fA-F]{6}$"));
    }

    @Test
    void withoutAPartnerTokenTheAnswerIs401InOpenFinanceShape() {
        given().get("/v1/whitelabel").then().statusCode(401).body("errors[0].code", equalTo("NAO_AUTORIZADO"));
        given().contentType(ContentType.JSON).body(Map.of("brandName", "Loja")).put("/v1/whitelabel")
                .then().statusCode(401).body("errors[0].code", equalTo("NAO_AUTORIZADO"));
    }
}
