package br.com.ponte.vault;

import br.com.ponte.fapi.Jwks;
import br.com.ponte.pki.CertificateAuthority;
import br.com.ponte.pki.IssueRequest;
import br.com.ponte.pki.IssuedCertificate;
import br.com.ponte.pki.Pem;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The internal API the platform's services use: service authentication, signing on the partner's behalf, transport identity. */
@QuarkusTest
@WithTestResource(VaultTestResource.class)
class InternalApiIT {

    static final String CNPJ = "11222333000181";

    @ConfigProperty(name = "ponte.vault.admin-token")
    String adminToken;

    @ConfigProperty(name = "ponte.test.ca-dir")
    String caDir;

    CertificateAuthority ca;

    @BeforeEach
    void loadCa() {
        ca = CertificateAuthority.load(Path.of(caDir));
    }


    TestPartner partner() {
        return TestPartner.onboard(adminToken, true);
    }

    IssuedCertificate upload(TestPartner partner, String usage, IssueRequest request) {
        IssuedCertificate issued = ca.issue(request);
        given().auth().oauth2(partner.token()).contentType(ContentType.JSON)
                .body(Map.of("usage", usage, "certificate", issued.chainPem(), "privateKey", issued.privateKeyPem()))
                .post("/v1/certificates").then().statusCode(201);
        return issued;
    }

    static RequestSpecification service() {
        return given().auth().preemptive().basic("consent-service", VaultTestResource.INTERNAL_SECRET);
    }

    @Test
    void onlyAuthenticatedServicesReachTheInternalApi() {
        TestPartner partner = partner();
        String path = "/internal/v1/partners/" + partner.id() + "/transport-identity";
        given().get(path).then().statusCode(401).body("errors[0].code", equalTo("NAO_AUTORIZADO"));
        given().auth().preemptive().basic("consent-service", "wrong").get(path).then().statusCode(401);
        given().auth().preemptive().basic("payment-service", VaultTestResource.INTERNAL_SECRET).get(path).then().statusCode(401);
        // a partner's own token is not a service credential
        given().auth().oauth2(partner.token()).get(path).then().statusCode(401);
        // authenticated, but the partner has no transport certificate yet
        service().get(path).then().statusCode(409).body("errors[0].code", equalTo("CERTIFICADO_NAO_CADASTRADO"));
    }

    @Test
    void theVaultSignsWithThePartnersSigningKeyWhichNeverLeavesIt() throws Exception {
        TestPartner partner = partner();
        IssuedCertificate signing = upload(partner, "SIGNING", IssueRequest.signing(partner.organizationId(), CNPJ, "Loja"));

        String jws = service().contentType(ContentType.JSON)
                .body(Map.of("claims", Map.of("iss", "client-1", "aud", "https://bank.example", "jti", "j-1"), "type", "JWT"))
                .post("/internal/v1/partners/" + partner.id() + "/jws").then().statusCode(200).extract().path("jws");

        JsonWebSignature verified = new JsonWebSignature();
        verified.setCompactSerialization(jws);
        verified.setKey(signing.certificate().getPublicKey());
        assertThat(verified.verifySignature()).isTrue();
        assertThat(verified.getAlgorithmHeaderValue()).isEqualTo(AlgorithmIdentifiers.RSA_PSS_USING_SHA256);
        assertThat(verified.getKeyIdHeaderValue()).isEqualTo(Jwks.thumbprint((RSAPublicKey) signing.certificate().getPublicKey()));
        assertThat(JwtClaims.parse(verified.getPayload()).getIssuer()).isEqualTo("client-1");

        // no API answers the signing key itself
        given().auth().oauth2(partner.token()).get("/v1/certificates").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("PRIVATE KEY")));
    }

    @Test
    void theTransportIdentityIsReleasedToServicesOnly() {
        TestPartner partner = partner();
        IssuedCertificate transport = upload(partner, "TRANSPORT", IssueRequest.transport(partner.organizationId(),
                partner.softwareStatementId(), CNPJ, "Loja", "api.loja.example"));

        var identity = service().get("/internal/v1/partners/" + partner.id() + "/transport-identity")
                .then().statusCode(200).header("Cache-Control", "no-store").extract().jsonPath();
        assertThat(Pem.privateKey(identity.getString("privateKeyPem"), null)).isEqualTo(transport.privateKey());
        assertThat(Pem.certificates(identity.getString("certificateChainPem"))).containsExactlyElementsOf(transport.chain());
    }

    @Test
    void theClientIdAtATransmitterIsSetByTheVaultsPartnerAndReadByServices() {
        TestPartner partner = partner();
        String server = "c9427b03-c565-47ce-90f1-09841f099026";
        given().auth().oauth2(partner.token()).contentType(ContentType.JSON).body(Map.of("clientId", "client-at-bank"))
                .put("/v1/ofb-credentials/transmitters/" + server).then().statusCode(200)
                .body("clientId", equalTo("client-at-bank")).body("source", equalTo("MANUAL"));
        given().auth().oauth2(partner.token()).get("/v1/ofb-credentials/transmitters").then().statusCode(200)
                .body("data[0].authorisationServerId", equalTo(server));

        service().get("/internal/v1/partners/" + partner.id() + "/transmitters/" + server).then().statusCode(200)
                .body("clientId", equalTo("client-at-bank"))
                .body("organizationId", equalTo(partner.organizationId()))
                .body("softwareStatementId", equalTo(partner.softwareStatementId()));
        service().get("/internal/v1/partners/" + partner.id() + "/transmitters/" + server).then()
                .body("redirectUris", org.hamcrest.Matchers.empty());
        // the client's redirect URIs at the bank, when the partner gives them with a client id set by hand
        given().auth().oauth2(partner.token()).contentType(ContentType.JSON).body(Map.of("clientId", "client-at-bank",
                        "redirectUris", java.util.List.of("https://ponte.example/v1/authorisations/callback")))
                .put("/v1/ofb-credentials/transmitters/" + server).then().statusCode(200)
                .body("redirectUris", org.hamcrest.Matchers.contains("https://ponte.example/v1/authorisations/callback"));
        service().get("/internal/v1/partners/" + partner.id() + "/transmitters/" + server).then()
                .body("redirectUris", org.hamcrest.Matchers.contains("https://ponte.example/v1/authorisations/callback"));
        given().auth().oauth2(partner.token()).contentType(ContentType.JSON).body(Map.of("clientId", "client-at-bank",
                        "redirectUris", java.util.List.of("not a uri")))
                .put("/v1/ofb-credentials/transmitters/" + server).then().statusCode(422)
                .body("errors[0].code", equalTo("PARAMETRO_INVALIDO"));
        service().get("/internal/v1/partners/" + partner.id() + "/transmitters/another").then().statusCode(404);
        // without transmitter trust anchors configured, registration by DCR is refused clearly
        given().auth().oauth2(partner.token()).post("/v1/ofb-credentials/transmitters/" + server + "/registration")
                .then().statusCode(503).body("errors[0].code", equalTo("CONFIGURACAO_AUSENTE"));
    }
}
