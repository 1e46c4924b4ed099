package br.com.ponte.webhook;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.infra.WebhookReceiver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A webhook goes on the trace its event was published in: the record's {@code traceparent} header
 * (put there by the outbox relay from the request that wrote the event) makes the delivery a client
 * span of that trace, and the partner receives the trace as {@code traceparent}. An event without one
 * starts a trace of its own.
 */
@QuarkusTest
@WithTestResource(DispatcherTestResource.class)
class WebhookTracingIT {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PUBLISHER_SPAN = "00f067aa0ba902b7";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theWebhookCarriesTheTraceItsEventWasPublishedIn() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            WebhookTestSupport.register(partner, receiver, Map.of());
            EventEnvelope traced = WebhookTestSupport.created(partner, UUID.randomUUID().toString(), 1);
            EventEnvelope untraced = WebhookTestSupport.created(partner, UUID.randomUUID().toString(), 1);
            publish(traced, "00-" + TRACE + "-" + PUBLISHER_SPAN + "-01");
            publish(untraced, null);

            WebhookReceiver.Received got = receiver.await(r -> traced.id().equals(r.webhookId()), 1, Duration.ofSeconds(30)).get(0);
            String traceparent = got.headers().get("traceparent").get(0);
            assertThat(got.headers().get("traceparent")).hasSize(1);
            assertThat(traceparent).matches("00-" + TRACE + "-[0-9a-f]{16}-01");
            String deliverySpan = traceparent.split("-")[2];

            // the delivery is a client span of the event's trace, child of the span that published the event
            SpanData delivery = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getSpanId().equals(deliverySpan)).findFirst().orElse(null), s -> s != null);
            assertThat(delivery.getTraceId()).isEqualTo(TRACE);
            assertThat(delivery.getParentSpanId()).isEqualTo(PUBLISHER_SPAN);
            assertThat(delivery.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(delivery.getName()).isEqualTo("POST webhook");
            assertThat(delivery.getAttributes().get(AttributeKey.stringKey("webhook.id"))).isEqualTo(traced.id());
            assertThat(delivery.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                    .isEqualTo((long) got.answeredWith());

            // an event published outside any trace: its webhook starts one
            WebhookReceiver.Received other = receiver.await(r -> untraced.id().equals(r.webhookId()), 1, Duration.ofSeconds(30)).get(0);
            assertThat(other.headers().get("traceparent")).singleElement().asString()
                    .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").doesNotContain(TRACE);
            assertThat(EventCodec.decode(got.body())).isEqualTo(traced);
        }
    }

    private void publish(EventEnvelope event, String traceparent) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> record = new ProducerRecord<>("consent.events", event.subject(), EventCodec.encode(event));
            record.headers().add("id", event.id().getBytes(StandardCharsets.UTF_8));
            if (traceparent != null) {
                record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
            }
            producer.send(record).get();
        }
    }
}
