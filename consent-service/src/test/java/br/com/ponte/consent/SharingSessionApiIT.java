package br.com.ponte.consent;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.data.SharingSessionStarted;
import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.infra.TopicProbe;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Starting and reading consent-management sessions: validation, idempotency, isolation, the started event. */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "consent"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class SharingSessionApiIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @ConfigProperty(name = "ponte.consent.public-url")
    String publicUrl;

    static Map<String, Object> session() {
        Map<String, Object> request = new HashMap<>();
        request.put("loggedUser", Map.of("document", Map.of("identification", "76109277673", "rel", "CPF")));
        request.put("purpose", "Análise de crédito para oferecer um empréstimo com juros menores");
        request.put("permissionGroups", List.of(
                Map.of("group", "ACCOUNTS_TRANSACTIONS", "mandatory", true, "justification", "Para calcular a sua renda"),
                Map.of("group", "CREDIT_CARDS_BILLS", "mandatory", false)));
        request.put("durationMonths", 6);
        request.put("redirectUri", "https://partner.example/sharing/return");
        return request;
    }

    static ValidatableResponse post(String partnerId, String key, Object body) {
        var request = given().auth().oauth2(PartnerTokens.issue(partnerId)).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("x-idempotency-key", key);
        }
        return request.when().post("/v1/sharing-sessions").then();
    }

    @Test
    void aSessionIsStartedWithTheUrlForTheUserAndItsStartedEvent() {
        String partner = "partner-" + UUID.randomUUID();
        Instant before = Instant.now();
        var created = post(partner, null, session()).statusCode(201)
                .body("status", equalTo("ACTIVE"))
                .body("durationMonths", equalTo(6))
                .body("permissionGroups.group", contains("ACCOUNTS_TRANSACTIONS", "CREDIT_CARDS_BILLS"))
                .body("permissionGroups.mandatory", contains(true, false))
                .body("consents", empty())
                .extract().jsonPath();
        String id = created.getString("id");
        assertThat(created.getString("url")).isEqualTo(publicUrl + "/whitelabel/sharing/" + id);
        assertThat(UUID.fromString(id).version()).as("a random, unguessable id").isEqualTo(4);
        Instant expires = Instant.parse(created.getString("expirationDateTime"));
        assertThat(Duration.between(before, expires)).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));

        given().auth().oauth2(PartnerTokens.issue(partner)).get("/v1/sharing-sessions/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("purpose", equalTo(session().get("purpose")));

        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "sharing.events")) {
            EventEnvelope started = EventCodec.decode(probe.awaitRecords(r -> id.equals(r.key()), 1, Duration.ofSeconds(30))
                    .get(0).value());
            assertThat(started.type()).isEqualTo("sharing:session:started");
            assertThat(started.partnerId()).isEqualTo(partner);
            assertThat(started.sequence()).isEqualTo(1L);
            SharingSessionStarted data = started.dataAs(SharingSessionStarted.class);
            assertThat(data.requestedGroups()).containsExactly("ACCOUNTS_TRANSACTIONS", "CREDIT_CARDS_BILLS");
            assertThat(data.mandatoryGroups()).containsExactly("ACCOUNTS_TRANSACTIONS");
            assertThat(data.durationMonths()).isEqualTo(6);
            assertThat(data.institutions()).isNull();
            assertThat(data.expiresAt()).isEqualTo(expires);
        }
    }

    @Test
    void anIndefiniteSessionLimitedToSomeInstitutions() {
        Map<String, Object> request = session();
        request.remove("durationMonths");
        request.put("indefinite", true);
        request.put("institutions", List.of(ModuleTestDirectory.ACCOUNTS_ONLY_BANK));
        request.put("permissionGroups", List.of(Map.of("group", "ACCOUNTS_BALANCES", "mandatory", true)));
        post("partner-" + UUID.randomUUID(), null, request).statusCode(201)
                .body("indefinite", equalTo(true))
                .body("institutions", contains(ModuleTestDirectory.ACCOUNTS_ONLY_BANK));
    }

    @Test
    void theSameKeyGivesTheSameSessionAndAnotherBodyWithItIsRefused() {
        String partner = "partner-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String first = post(partner, key, session()).statusCode(201).extract().path("id");
        String again = post(partner, key, session()).statusCode(201).extract().path("id");
        assertThat(again).isEqualTo(first);
        Map<String, Object> other = session();
        other.put("durationMonths", 3);
        post(partner, key, other).statusCode(422).body("errors[0].code", equalTo("ERRO_IDEMPOTENCIA"));
    }

    @Test
    void aPartnerNeverSeesAnotherPartnersSession() {
        String id = post("partner-" + UUID.randomUUID(), null, session()).statusCode(201).extract().path("id");
        given().auth().oauth2(PartnerTokens.issue("partner-" + UUID.randomUUID())).get("/v1/sharing-sessions/" + id)
                .then().statusCode(404).body("errors[0].code", equalTo("NAO_ENCONTRADO"));
        given().auth().oauth2(PartnerTokens.issue("partner-" + UUID.randomUUID())).get("/v1/sharing-sessions/not-a-uuid")
                .then().statusCode(404);
    }

    @Test
    void invalidRequestsGetEveryProblemAndWriteNothing() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        Map<String, Object> bad = session();
        bad.put("loggedUser", Map.of("document", Map.of("identification", "76109277674", "rel", "CPF")));
        bad.put("permissionGroups", List.of(Map.of("group", "ACCOUNTS_EVERYTHING"), Map.of("group", "CREDIT_OPERATIONS"),
                Map.of("group", "CREDIT_OPERATIONS")));
        bad.put("durationMonths", 13);
        bad.put("redirectUri", "partner.example/return");
        bad.remove("purpose");
        post(partner, null, bad).statusCode(422)
                .body("errors.detail", hasItems(
                        "loggedUser.document.identification must be a valid CPF (11 digits)",
                        "purpose is required",
                        "permissionGroups[1].group is asked for twice".replace("[1]", "[2]"),
                        "durationMonths must be from 1 to 12 (Open Finance allows at most 12 months)",
                        "redirectUri must be an absolute http(s) URL of at most 2048 characters"))
                .body("meta.totalRecords", equalTo(6));

        Map<String, Object> mixed = session();
        mixed.put("permissionGroups", List.of(Map.of("group", "CUSTOMERS_PERSONAL_IDENTIFICATIONS"),
                Map.of("group", "CUSTOMERS_BUSINESS_IDENTIFICATIONS")));
        post(partner, null, mixed).statusCode(422).body("errors[0].code", equalTo("PERMISSAO_PF_PJ_EM_CONJUNTO"));
        Map<String, Object> company = session();
        company.put("permissionGroups", List.of(Map.of("group", "CUSTOMERS_BUSINESS_IDENTIFICATIONS")));
        post(partner, null, company).statusCode(422).body("errors[0].code", equalTo("INFORMACOES_PJ_NAO_INFORMADAS"));
        Map<String, Object> both = session();
        both.put("indefinite", true);
        post(partner, null, both).statusCode(422).body("errors[0].detail", equalTo(
                "durationMonths and indefinite cannot both be sent: a sharing has a term or none"));
        Map<String, Object> unknown = session();
        unknown.put("institutions", List.of("no-such-bank"));
        post(partner, null, unknown).statusCode(422).body("errors[0].code", equalTo("PARAMETRO_INVALIDO"));
        Map<String, Object> unserved = session();
        unserved.put("institutions", List.of(ModuleTestDirectory.ACCOUNTS_ONLY_BANK));
        unserved.put("permissionGroups", List.of(Map.of("group", "CREDIT_CARDS_BILLS", "mandatory", true)));
        post(partner, null, unserved).statusCode(422).body("errors[0].code", equalTo("SEM_INSTITUICOES"));
        given().auth().oauth2(PartnerTokens.issue(partner)).contentType(ContentType.JSON).body("{\"purpose\": ")
                .post("/v1/sharing-sessions").then().statusCode(400);

        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/consent", "postgres", "postgres")) {
            ResultSet rs = c.createStatement().executeQuery("select (select count(*) from sharing_session where partner_id = '"
                    + partner + "') + (select count(*) from outbox where partner_id = '" + partner + "')");
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
