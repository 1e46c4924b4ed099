package br.com.ponte.consent;

import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.infra.TopicProbe;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A partner's call and the events it causes are one trace: the request's span (child of the partner's
 * own {@code traceparent}, when it sends one) writes its trace into the outbox row with the event, and
 * the relay puts it on the Kafka record as the {@code traceparent} header, where the dispatcher picks it
 * up (webhook-dispatcher's WebhookTracingIT) and carries it onto the webhook.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "consent"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class ConsentTracingIT {

    static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    static final String PARTNER_SPAN = "b7ad6b7169203331";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void thePartnersTraceGoesThroughTheOutboxOntoTheEventsRecords() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        String id = given().auth().oauth2(PartnerTokens.issue(partner)).contentType(ContentType.JSON)
                .header("traceparent", "00-" + TRACE + "-" + PARTNER_SPAN + "-01")
                .body(ConsentRequests.valid())
                .when().post("/v1/payment-consents").then().statusCode(201).extract().path("id");

        // the request's server span continues the partner's trace
        SpanData server = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(TRACE) && s.getKind() == SpanKind.SERVER).findFirst().orElse(null), s -> s != null);
        assertThat(server.getParentSpanId()).isEqualTo(PARTNER_SPAN);
        assertThat(server.getName()).contains("/v1/payment-consents");

        // both events' rows and records carry that trace, from a span of the request
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/consent", "postgres", "postgres");
             ResultSet rows = db.createStatement().executeQuery("select traceparent from outbox where aggregateid = '" + id + "'")) {
            List<String> stored = new ArrayList<>();
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
            assertThat(stored).hasSize(2).allMatch(t -> t.startsWith("00-" + TRACE + "-"));
        }
        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "consent.events")) {
            List<ConsumerRecord<String, String>> records = probe.awaitRecords(r -> id.equals(r.key()), 2, Duration.ofSeconds(30));
            Set<String> requestSpans = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(TRACE))
                    .map(SpanData::getSpanId).collect(Collectors.toSet());
            for (ConsumerRecord<String, String> record : records) {
                Header header = record.headers().lastHeader("traceparent");
                assertThat(header).as("traceparent on %s", record.value()).isNotNull();
                String[] parts = new String(header.value(), StandardCharsets.UTF_8).split("-");
                assertThat(parts[1]).isEqualTo(TRACE);
                assertThat(requestSpans).as("the span that wrote the event belongs to the request").contains(parts[2]);
            }
        }
    }
}
