package br.com.ponte.collection;

import br.com.ponte.collection.domain.Json;
import br.com.ponte.collection.domain.Operation;
import br.com.ponte.collection.worker.TaskWorker;
import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.TopicProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * What the module's integration tests share: sharing events sent to the real broker, the stand-in
 * bank and grants, the task worker run by hand, the database read over JDBC, the partner API called
 * with partner tokens. Each test makes its own partner, consent and resource ids.
 */
abstract class CollectionTestSupport {

    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    static final List<String> ACCOUNT_PERMISSIONS = List.of("ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ",
            "ACCOUNTS_TRANSACTIONS_READ", "ACCOUNTS_OVERDRAFT_LIMITS_READ", "RESOURCES_READ");

    @Inject
    StandInBank bank;

    @Inject
    StandInGrants grants;

    @Inject
    TaskWorker worker;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    SharingEvents events;

    @BeforeEach
    void openProducer() {
        events = new SharingEvents(bootstrap);
    }

    @AfterEach
    void closeProducer() {
        events.close();
    }

    /** A consent of a new partner, authorised (the event consumed). */
    record Consent(String id, String partner) {
    }

    Consent authorised(List<String> permissions) {
        Consent consent = new Consent(UUID.randomUUID().toString(), "partner-" + UUID.randomUUID());
        events.authorised(consent.id(), consent.partner(), permissions);
        awaitCount("select count(*) from sharing_consent where id = ?::uuid", 1, consent.id());
        return consent;
    }

    /** Shares a resource and waits until its tasks are planned. */
    void share(Consent consent, String resourceId, String type, int tasks) {
        events.shared(consent.id(), consent.partner(), resourceId, type, List.of());
        awaitCount("select count(*) from collection_task where consent_id = ?::uuid and resource_id = ?", tasks, consent.id(), resourceId);
    }

    int collect() {
        return worker.runDue().await().atMost(Duration.ofSeconds(120));
    }

    /** Makes a consent's tasks (of an operation, or all) due now and collects. */
    void collectAgain(Consent consent, Operation op) {
        update("update collection_task set next_run_at = now() - interval '1 second' where consent_id = ?::uuid"
                + (op == null ? "" : " and operation = '" + op.name() + "'"), consent.id());
        collect();
    }

    RequestSpecification api(String partner) {
        return given().auth().oauth2(PartnerTokens.issue(partner));
    }

    RequestSpecification api(Consent consent) {
        return api(consent.partner());
    }

    static Duration seconds(int s) {
        return Duration.ofSeconds(s);
    }

    static LocalDate today() {
        return LocalDate.now(SAO_PAULO);
    }

    static ObjectNode object(String json) {
        return (ObjectNode) Json.read(json);
    }

    static JsonNode json(String text) {
        return Json.read(text);
    }

    // Database

    Connection db() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/collection", "postgres", "postgres");
    }

    long count(String sql, Object... params) {
        return ((Number) single(sql, params)).longValue();
    }

    Object single(String sql, Object... params) {
        List<List<Object>> rows = rows(sql, params);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    List<List<Object>> rows(String sql, Object... params) {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.add(r.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void update(String sql, Object... params) {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void awaitCount(String sql, long expected, Object... params) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> count(sql, params) >= expected);
    }

    // collection.events

    /** The events of a consent on collection.events of these types, once {@code count} arrived. */
    List<EventEnvelope> collectionEvents(String consentId, String type, int count) {
        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "collection.events")) {
            return probe.awaitRecords(r -> ("collection:" + consentId).equals(r.key()) && type.equals(typeOf(r)), count, Duration.ofSeconds(30))
                    .stream().map(r -> EventCodec.decode(r.value())).toList();
        }
    }

    /** Every event of a type for a consent seen within a short window (to assert how many, none more). */
    List<EventEnvelope> collectionEventsWithin(String consentId, String type, Duration window) {
        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "collection.events")) {
            return probe.recordsWithin(r -> ("collection:" + consentId).equals(r.key()) && type.equals(typeOf(r)), window)
                    .stream().map(r -> EventCodec.decode(r.value())).toList();
        }
    }

    private static String typeOf(ConsumerRecord<String, String> record) {
        return Json.read(record.value()).path("type").asText();
    }
}
