package br.com.ponte.sandbox.payments;

import br.com.ponte.pki.IssuedCertificate;
import br.com.ponte.sandbox.client.ClientRegistrations;
import br.com.ponte.sandbox.client.RegisteredClient;
import br.com.ponte.sandbox.config.SandboxConfig;
import br.com.ponte.sandbox.pki.SandboxPki;
import br.com.ponte.sandbox.resource.WireFormat;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Open Finance webhook calls (webhook 1.2.0) to the initiator: when one of its consents or
 * payments changes, {@code POST <webhook_uri>/open-banking/payments/v4/consents/{consentId}} (or
 * {@code .../pix/payments/{paymentId}}) with {@code {"data":{"timestamp"}}} and a fresh
 * {@code x-webhook-interaction-id}, to each webhook URI the client registered. The initiator then
 * reads the resource; the call carries nothing else.
 *
 * <p>Delivered off the request thread, {@code sandbox.webhook.attempts} times at most, waiting
 * {@code first-retry} and then twice as long each time, until a 2xx. Over https the sandbox presents
 * its own server certificate as client certificate and trusts the sandbox root only: enough for a
 * development receiver, not the directory-issued BRCAC a real bank would use.
 */
@ApplicationScoped
public class Webhooks {

    private static final Logger LOG = Logger.getLogger(Webhooks.class);
    static final String INTERACTION_ID = "x-webhook-interaction-id";

    private final ClientRegistrations registrations;
    private final SandboxConfig config;
    private final HttpClient http;
    private final ScheduledExecutorService deliveries = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "payments-webhooks");
        thread.setDaemon(true);
        return thread;
    });

    public Webhooks(ClientRegistrations registrations, SandboxConfig config, SandboxPki pki) {
        this.registrations = registrations;
        this.config = config;
        this.http = HttpClient.newBuilder().sslContext(tls(pki)).connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    void notify(@Observes PaymentsChanged change) {
        String body = "{\"data\":{\"timestamp\":\"" + WireFormat.dateTime(Instant.now()) + "\"}}";
        registrations.findAtAnyBrand(change.clientId()).map(RegisteredClient::webhookUris).orElse(List.of())
                .forEach(uri -> deliveries.execute(() -> attempt(withoutTrailingSlash(uri) + change.path(), body, 1)));
    }

    void stop(@Observes ShutdownEvent event) {
        deliveries.shutdownNow();
    }

    private void attempt(String url, String body, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(INTERACTION_ID, UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure == null && response.statusCode() / 100 == 2) {
                return;
            }
            String outcome = failure == null ? "HTTP " + response.statusCode() : failure.toString();
            if (attempt >= config.webhook().attempts() || deliveries.isShutdown()) {
                LOG.warnf("Webhook %s given up after %d attempts: %s", url, attempt, outcome);
                return;
            }
            long wait = config.webhook().firstRetry().toMillis() << (attempt - 1);
            LOG.debugf("Webhook %s attempt %d failed (%s); again in %d ms", url, attempt, outcome, wait);
            deliveries.schedule(() -> attempt(url, body, attempt + 1), wait, TimeUnit.MILLISECONDS);
        });
    }

    private static String withoutTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    private static SSLContext tls(SandboxPki pki) {
        try {
            IssuedCertificate server = pki.serverCertificate();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("sandbox", server.privateKey(), new char[0], server.chain().toArray(Certificate[]::new));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, new char[0]);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("sandbox-root", pki.root());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up the webhook client's TLS", e);
        }
    }
}
