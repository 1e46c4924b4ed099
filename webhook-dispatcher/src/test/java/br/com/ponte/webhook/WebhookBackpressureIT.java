package br.com.ponte.webhook;

import br.com.ponte.events.EventEnvelope;
import br.com.ponte.infra.WebhookReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An overload: events come faster than the partner's endpoint takes them. Past the bound on due
 * deliveries, ingest waits and the events stay in Kafka rather than piling up in the dispatcher's
 * database; once the endpoint keeps up again, every event arrives, once.
 */
@QuarkusTest
@TestProfile(WebhookBackpressureIT.Profile.class)
@WithTestResource(DispatcherTestResource.class)
class WebhookBackpressureIT {

    static final int BOUND = 20;
    static final int POLL = 10;
    static final int EVENTS = 150;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ponte.webhook.max-in-flight", "2",
                    "ponte.webhook.max-due-backlog", String.valueOf(BOUND),
                    "mp.messaging.incoming.consent-events.max.poll.records", String.valueOf(POLL));
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Test
    void pastTheBoundTheEventsWaitInKafkaThenAllArriveOnce() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        try (WebhookTestSupport support = new WebhookTestSupport(bootstrap, dbPort);
             WebhookReceiver receiver = WebhookReceiver.start();
             Connection db = support.db()) {
            WebhookTestSupport.register(partner, receiver, Map.of());
            AtomicBoolean slow = new AtomicBoolean(true);
            receiver.answerWith((body, headers) -> {
                if (slow.get()) {
                    sleep(500);
                }
                return WebhookReceiver.Answer.of(204);
            });
            List<EventEnvelope> events = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                EventEnvelope event = WebhookTestSupport.created(partner, UUID.randomUUID().toString(), 1);
                events.add(event);
                support.publish(event);
            }

            // 2 in flight at 500 ms each: 4 deliveries/s while 150 events wait
            int mostDue = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (System.nanoTime() < deadline) {
                mostDue = Math.max(mostDue, count(db, "select count(*) from webhook_delivery d join webhook_message m"
                        + " on m.id = d.message_id where m.partner_id = '" + partner + "' and d.status = 'PENDING'"));
                Thread.sleep(100);
            }
            int stored = count(db, "select count(*) from webhook_message where partner_id = '" + partner + "'");
            int sent = receiver.received().size();
            assertThat(mostDue).as("deliveries due at most: the bound, plus the batch admitted below it").isLessThanOrEqualTo(BOUND + POLL);
            assertThat(stored).as("events stored after 8 s (the rest wait in Kafka); %d sent", sent)
                    .isLessThanOrEqualTo(sent + BOUND + POLL + 2).isLessThan(EVENTS);

            slow.set(false);
            receiver.await(r -> true, EVENTS, Duration.ofSeconds(60));
            Thread.sleep(1_000);
            Map<String, Long> byEvent = receiver.received().stream()
                    .collect(Collectors.groupingBy(WebhookReceiver.Received::webhookId, Collectors.counting()));
            // webhook-id is the event's id
            assertThat(byEvent.keySet()).as("every event arrived").isEqualTo(events.stream().map(EventEnvelope::id)
                    .collect(Collectors.toSet()));
            assertThat(byEvent.values()).as("and once").allMatch(n -> n == 1);
            assertThat(count(db, "select count(*) from webhook_message where partner_id = '" + partner + "'")).isEqualTo(EVENTS);
        }
    }

    private static int count(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
