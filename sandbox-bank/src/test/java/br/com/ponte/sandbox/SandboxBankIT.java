package br.com.ponte.sandbox;

import br.com.ponte.sandbox.directory.ParticipantsSpec;
import br.com.ponte.sandbox.directory.SandboxParticipant;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class SandboxBankIT {

    @ConfigProperty(name = "sandbox.base-url")
    String baseUrl;

    @Test
    void theSandboxIsReadyAndDescribesItself() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200);
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Ponte sandbox-bank"));
    }

    @Test
    void theDirectoryListsTheSandboxBankWithItsDiscoveryDocument() throws Exception {
        String body = given().get("/participants").then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].OrganisationId", equalTo(SandboxParticipant.ORGANISATION_ID))
                .body("[0].Status", equalTo("Active"))
                .body("[0].OrganisationName", equalTo("Banco Sandbox Ponte"))
                .body("[0].RegistrationNumber", equalTo("12345678000195"))
                .body("[0].AuthorisationServers[0].CustomerFriendlyName", equalTo("Banco Sandbox Ponte"))
                .body("[0].AuthorisationServers[0].OpenIDDiscoveryDocument",
                        equalTo(baseUrl + "/.well-known/openid-configuration"))
                .body("[0].AuthorisationServers[0].ApiResources.ApiFamilyType", hasItems("payments-consents", "payments-pix"))
                .body("[0].AuthorisationServers[0].ApiResources.find { it.ApiFamilyType == 'payments-pix' }"
                                + ".ApiDiscoveryEndpoints[0].ApiEndpoint",
                        equalTo(baseUrl + "/open-banking/payments/v4/pix/payments"))
                .body("[0].AuthorisationServers[0].ApiResources.find { it.ApiFamilyType == 'payments-consents' }"
                                + ".ApiDiscoveryEndpoints[0].ApiEndpoint",
                        equalTo(baseUrl + "/open-banking/payments/v4/consents"))
                .body("[0].AuthorisationServers[0].ApiResources.find { it.ApiFamilyType == 'consents' }"
                                + ".ApiDiscoveryEndpoints[0].ApiEndpoint",
                        equalTo(baseUrl + "/open-banking/consents/v3/consents"))
                .body("[0].AuthorisationServers[0].ApiResources.find { it.ApiFamilyType == 'resources' }"
                                + ".ApiDiscoveryEndpoints[0].ApiEndpoint",
                        equalTo(baseUrl + "/open-banking/resources/v3/resources"))
                .body("[1].OrganisationId", equalTo(SandboxParticipant.HORIZONTE_ORGANISATION_ID))
                .body("[1].OrganisationName", equalTo("Banco Horizonte"))
                .body("[1].RegistrationNumber", equalTo(SandboxParticipant.HORIZONTE_CNPJ))
                .body("[1].AuthorisationServers[0].AuthorisationServerId",
                        equalTo(SandboxParticipant.HORIZONTE_AUTHORISATION_SERVER_ID))
                .body("[1].AuthorisationServers[0].OpenIDDiscoveryDocument",
                        equalTo(baseUrl + "/horizonte/.well-known/openid-configuration"))
                .body("[1].AuthorisationServers[0].ApiResources.ApiFamilyType", contains("consents", "resources", "customers", "accounts", "loans",
                        "financings", "invoice-financings", "unarranged-accounts-overdraft"))
                .extract().asString();

        assertThat(ParticipantsSpec.errors(new ObjectMapper().readTree(body))).isEmpty();
    }
}
