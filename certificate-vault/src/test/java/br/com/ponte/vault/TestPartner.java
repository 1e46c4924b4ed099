package br.com.ponte.vault;

import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** A partner onboarded through the real API, with its access token and (optionally) its Open Finance credentials. */
record TestPartner(String id, String token, String organizationId, String softwareStatementId) {

    static TestPartner onboard(String adminToken, boolean withCredentials) {
        var created = given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(Map.of("name", "Loja " + UUID.randomUUID())).post("/v1/partners")
                .then().statusCode(201).extract().jsonPath();
        String token = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", created.getString("clientId"))
                .formParam("client_secret", created.getString("clientSecret"))
                .post("/v1/oauth/token").then().statusCode(200).extract().path("access_token");
        TestPartner partner = new TestPartner(created.getString("id"), token, UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        if (withCredentials) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("organizationId", partner.organizationId(), "softwareStatementId", partner.softwareStatementId()))
                    .put("/v1/ofb-credentials").then().statusCode(200)
                    .body("organizationId", equalTo(partner.organizationId()));
        }
        return partner;
    }
}
