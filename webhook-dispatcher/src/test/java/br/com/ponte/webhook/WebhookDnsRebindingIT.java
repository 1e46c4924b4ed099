package br.com.ponte.webhook;

import br.com.ponte.events.EventEnvelope;
import br.com.ponte.infra.WebhookReceiver;
import br.com.ponte.webhook.delivery.EndpointUrlPolicy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DNS rebinding: a partner's DNS server answers the URL check with an allowed address and the HTTP
 * client with an internal one. The names here are known only to {@link ScriptedDns}, which the URL
 * policy asks; nothing else in the JVM can resolve them, so a delivery arrives only if it connects to
 * the address the policy approved. Retry schedule in tests: 0s,1s,1s,1s,1s.
 */
@QuarkusTest
@TestProfile(WebhookDnsRebindingIT.Profile.class)
@WithTestResource(DispatcherTestResource.class)
class WebhookDnsRebindingIT {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ScriptedDns.class);
        }
    }

    /** A DNS server the test scripts: per name, one answer per lookup, the last one from then on; empty: no such name. */
    @Alternative
    @Singleton
    public static class ScriptedDns implements EndpointUrlPolicy.Resolver {

        private final Map<String, List<List<String>>> scripts = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

        @SafeVarargs
        final void script(String host, List<String>... answers) {
            scripts.put(host, List.of(answers));
        }

        int lookups(String host) {
            return lookups.getOrDefault(host, new AtomicInteger()).get();
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            List<List<String>> script = scripts.get(host);
            if (script == null) {
                return InetAddress.getAllByName(host);
            }
            int lookup = lookups.computeIfAbsent(host, h -> new AtomicInteger()).getAndIncrement();
            List<InetAddress> answer = new ArrayList<>();
            for (String address : script.get(Math.min(lookup, script.size() - 1))) {
                answer.add(InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress()));
            }
            if (answer.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return answer.toArray(InetAddress[]::new);
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Inject
    ScriptedDns dns;

    WebhookTestSupport support;
    WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        support = new WebhookTestSupport(bootstrap, dbPort);
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        support.close();
    }

    /** The receiver's URL under a name of its own. */
    String urlNamed(String host) {
        return "http://" + host + ":" + URI.create(receiver.url()).getPort() + "/webhooks";
    }

    @Test
    void theDeliveryConnectsToTheAddressTheCheckApprovedAndNamesTheHost() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        String host = "rebind-" + UUID.randomUUID().toString().substring(0, 8) + ".example.test";
        // registration and the delivery's check get the receiver's address; any later lookup, the
        // cloud metadata service, as the attacker would answer the HTTP client's own lookup
        dns.script(host, List.of("127.0.0.1"), List.of("127.0.0.1"), List.of("169.254.169.254"));
        String url = urlNamed(host);
        WebhookTestSupport.register(partner, url, receiver, Map.of());
        EventEnvelope first = WebhookTestSupport.created(partner, UUID.randomUUID().toString(), 1);
        support.publish(first);

        WebhookReceiver.Received got = receiver.await(r -> first.id().equals(r.webhookId()), 1, Duration.ofSeconds(30)).get(0);
        assertThat(got.headers().get("host")).containsExactly(URI.create(url).getAuthority());
        assertThat(got.signatureValid()).as(got.verificationError()).isTrue();

        // within the minute the verdict is kept, the next delivery goes to the same checked address
        EventEnvelope second = WebhookTestSupport.approved(partner, first.subject(), 2);
        support.publish(second);
        receiver.await(r -> second.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));
        assertThat(dns.lookups(host)).as("registration and one delivery check").isEqualTo(2);
    }

    @Test
    void aNameThatNoLongerResolvesIsAFailedAttemptAndNothingIsSent() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        String host = "gone-" + UUID.randomUUID().toString().substring(0, 8) + ".example.test";
        dns.script(host, List.of("127.0.0.1"), List.of());
        WebhookTestSupport.register(partner, urlNamed(host), receiver, Map.of());
        EventEnvelope event = WebhookTestSupport.created(partner, UUID.randomUUID().toString(), 1);
        support.publish(event);

        try (Connection c = support.db()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                ResultSet rs = c.createStatement().executeQuery("select d.status, d.attempts, "
                        + "(select count(*) from webhook_attempt a where a.delivery_id = d.id "
                        + "and a.status_code is null and a.error = 'UnknownHostException: " + host + ": does not resolve') "
                        + "from webhook_delivery d where d.message_id = '" + event.id() + "'");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("FAILED");
                assertThat(List.of(rs.getInt(2), rs.getInt(3))).containsExactly(5, 5);
            });
        }
        assertThat(receiver.received()).isEmpty();
        assertThat(dns.lookups(host)).as("registration, then every attempt asks again").isEqualTo(1 + 5);
    }
}
