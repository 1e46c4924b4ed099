package br.com.ponte.vault;

import br.com.ponte.infra.fuzz.IsolationMatrix;
import br.com.ponte.infra.fuzz.RowCounts;
import br.com.ponte.pki.CertificateAuthority;
import br.com.ponte.pki.IssueRequest;
import br.com.ponte.pki.IssuedCertificate;
import br.com.ponte.vault.domain.TokenSigner;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partner isolation in certificate-vault, generated from its OpenAPI document ({@link IsolationMatrix}):
 * partner A (onboarded, with its Open Finance credentials, a transport and a signing certificate
 * and a client id at a transmitter) and partner B (the same, its own); B reads, replaces and
 * revokes A's certificates by id and gets 404, B's own lists hold nothing of A, B setting its
 * client id at A's transmitter changes nothing of A's; tokens that are expired, forged (another
 * key), from another issuer or for another audience get 401, even naming A; the internal API
 * refuses callers without service credentials, and the admin API anyone without the admin token.
 */
@QuarkusTest
@WithTestResource(VaultTestResource.class)
class VaultIsolationIT {

    static final String CNPJ = "11222333000181";

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "ponte.vault.admin-token")
    String adminToken;

    @ConfigProperty(name = "ponte.vault.issuer")
    String issuer;

    @ConfigProperty(name = "ponte.vault.audience")
    String audience;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @ConfigProperty(name = "ponte.test.ca-dir")
    String caDir;

    @Inject
    TokenSigner signer;

    @Test
    void partnerBNeverReachesPartnerAsCertificatesOrCredentials() throws Exception {
        CertificateAuthority ca = CertificateAuthority.load(Path.of(caDir));
        TestPartner a = TestPartner.onboard(adminToken, true);
        TestPartner b = TestPartner.onboard(adminToken, true);
        String marker = UUID.randomUUID().toString().substring(0, 8);

        IssuedCertificate transportOfA = ca.issue(IssueRequest.transport(a.organizationId(), a.softwareStatementId(), CNPJ,
                "Loja A " + marker, "api.loja-a.example"));
        JsonPath transport = upload(a, "TRANSPORT", transportOfA);
        JsonPath signing = upload(a, "SIGNING", ca.issue(IssueRequest.signing(a.organizationId(), CNPJ, "Loja A " + marker)));
        String server = "as-" + marker;
        String clientIdOfA = "client-a-" + marker;
        given().auth().oauth2(a.token()).contentType(ContentType.JSON)
                .body(Map.of("clientId", clientIdOfA, "redirectUris", List.of("https://loja-a.example/cb/" + marker)))
                .put("/v1/ofb-credentials/transmitters/" + server).then().statusCode(200);
        // what B sends to replace a certificate: a valid one of its own, so only the id can be wrong
        IssuedCertificate transportOfB = ca.issue(IssueRequest.transport(b.organizationId(), b.softwareStatementId(), CNPJ,
                "Loja B", "api.loja-b.example"));
        String replacement = new ObjectMapper().writeValueAsString(Map.of("certificate", transportOfB.chainPem(),
                "privateKey", transportOfB.privateKeyPem()));

        // A's setup is in the audit log (written from Kafka) before A's rows are compared
        AuditLogRows.awaitSettled(dbPort, a.id());
        try (RowCounts rowsOfA = new RowCounts("jdbc:postgresql://localhost:" + dbPort + "/vault", "postgres", "postgres",
                a.id())) {
            IsolationMatrix.Report report = IsolationMatrix.of(base).named("certificate-vault")
                    .tokens(vaultTokens())
                    .owner(a.id(), a.token())
                    .intruder(b.id(), b.token())
                    // the operator's operations: partners, and the audit log
                    .adminOnly(op -> op.path().equals("/v1/partners") || op.path().equals("/v1/audit-log"))
                    .id("/v1/certificates/", "id", transport.getString("id"))
                    .id("partnerId", a.id())
                    .id("authorisationServerId", server)
                    .sharedIds("PUT /v1/ofb-credentials/transmitters/{authorisationServerId}",
                            "an authorisation server of the directory: every partner has its own client id there")
                    .sharedIds("POST /v1/ofb-credentials/transmitters/{authorisationServerId}/registration",
                            "an authorisation server of the directory: every partner registers there on its own")
                    .body("PUT /v1/certificates/{id}", replacement)
                    .body("POST /v1/certificates/{id}/revoke", "{\"reason\":\"B tries A's certificate\"}")
                    .body("PUT /v1/ofb-credentials/transmitters/{authorisationServerId}", "{\"clientId\":\"client-b-" + marker + "\"}")
                    .secrets(transport.getString("id"), signing.getString("id"), transport.getString("fingerprintSha256"),
                            signing.getString("fingerprintSha256"), transport.getString("serialNumber"), a.organizationId(),
                            a.softwareStatementId(), clientIdOfA, "Loja A " + marker, "loja-a.example")
                    .rows(rowsOfA)
                    .run();
            System.out.println(report.summary());
            System.out.println(report.table());
            assertThat(report.violations()).as(report.summary()).isEmpty();
            assertThat(report.checks()).isGreaterThan(50);
        }
        // B's client id at that server is B's own
        given().auth().oauth2(b.token()).get("/v1/ofb-credentials/transmitters").then().statusCode(200)
                .body("data.clientId", org.hamcrest.Matchers.contains("client-b-" + marker));
    }

    JsonPath upload(TestPartner partner, String usage, IssuedCertificate issued) {
        return given().auth().oauth2(partner.token()).contentType(ContentType.JSON)
                .body(Map.of("usage", usage, "certificate", issued.chainPem(), "privateKey", issued.privateKeyPem()))
                .post("/v1/certificates").then().statusCode(201).extract().jsonPath();
    }

    /** Tokens signed with the vault's own key (read from TokenSigner, which keeps it to itself). */
    IsolationMatrix.Tokens vaultTokens() throws ReflectiveOperationException {
        TokenSigner target = ClientProxy.unwrap(signer);
        Field field = TokenSigner.class.getDeclaredField("key");
        field.setAccessible(true);
        Object key = field.get(target);
        Method privateKey = key.getClass().getDeclaredMethod("privateKey");
        Method kid = key.getClass().getDeclaredMethod("kid");
        privateKey.setAccessible(true);
        kid.setAccessible(true);
        return IsolationMatrix.signedBy((PrivateKey) privateKey.invoke(key), (String) kid.invoke(key), issuer, audience);
    }
}
