package br.com.ponte.vault;

import br.com.ponte.infra.TopicProbe;
import br.com.ponte.kit.crypto.EnvelopeCipher;
import br.com.ponte.pki.CertificateAuthority;
import br.com.ponte.pki.IssueRequest;
import br.com.ponte.pki.IssuedCertificate;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Certificates through the real API, database and Kafka: every check, the sealing at rest, isolation, expiry notices. */
@QuarkusTest
@WithTestResource(VaultTestResource.class)
class CertificateApiIT {

    static final String CNPJ = "11222333000181";

    @ConfigProperty(name = "ponte.vault.admin-token")
    String adminToken;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @ConfigProperty(name = "ponte.test.ca-dir")
    String caDir;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EnvelopeCipher cipher;

    CertificateAuthority ca;


    @BeforeEach
    void loadCa() {
        ca = CertificateAuthority.load(Path.of(caDir));
    }

    TestPartner partner(boolean withCredentials) {
        return TestPartner.onboard(adminToken, withCredentials);
    }

    IssueRequest transportFor(TestPartner partner) {
        return IssueRequest.transport(partner.organizationId(), partner.softwareStatementId(), CNPJ, "Loja Ltda", "api.loja.example");
    }

    static Map<String, Object> pem(String usage, IssuedCertificate issued) {
        Map<String, Object> body = new HashMap<>();
        body.put("usage", usage);
        body.put("certificate", issued.chainPem());
        body.put("privateKey", issued.privateKeyPem());
        return body;
    }

    ValidatableResponse upload(TestPartner partner, Map<String, Object> body) {
        return given().auth().oauth2(partner.token()).contentType(ContentType.JSON).body(body)
                .post("/v1/certificates").then();
    }

    @Test
    void aTransportCertificateIsUploadedListedReplacedAndRevoked() {
        TestPartner partner = partner(true);
        IssuedCertificate first = ca.issue(transportFor(partner));
        Map<String, Object> body = pem("TRANSPORT", first);
        body.put("privateKey", first.encryptedPrivateKeyPem("key-pass".toCharArray()));
        body.put("password", "key-pass");

        String id = upload(partner, body).statusCode(201)
                .body("usage", equalTo("TRANSPORT"))
                .body("status", equalTo("ACTIVE"))
                .body("serialNumber", equalTo(first.certificate().getSerialNumber().toString(16).toUpperCase()))
                .body("fingerprintSha256", equalTo(sha256Hex(first)))
                .body("subject", org.hamcrest.Matchers.containsString("OFBBR-" + partner.organizationId()))
                .body("notAfter", equalTo(first.certificate().getNotAfter().toInstant().toString()))
                .body("privateKey", nullValue())
                .extract().path("id");

        // a second active transport certificate is refused: it must replace the first
        upload(partner, pem("TRANSPORT", ca.issue(transportFor(partner)))).statusCode(409)
                .body("errors[0].code", equalTo("CERTIFICADO_ATIVO_EXISTENTE"));

        given().auth().oauth2(partner.token()).get("/v1/certificates/" + id).then().statusCode(200)
                .body("chain", org.hamcrest.Matchers.startsWith("-----BEGIN CERTIFICATE-----"))
                .body(not(org.hamcrest.Matchers.containsString("PRIVATE KEY")));

        IssuedCertificate second = ca.issue(transportFor(partner));
        String secondId = given().auth().oauth2(partner.token()).contentType(ContentType.JSON).body(pem(null, second))
                .put("/v1/certificates/" + id).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("replaces", equalTo(id)).body("usage", equalTo("TRANSPORT"))
                .extract().path("id");
        given().auth().oauth2(partner.token()).get("/v1/certificates").then().statusCode(200)
                .body("data", hasSize(2))
                .body("data[0].id", equalTo(secondId)).body("data[0].status", equalTo("ACTIVE"))
                .body("data[1].id", equalTo(id)).body("data[1].status", equalTo("REPLACED"));
        // a replaced certificate cannot be replaced again
        given().auth().oauth2(partner.token()).contentType(ContentType.JSON).body(pem(null, ca.issue(transportFor(partner))))
                .put("/v1/certificates/" + id).then().statusCode(409).body("errors[0].code", equalTo("CERTIFICADO_NAO_ATIVO"));

        given().auth().oauth2(partner.token()).contentType(ContentType.JSON).body(Map.of("reason", "key compromised"))
                .post("/v1/certificates/" + secondId + "/revoke").then().statusCode(200)
                .body("status", equalTo("REVOKED")).body("revocationReason", equalTo("key compromised"));
        // the key is shredded, not just flagged
        assertThat(row(secondId)).containsEntry("key_cipher", null).containsEntry("key_data_key_wrapped", null);
        // after revocation a new one can be uploaded
        upload(partner, pem("TRANSPORT", ca.issue(transportFor(partner)))).statusCode(201);
    }

    @Test
    void aSigningCertificateIsUploadedAsPkcs12() {
        TestPartner partner = partner(true);
        IssuedCertificate signing = ca.issue(IssueRequest.signing(partner.organizationId(), CNPJ, "Loja Ltda"));

        upload(partner, Map.of("usage", "SIGNING", "pkcs12", signing.pkcs12Base64("p12-pass".toCharArray()), "password", "p12-pass"))
                .statusCode(201).body("usage", equalTo("SIGNING")).body("status", equalTo("ACTIVE"))
                .body("fingerprintSha256", equalTo(sha256Hex(signing)));
    }

    @Test
    void everyFailedCheckHasItsOwnErrorAndWritesNothing() {
        TestPartner partner = partner(true);
        CertificateAuthority stranger = CertificateAuthority.root("Not Open Finance");
        IssuedCertificate good = ca.issue(transportFor(partner));
        IssuedCertificate other = ca.issue(transportFor(partner));
        Instant now = Instant.now();

        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("CERTIFICADO_ILEGIVEL", with(pem("TRANSPORT", good), "certificate", "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n"));
        cases.put("CHAVE_PRIVADA_ILEGIVEL", with(pem("TRANSPORT", good), "privateKey", "not a key"));
        cases.put("SENHA_INCORRETA", Map.of("usage", "TRANSPORT", "pkcs12", good.pkcs12Base64("right".toCharArray()), "password", "wrong"));
        cases.put("CHAVE_NAO_CORRESPONDE", with(pem("TRANSPORT", good), "privateKey", other.privateKeyPem()));
        cases.put("CHAVE_FRACA", pem("TRANSPORT", ca.issue(transportFor(partner).withKeyBits(1024))));
        cases.put("CERTIFICADO_EXPIRADO", pem("TRANSPORT", ca.issue(transportFor(partner)
                .withValidity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1))))));
        cases.put("CERTIFICADO_AINDA_NAO_VALIDO", pem("TRANSPORT", ca.issue(transportFor(partner)
                .withValidity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(400))))));
        cases.put("CADEIA_NAO_CONFIAVEL", pem("TRANSPORT", stranger.issue(transportFor(partner))));
        cases.put("USO_DE_CHAVE_INVALIDO", pem("TRANSPORT", ca.issue(transportFor(partner)
                .withExtendedKeyUsage(new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)))));
        cases.put("ORGANIZACAO_DIVERGENTE", pem("TRANSPORT", ca.issue(IssueRequest.transport(UUID.randomUUID().toString(),
                partner.softwareStatementId(), CNPJ, "Loja Ltda", "api.loja.example"))));
        cases.put("SOFTWARE_STATEMENT_DIVERGENTE", pem("TRANSPORT", ca.issue(IssueRequest.transport(partner.organizationId(),
                UUID.randomUUID().toString(), CNPJ, "Loja Ltda", "api.loja.example"))));

        cases.forEach((code, body) -> upload(partner, body).statusCode(422)
                .body("errors.code", hasItem(code))
                .body("errors", hasSize(1)));

        // a signing certificate is checked as one: its UID is the participant code, and it needs nonRepudiation
        upload(partner, pem("SIGNING", ca.issue(IssueRequest.signing(UUID.randomUUID().toString(), CNPJ, "Loja"))))
                .statusCode(422).body("errors.code", equalTo(List.of("ORGANIZACAO_DIVERGENTE")));
        upload(partner, pem("SIGNING", ca.issue(IssueRequest.signing(partner.organizationId(), CNPJ, "Loja")
                .withKeyUsage(KeyUsage.digitalSignature)))).statusCode(422)
                .body("errors.code", equalTo(List.of("USO_DE_CHAVE_INVALIDO")));
        // several problems at once are reported together
        upload(partner, pem("TRANSPORT", stranger.issue(IssueRequest.transport("x", "y", CNPJ, "Loja", "a.example")
                .withValidity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)))))).statusCode(422)
                .body("errors.code", equalTo(List.of("CERTIFICADO_EXPIRADO", "CADEIA_NAO_CONFIAVEL",
                        "ORGANIZACAO_DIVERGENTE", "SOFTWARE_STATEMENT_DIVERGENTE")));
        // malformed requests
        upload(partner, Map.of("certificate", good.chainPem(), "privateKey", good.privateKeyPem())).statusCode(422)
                .body("errors[0].code", equalTo("PARAMETRO_NAO_INFORMADO"));
        upload(partner, Map.of("usage", "SERVER", "certificate", good.chainPem(), "privateKey", good.privateKeyPem())).statusCode(422)
                .body("errors[0].code", equalTo("PARAMETRO_INVALIDO"));
        upload(partner, Map.of("usage", "TRANSPORT", "pkcs12", "%%%")).statusCode(422)
                .body("errors[0].code", equalTo("PARAMETRO_INVALIDO"));

        given().auth().oauth2(partner.token()).get("/v1/certificates").then().statusCode(200).body("data", hasSize(0));
        assertThat(count("select count(*) from certificate where partner_id = '" + partner.id() + "'")).isZero();
    }

    @Test
    void certificatesNeedTheOpenFinanceCredentialsFirst() {
        TestPartner partner = partner(false);
        upload(partner, pem("TRANSPORT", ca.issue(transportFor(partner)))).statusCode(422)
                .body("errors[0].code", equalTo("CREDENCIAIS_NAO_CADASTRADAS"));
        given().auth().oauth2(partner.token()).get("/v1/ofb-credentials").then().statusCode(404);
        given().auth().oauth2(partner.token()).contentType(ContentType.JSON).body(Map.of("organizationId", "has space"))
                .put("/v1/ofb-credentials").then().statusCode(422)
                .body("errors.code", equalTo(List.of("PARAMETRO_INVALIDO", "PARAMETRO_NAO_INFORMADO")));
    }

    @Test
    void theDatabaseHoldsNoPrivateKeyInClear() throws Exception {
        TestPartner partner = partner(true);
        IssuedCertificate issued = ca.issue(transportFor(partner));
        String id = upload(partner, pem("TRANSPORT", issued)).statusCode(201).extract().path("id");

        byte[] pkcs8 = issued.privateKey().getEncoded();
        String pemBody = issued.privateKeyPem().replaceAll("-----[A-Z ]+-----|\\s", "");
        Map<String, Object> row = row(id);
        for (Map.Entry<String, Object> column : row.entrySet()) {
            byte[] bytes = column.getValue() instanceof byte[] b ? b
                    : String.valueOf(column.getValue()).getBytes(StandardCharsets.UTF_8);
            assertThat(indexOf(bytes, pkcs8)).as(column.getKey() + " holds the DER key").isEqualTo(-1);
            assertThat(indexOf(bytes, java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 64, pkcs8.length)))
                    .as(column.getKey() + " holds part of the key").isEqualTo(-1);
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE KEY").doesNotContain(pemBody.substring(0, 40));
        }
        // what is stored is that key, sealed: it opens with the master key and the record's id only
        EnvelopeCipher.Sealed sealed = new EnvelopeCipher.Sealed((byte[]) row.get("key_cipher"), (byte[]) row.get("key_iv"),
                (byte[]) row.get("key_data_key_wrapped"), (byte[]) row.get("key_data_key_iv"), (String) row.get("master_key_id"));
        assertThat(cipher.open(sealed, id)).isEqualTo(pkcs8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cipher.open(sealed, UUID.randomUUID().toString()))
                .isInstanceOf(IllegalStateException.class);
    }

    @ConfigProperty(name = "ponte.test.previous-master-key")
    String previousMasterKey;

    @Test
    void aKeySealedUnderAPreviousMasterKeyIsRewrappedUnderTheCurrentOne() throws Exception {
        TestPartner partner = partner(true);
        IssuedCertificate issued = ca.issue(transportFor(partner));
        String id = upload(partner, pem("TRANSPORT", issued)).statusCode(201).extract().path("id");
        // as if sealed before the rotation, under the previous master key mk0
        EnvelopeCipher.Sealed old = new EnvelopeCipher(previousMasterKey, "mk0", "test").seal(issued.privateKey().getEncoded(), id);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/vault", "postgres", "postgres");
             var update = c.prepareStatement("update certificate set key_cipher = ?, key_iv = ?, key_data_key_wrapped = ?, "
                     + "key_data_key_iv = ?, master_key_id = ? where id = ?::uuid")) {
            update.setBytes(1, old.ciphertext());
            update.setBytes(2, old.iv());
            update.setBytes(3, old.wrappedDataKey());
            update.setBytes(4, old.dataKeyIv());
            update.setString(5, "mk0");
            update.setString(6, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> cipher.masterKeyId().equals(row(id).get("master_key_id")));
        Map<String, Object> row = row(id);
        assertThat((byte[]) row.get("key_cipher")).isEqualTo(old.ciphertext()); // only the data key was re-wrapped
        EnvelopeCipher currentOnly = new EnvelopeCipher(currentMasterKey, cipher.masterKeyId(), "test");
        assertThat(currentOnly.open(new EnvelopeCipher.Sealed((byte[]) row.get("key_cipher"), (byte[]) row.get("key_iv"),
                (byte[]) row.get("key_data_key_wrapped"), (byte[]) row.get("key_data_key_iv"), (String) row.get("master_key_id")), id))
                .isEqualTo(issued.privateKey().getEncoded());
        assertThat(count("select count(*) from certificate where master_key_id = 'mk0'")).isZero();
    }

    @ConfigProperty(name = "ponte.vault.master-key")
    String currentMasterKey;

    @Test
    void aPartnerNeverSeesOrTouchesAnotherPartnersCertificates() {
        TestPartner owner = partner(true);
        TestPartner intruder = partner(true);
        String id = upload(owner, pem("TRANSPORT", ca.issue(transportFor(owner)))).statusCode(201).extract().path("id");

        given().auth().oauth2(intruder.token()).get("/v1/certificates/" + id).then().statusCode(404);
        given().auth().oauth2(intruder.token()).get("/v1/certificates").then().statusCode(200).body("data", hasSize(0));
        given().auth().oauth2(intruder.token()).contentType(ContentType.JSON).body(pem("TRANSPORT", ca.issue(transportFor(intruder))))
                .put("/v1/certificates/" + id).then().statusCode(404);
        given().auth().oauth2(intruder.token()).post("/v1/certificates/" + id + "/revoke").then().statusCode(404);
        given().auth().oauth2(owner.token()).get("/v1/certificates/" + id).then().statusCode(200).body("status", equalTo("ACTIVE"));

        given().get("/v1/certificates").then().statusCode(401).body("errors[0].code", equalTo("NAO_AUTORIZADO"));
        given().auth().oauth2(owner.token() + "x").get("/v1/certificates").then().statusCode(401);
    }

    @Test
    void aCertificateCloseToExpiryIsAnnouncedOncePerThreshold() {
        TestPartner partner = partner(true);
        Instant now = Instant.now();
        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "certificate.events")) {
            String id = upload(partner, pem("TRANSPORT", ca.issue(transportFor(partner)
                    .withValidity(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(5)).plus(Duration.ofHours(1))))))
                    .statusCode(201).extract().path("id");

            var notices = probe.awaitRecords(r -> id.equals(r.key()), 1, Duration.ofSeconds(30));
            var event = br.com.ponte.events.EventCodec.decode(notices.get(0).value());
            assertThat(event.type()).isEqualTo("certificate:expiring");
            assertThat(event.partnerId()).isEqualTo(partner.id());
            assertThat(event.subject()).isEqualTo(id);
            var data = readTree(notices.get(0).value()).path("data");
            assertThat(data.path("certificateId").asText()).isEqualTo(id);
            assertThat(data.path("usage").asText()).isEqualTo("TRANSPORT");
            assertThat(data.path("daysLeft").asInt()).isEqualTo(5);
            // the watcher runs every second: still one notice for the 7-day threshold a few runs later
            assertThat(probe.recordsWithin(r -> id.equals(r.key()), Duration.ofSeconds(4))).hasSize(1);
        }
        assertThat(count("select expiry_notice_days from certificate where partner_id = '" + partner.id() + "'")).isEqualTo(7);
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return br.com.ponte.events.EventCodec.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    private static String sha256Hex(IssuedCertificate issued) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(issued.certificate().getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> row(String id) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/vault", "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery("select * from certificate where id = '" + id + "'")) {
            assertThat(rs.next()).isTrue();
            ResultSetMetaData meta = rs.getMetaData();
            Map<String, Object> row = new HashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.put(meta.getColumnName(i), rs.getObject(i));
            }
            return row;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/vault", "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
