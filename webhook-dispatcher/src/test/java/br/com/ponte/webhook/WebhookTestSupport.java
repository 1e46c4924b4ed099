package br.com.ponte.webhook;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.EventTime;
import br.com.ponte.events.data.ConsentApproved;
import br.com.ponte.events.data.ConsentCreated;
import br.com.ponte.events.data.PaymentSummary;
import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.restassured.RestAssured.given;

/** What the dispatcher's integration tests share: registering endpoints, publishing events, reading the database. */
final class WebhookTestSupport implements AutoCloseable {

    final String bootstrap;
    final int dbPort;
    final KafkaProducer<String, String> producer;

    WebhookTestSupport(String bootstrap, int dbPort) {
        this.bootstrap = bootstrap;
        this.dbPort = dbPort;
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    /** Registers the receiver for the partner and tells it the secret to verify with; returns the answer. */
    static JsonPath register(String partner, WebhookReceiver receiver, Map<String, Object> extra) {
        return register(partner, receiver.url(), receiver, extra);
    }

    /** The same, at a URL of the test's choosing that leads to the receiver. */
    static JsonPath register(String partner, String url, WebhookReceiver receiver, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("url", url, "eventTypes", List.of()));
        body.putAll(extra);
        JsonPath answer = given().auth().oauth2(PartnerTokens.issue(partner)).contentType(ContentType.JSON).body(body)
                .post("/v1/webhook-endpoints").then().statusCode(201).extract().jsonPath();
        if (answer.getString("secret") != null) {
            receiver.verifyWith(answer.getString("secret"));
        }
        return answer;
    }

    static EventEnvelope created(String partner, String consentId, long sequence) {
        return EventEnvelope.create(new ConsentCreated(consentId, "sandbox-bank", null, "AWAITING_AUTHORISATION",
                        Instant.now().plusSeconds(300), new PaymentSummary("10.00", "BRL", "2026-11-22", "Loja", "11222333000181", null)),
                "consent-service", consentId, partner, EventTime.now(), sequence);
    }

    static EventEnvelope approved(String partner, String consentId, long sequence) {
        return EventEnvelope.create(new ConsentApproved(consentId, "urn:sandbox:" + consentId, "AUTHORISED",
                Instant.now(), Instant.now().plusSeconds(3600)), "consent-service", consentId, partner, EventTime.now(), sequence);
    }

    void publish(EventEnvelope event) throws Exception {
        producer.send(new ProducerRecord<>("consent.events", event.subject(), EventCodec.encode(event))).get();
    }

    Connection db() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/webhook", "postgres", "postgres");
    }

    @Override
    public void close() {
        producer.close();
    }
}
