package br.com.ponte.vault;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.EventTime;
import br.com.ponte.events.data.AuditRecorded;
import br.com.ponte.events.data.CertificateExpiring;
import br.com.ponte.infra.TopicProbe;
import br.com.ponte.pki.CertificateAuthority;
import br.com.ponte.pki.IssueRequest;
import br.com.ponte.pki.IssuedCertificate;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The audit log as an operator reads it through {@code GET /v1/audit-log}: the vault's own actions
 * (a partner created, its Open Finance credentials set, certificates uploaded, replaced and revoked,
 * its keys used for signing and released for mutual TLS, its client at a transmitter set) each become
 * one entry, through the same
 * path as every service's (outbox → audit.events → the vault's consumer): who, what, which resource,
 * when, with filters and pages, and never a secret. Only the admin token reads it; the table refuses
 * UPDATE, DELETE and TRUNCATE; a redelivered event is stored once, a record that is not an audit
 * event goes to audit.events.dlq.
 */
@QuarkusTest
@WithTestResource(VaultTestResource.class)
class AuditLogIT {

    static final String CNPJ = "11222333000181";

    @ConfigProperty(name = "ponte.vault.admin-token")
    String adminToken;

    @ConfigProperty(name = "ponte.test.ca-dir")
    String caDir;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    CertificateAuthority ca;

    @BeforeEach
    void loadCa() {
        ca = CertificateAuthority.load(Path.of(caDir));
    }

    @Test
    void theOperatorReadsWhoDidWhatToWhichResourceAndWhen() throws Exception {
        Instant started = Instant.now().minusSeconds(1);
        // the operator onboards a partner; its secret and token are kept to look for them in the log
        JsonPath created = given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(Map.of("name", "Loja Auditada")).post("/v1/partners").then().statusCode(201).extract().jsonPath();
        String partnerId = created.getString("id");
        String clientSecret = created.getString("clientSecret");
        String token = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", created.getString("clientId")).formParam("client_secret", clientSecret)
                .post("/v1/oauth/token").then().statusCode(200).extract().path("access_token");
        String organizationId = UUID.randomUUID().toString();
        String softwareStatementId = UUID.randomUUID().toString();
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("organizationId", organizationId, "softwareStatementId", softwareStatementId))
                .put("/v1/ofb-credentials").then().statusCode(200);

        // a signing certificate uploaded, used by consent-service to sign, replaced, and its replacement revoked
        IssuedCertificate first = ca.issue(IssueRequest.signing(organizationId, CNPJ, "Loja Auditada"));
        String firstId = upload(token, "SIGNING", first);
        String jws = given().auth().preemptive().basic("consent-service", VaultTestResource.INTERNAL_SECRET)
                .contentType(ContentType.JSON)
                .body(Map.of("claims", Map.of("iss", "client-1", "sub", "client-1", "aud", "https://bank.example/token",
                        "jti", UUID.randomUUID().toString()), "type", "JWT"))
                .post("/internal/v1/partners/" + partnerId + "/jws").then().statusCode(200).extract().path("jws");
        IssuedCertificate second = ca.issue(IssueRequest.signing(organizationId, CNPJ, "Loja Auditada"));
        String secondId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("certificate", second.chainPem(), "privateKey", second.privateKeyPem()))
                .put("/v1/certificates/" + firstId).then().statusCode(200).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "chave comprometida"))
                .post("/v1/certificates/" + secondId + "/revoke").then().statusCode(200);
        // a transport certificate, released to consent-service for mutual TLS
        IssuedCertificate transport = ca.issue(IssueRequest.transport(organizationId, softwareStatementId, CNPJ,
                "Loja Auditada", "api.loja.example"));
        String transportId = upload(token, "TRANSPORT", transport);
        given().auth().preemptive().basic("consent-service", VaultTestResource.INTERNAL_SECRET)
                .get("/internal/v1/partners/" + partnerId + "/transport-identity").then().statusCode(200);
        // its client id at a transmitter, set by hand
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("clientId", "client-at-bank"))
                .put("/v1/ofb-credentials/transmitters/as-audit").then().statusCode(200);

        List<Map<String, Object>> entries = awaitEntries("partnerId=" + partnerId, 10);
        Instant finished = Instant.now().plusSeconds(1);
        assertThat(entries).extracting(e -> e.get("action") + " " + e.get("resourceId")).containsExactlyInAnyOrder(
                "partner.created " + partnerId,
                "ofb-credentials.set " + partnerId,
                "certificate.uploaded " + firstId,
                "certificate.key-used " + firstId,
                "certificate.uploaded " + secondId,
                "certificate.replaced " + firstId,
                "certificate.revoked " + secondId,
                "certificate.uploaded " + transportId,
                "certificate.key-released " + transportId,
                "transmitter-client.set as-audit");
        List<Instant> times = new ArrayList<>();
        for (Map<String, Object> entry : entries) {
            Instant time = Instant.parse((String) entry.get("time"));
            assertThat(time).as("when: %s", entry).isBetween(started, finished);
            times.add(time);
            assertThat(entry.get("partnerId")).isEqualTo(partnerId);
            assertThat(entry.get("source")).isEqualTo("certificate-vault");
            assertThat(UUID.fromString((String) entry.get("id"))).isNotNull();
        }
        assertThat(times).as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());

        // who: the operator (no id), the partner, consent-service on the internal API
        Map<String, Object> onboarded = only(entries, "partner.created");
        assertThat(onboarded.get("actor")).isEqualTo(actor("OPERATOR", null));
        assertThat(onboarded.get("resourceType")).isEqualTo("partner");
        assertThat(details(onboarded)).containsEntry("name", "Loja Auditada").containsEntry("clientId", created.getString("clientId"));
        Map<String, Object> credentials = only(entries, "ofb-credentials.set");
        assertThat(credentials.get("actor")).isEqualTo(actor("PARTNER", partnerId));
        assertThat(details(credentials)).containsEntry("organizationId", organizationId)
                .containsEntry("softwareStatementId", softwareStatementId);
        Map<String, Object> signed = only(entries, "certificate.key-used");
        assertThat(signed.get("actor")).isEqualTo(actor("SERVICE", "consent-service"));
        assertThat(signed.get("resourceType")).isEqualTo("certificate");
        assertThat(details(signed)).containsEntry("usage", "SIGNING").containsEntry("operation", "jws")
                .containsEntry("type", "JWT").containsEntry("object", "client-assertion")
                .containsKeys("serialNumber", "fingerprintSha256");
        Map<String, Object> released = only(entries, "certificate.key-released");
        assertThat(released.get("actor")).isEqualTo(actor("SERVICE", "consent-service"));
        assertThat(details(released)).containsEntry("usage", "TRANSPORT").containsEntry("operation", "transport-identity");
        Map<String, Object> replaced = only(entries, "certificate.replaced");
        assertThat(replaced.get("actor")).isEqualTo(actor("PARTNER", partnerId));
        assertThat(details(replaced)).containsEntry("replacedBy", secondId).containsEntry("usage", "SIGNING");
        assertThat(details(only(entries, "transmitter-client.set"))).containsEntry("clientId", "client-at-bank")
                .containsEntry("source", "MANUAL").containsEntry("authorisationServerId", "as-audit");
        Map<String, Object> revoked = only(entries, "certificate.revoked");
        assertThat(details(revoked)).containsEntry("reason", "chave comprometida");
        assertThat(entries.stream().filter(e -> e.get("action").equals("certificate.uploaded"))
                .filter(e -> e.get("resourceId").equals(secondId)).findFirst().map(AuditLogIT::details).orElseThrow())
                .containsEntry("replaces", firstId);

        // the entry is the event the vault's outbox put on audit.events, keyed by its own subject
        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "audit.events")) {
            List<ConsumerRecord<String, String>> records = probe.awaitRecords(
                    r -> ("audit:partner:" + partnerId).equals(r.key()), 1, Duration.ofSeconds(30));
            EventEnvelope event = EventCodec.decode(records.get(0).value());
            assertThat(event.id()).isEqualTo(onboarded.get("id"));
            assertThat(event.partnerId()).isEqualTo(partnerId);
            assertThat(event.dataAs(AuditRecorded.class).action()).isEqualTo("partner.created");
        }

        // filters
        assertThat(page("partnerId=" + partnerId + "&action=certificate.uploaded").getList("data.resourceId"))
                .containsExactlyInAnyOrder(firstId, secondId, transportId);
        assertThat(page("resourceType=certificate&resourceId=" + firstId).getList("data.action"))
                .containsExactlyInAnyOrder("certificate.uploaded", "certificate.key-used", "certificate.replaced");
        assertThat(page("partnerId=" + partnerId + "&resourceType=partner").getList("data.action")).containsExactly("partner.created");
        assertThat(page("partnerId=" + partnerId + "&from=" + started + "&to=" + finished).getInt("meta.totalRecords")).isEqualTo(10);
        assertThat(page("partnerId=" + partnerId + "&to=" + started).getList("data")).isEmpty();
        assertThat(page("partnerId=" + partnerId + "&from=" + finished).getList("data")).isEmpty();
        Instant signedAt = Instant.parse((String) signed.get("time"));
        assertThat(page("partnerId=" + partnerId + "&action=certificate.key-used&from=" + signedAt + "&to=" + signedAt.plusMillis(1))
                .getList("data.id")).containsExactly(signed.get("id"));

        // pages: 10 entries in pages of 4, newest first, each entry once, links like Open Finance's lists
        JsonPath one = page("partnerId=" + partnerId + "&page-size=4");
        assertThat(one.getList("data")).hasSize(4);
        assertThat(one.getInt("meta.totalRecords")).isEqualTo(10);
        assertThat(one.getInt("meta.totalPages")).isEqualTo(3);
        assertThat(one.getString("meta.requestDateTime")).isNotBlank();
        assertThat(one.getString("links.self")).isEqualTo("/v1/audit-log?partnerId=" + partnerId + "&page-size=4&page=1");
        assertThat(one.getString("links.first")).endsWith("&page=1");
        assertThat(one.getString("links.last")).endsWith("&page=3");
        assertThat(one.getString("links.prev")).isNull();
        JsonPath two = get(one.getString("links.next"));
        JsonPath three = get(two.getString("links.next"));
        assertThat(two.getString("links.prev")).isEqualTo(one.getString("links.self"));
        assertThat(three.getList("data")).hasSize(2);
        assertThat(three.getString("links.next")).isNull();
        List<String> paged = new ArrayList<>();
        for (JsonPath p : List.of(one, two, three)) {
            paged.addAll(p.getList("data.id"));
        }
        assertThat(paged).containsExactlyElementsOf(entries.stream().map(e -> (String) e.get("id")).toList());

        // no secret anywhere in the answer: not the keys, not the client secret, not the tokens or the signature
        String everything = given().auth().oauth2(adminToken).queryParam("partnerId", partnerId).queryParam("page-size", 1000)
                .get("/v1/audit-log").then().statusCode(200).extract().asString();
        assertThat(everything).doesNotContain("PRIVATE KEY", clientSecret, token, jws, jws.split("\\.")[2]);
        for (IssuedCertificate issued : List.of(first, second, transport)) {
            for (String line : issued.privateKeyPem().split("\n")) {
                if (!line.startsWith("-----") && line.length() > 20) {
                    assertThat(everything).doesNotContain(line);
                }
            }
        }
        try (Connection db = db(); PreparedStatement rows = db.prepareStatement(
                "select details::text, coalesce(actor_id, '') from audit_log where partner_id = ?")) {
            rows.setString(1, partnerId);
            try (ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getString(1) + rs.getString(2)).doesNotContain("PRIVATE KEY", clientSecret, token, jws);
                }
            }
        }
    }

    @Test
    void onlyTheAdminTokenReadsTheLogAndBadFiltersAreRefused() {
        TestPartner partner = TestPartner.onboard(adminToken, false);
        for (var request : List.of(given(), given().auth().oauth2("wrong-" + adminToken), given().auth().oauth2(partner.token()),
                given().header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        ("consent-service:" + VaultTestResource.INTERNAL_SECRET).getBytes(StandardCharsets.UTF_8))))) {
            request.get("/v1/audit-log").then().statusCode(401)
                    .body("errors[0].code", equalTo("NAO_AUTORIZADO"))
                    .body("errors[0].title", org.hamcrest.Matchers.notNullValue())
                    .body("meta.requestDateTime", org.hamcrest.Matchers.notNullValue());
        }
        given().auth().oauth2(adminToken).queryParam("page-size", 1001).queryParam("from", "yesterday")
                .queryParam("action", "Revoked").get("/v1/audit-log").then().statusCode(422)
                .body("errors.code", org.hamcrest.Matchers.everyItem(equalTo("PARAMETRO_INVALIDO")))
                .body("errors", org.hamcrest.Matchers.hasSize(3));
        given().auth().oauth2(adminToken).queryParam("from", "2025-03-14T13:00:00Z").queryParam("to", "2025-03-14T12:00:00Z")
                .get("/v1/audit-log").then().statusCode(422).body("errors[0].code", equalTo("PARAMETRO_INVALIDO"));
        given().auth().oauth2(adminToken).queryParam("page", 0).get("/v1/audit-log").then().statusCode(422);

        // documented: the operation, its admin bearer scheme, its filters and its answers
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> operation = openapi.getMap("paths.'/v1/audit-log'.get");
        assertThat(operation).containsKeys("summary", "description", "parameters", "responses", "security");
        assertThat(openapi.getList("paths.'/v1/audit-log'.get.parameters.name")).contains("partnerId", "action",
                "resourceType", "resourceId", "from", "to", "page", "page-size");
        assertThat(openapi.getMap("paths.'/v1/audit-log'.get.responses")).containsKeys("200", "401", "422");
        assertThat(openapi.getString("components.securitySchemes.adminToken.scheme")).isEqualTo("bearer");
    }

    @Test
    void theLogIsAppendOnlyEvenForSql() throws Exception {
        TestPartner partner = TestPartner.onboard(adminToken, true);
        awaitEntries("partnerId=" + partner.id(), 2);
        try (Connection db = db()) {
            long before = count(db, partner.id());
            assertRefused(db, "update audit_log set action = 'partner.forged' where partner_id = '" + partner.id() + "'");
            assertRefused(db, "update audit_log set details = '{}'");
            assertRefused(db, "delete from audit_log where partner_id = '" + partner.id() + "'");
            assertRefused(db, "delete from audit_log where false");
            assertRefused(db, "truncate audit_log");
            assertThat(count(db, partner.id())).isEqualTo(before).isEqualTo(2);
            try (ResultSet rs = db.createStatement().executeQuery(
                    "select count(*) from audit_log where partner_id = '" + partner.id() + "' and action = 'partner.forged'")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    @Test
    void aRedeliveredEventIsStoredOnceAndARecordThatIsNotAnAuditEventGoesToTheDeadLetters() throws Exception {
        String resourceId = UUID.randomUUID().toString();
        String subject = "audit:webhook-endpoint:" + resourceId;
        EventEnvelope event = EventEnvelope.create(new AuditRecorded("PARTNER", "p-" + resourceId, "webhook-endpoint.deleted",
                "webhook-endpoint", resourceId, Map.of("url", "https://loja.example/hooks"), null),
                "webhook-dispatcher", subject, "p-" + resourceId, EventTime.now(), 1);
        EventEnvelope later = EventEnvelope.create(new AuditRecorded("SYSTEM", "webhook-dispatcher", "webhook-endpoint.disabled",
                "webhook-endpoint", resourceId, Map.of("reason", "GONE"), null),
                "webhook-dispatcher", subject, "p-" + resourceId, EventTime.now(), 2);
        EventEnvelope notAudit = EventEnvelope.create(new CertificateExpiring(resourceId, "SIGNING", "01", Instant.now(), 7),
                "certificate-vault", subject, "p-" + resourceId, EventTime.now(), 3);
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        // one key, one partition: the consumer reads them in this order
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>("audit.events", subject, EventCodec.encode(event))).get();
            producer.send(new ProducerRecord<>("audit.events", subject, EventCodec.encode(event))).get();
            producer.send(new ProducerRecord<>("audit.events", subject, "not an event")).get();
            producer.send(new ProducerRecord<>("audit.events", subject, EventCodec.encode(notAudit))).get();
            producer.send(new ProducerRecord<>("audit.events", subject, EventCodec.encode(later))).get();
        }
        // the last one stored means every earlier one was read
        List<Map<String, Object>> entries = awaitEntries("resourceId=" + resourceId, 2);
        assertThat(entries).extracting(e -> e.get("id")).containsExactlyInAnyOrder(event.id(), later.id());
        Map<String, Object> deleted = only(entries, "webhook-endpoint.deleted");
        assertThat(deleted.get("actor")).isEqualTo(actor("PARTNER", "p-" + resourceId));
        assertThat(deleted.get("source")).isEqualTo("webhook-dispatcher");
        assertThat(Instant.parse((String) deleted.get("time"))).isEqualTo(event.time());
        assertThat(only(entries, "webhook-endpoint.disabled").get("actor")).isEqualTo(actor("SYSTEM", "webhook-dispatcher"));

        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "audit.events.dlq")) {
            List<ConsumerRecord<String, String>> dead = probe.awaitRecords(r -> subject.equals(r.key()), 2, Duration.ofSeconds(30));
            assertThat(dead).extracting(ConsumerRecord::value).containsExactly("not an event", EventCodec.encode(notAudit));
            for (ConsumerRecord<String, String> record : dead) {
                assertThat(new String(record.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8))
                        .isEqualTo("audit.events");
                assertThat(record.headers().lastHeader("dead-letter-reason")).isNotNull();
            }
        }
        try (Connection db = db(); ResultSet rs = db.createStatement().executeQuery(
                "select count(*) from audit_log where resource_id = '" + resourceId + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(2);
        }
    }

    String upload(String token, String usage, IssuedCertificate issued) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("usage", usage, "certificate", issued.chainPem(), "privateKey", issued.privateKeyPem()))
                .post("/v1/certificates").then().statusCode(201).extract().path("id");
    }

    /** The entries of a query once there are {@code count} of them (the log is written from Kafka). */
    List<Map<String, Object>> awaitEntries(String query, int count) {
        List<List<Map<String, Object>>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<Map<String, Object>> data = page(query + "&page-size=1000").getList("data");
            assertThat(data).hasSizeGreaterThanOrEqualTo(count);
            found.add(0, data);
        });
        // and no more than that: nothing is logged twice
        List<Map<String, Object>> data = found.get(0);
        assertThat(data).hasSize(count);
        Set<Object> ids = new HashSet<>();
        data.forEach(e -> ids.add(e.get("id")));
        assertThat(ids).hasSize(count);
        return data;
    }

    JsonPath page(String query) {
        return get("/v1/audit-log?" + query);
    }

    JsonPath get(String pathAndQuery) {
        return given().auth().oauth2(adminToken).urlEncodingEnabled(false).get(pathAndQuery)
                .then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> only(List<Map<String, Object>> entries, String action) {
        List<Map<String, Object>> matching = entries.stream().filter(e -> action.equals(e.get("action"))).toList();
        assertThat(matching).as(action).hasSize(1);
        return matching.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> details(Map<String, Object> entry) {
        return (Map<String, String>) entry.get("details");
    }

    /** The actor as the API answers it (an operator has no id: absent). */
    static Map<String, Object> actor(String type, String id) {
        return id == null ? Map.of("type", type) : Map.of("type", type, "id", id);
    }

    Connection db() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/vault", "postgres", "postgres");
    }

    static long count(Connection db, String partnerId) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery("select count(*) from audit_log where partner_id = '" + partnerId + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void assertRefused(Connection db, String sql) {
        assertThatThrownBy(() -> db.createStatement().execute(sql)).as(sql).isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");
    }
}
