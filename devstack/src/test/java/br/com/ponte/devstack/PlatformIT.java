package br.com.ponte.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole platform as {@code ./ponte up} runs it: real PostgreSQL and Kafka, every service as its
 * own JVM, real HTTP between them. The README's demo is run as written (with this run's ports):
 * partner onboarding, a token from the vault verified by the other services against its JWKS, a
 * webhook endpoint, a consent; the receiver verifies every signature with the reference library.
 */
@ExtendWith(DefaultPlatform.class)
class PlatformIT {

    static final Path ROOT = Path.of(System.getProperty("ponte.root", "..")).toAbsolutePath().normalize();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final ObjectMapper JSON = new ObjectMapper();

    static Devstack stack;
    static Path dataDir;

    @BeforeAll
    static void platform() {
        stack = DefaultPlatform.stack();
        dataDir = DefaultPlatform.dataDir();
    }

    @Test
    void theDemoRunsAsWrittenAndTheSignedEventsArriveInOrder() throws Exception {
        // the payment demo, then the data-sharing one in the same shell, as the README has them
        String demo = Devstack.renderDemo(stack.ports(), dataDir.resolve("secrets.properties").toString()) + "\n"
                + Devstack.renderSharingDemo(stack.ports(), dataDir.resolve("secrets.properties").toString());
        Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", demo).directory(ROOT.toFile())
                .redirectErrorStream(true).start();
        assertThat(bash.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.exitValue()).as(output).isZero();
        List<JsonNode> printed = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{")) {
                printed.add(JSON.readTree(line));
            }
        }
        assertThat(printed).as(output).hasSize(8);
        JsonNode consent = printed.get(0);
        assertThat(consent.path("status").asText()).as(output).isEqualTo("AUTHORISED");
        assertThat(consent.path("transmitterConsentId").asText()).as(output).startsWith("urn:");
        JsonNode payment = printed.get(1);
        assertThat(payment.path("status").asText()).as(output).isEqualTo("ACSC");
        assertThat(payment.path("consentId").asText()).isEqualTo(consent.path("id").asText());
        String consentId = consent.path("id").asText();

        List<JsonNode> received = awaitFinish(consentId, Duration.ofSeconds(60));
        assertThat(received).extracting(r -> r.path("signature").asText()).containsOnly("valid");
        List<String> types = received.stream().map(r -> r.path("event").path("type").asText()).toList();
        assertThat(types.subList(0, 4)).containsExactly("before:consent:create", "after:consent:create", "consent:approved",
                "consent:consumed");
        assertThat(types).contains("consent:polling").endsWith("consent:finish");
        assertThat(received).extracting(r -> r.path("event").path("sequence").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(received).extracting(r -> r.path("event").path("source").asText()).containsOnly("consent-service");
        assertThat(received.get(received.size() - 1).path("event").path("data").path("outcome").asText()).isEqualTo("SETTLED");
        assertThat(DefaultPlatform.console()).contains("[demo receiver] consent:finish");

        // data sharing: both institutions authorised, Banco Horizonte without the cards it does not have
        JsonNode atSandbox = printed.get(2);
        JsonNode atHorizonte = printed.get(3);
        assertThat(atSandbox.path("status").asText()).as(output).isEqualTo("AUTHORISED");
        assertThat(atSandbox.path("resources")).as(output).hasSize(8);
        assertThat(atSandbox.path("groups")).extracting(JsonNode::asText)
                .containsExactly("ACCOUNTS_TRANSACTIONS", "CREDIT_CARDS_BILLS", "CREDIT_OPERATIONS");
        assertThat(atHorizonte.path("status").asText()).as(output).isEqualTo("AUTHORISED");
        assertThat(atHorizonte.path("groups")).extracting(JsonNode::asText).containsExactly("ACCOUNTS_TRANSACTIONS", "CREDIT_OPERATIONS");
        assertThat(atHorizonte.path("resources")).hasSize(2);
        assertThat(output).containsIgnoringCase("location: https://partner.example/sharing/return?sessionId=" + atSandbox.path("sessionId").asText()
                + "&status=FINISHED");
        // collection: the accounts, a page of transactions (collected, and said when), the budget
        assertThat(printed.get(4).path("data")).as(output).hasSize(2);
        JsonNode page = printed.get(5);
        assertThat(page.path("data")).as(output).hasSize(3);
        assertThat(page.path("meta").path("collectedAt").asText()).isNotBlank();
        assertThat(page.path("data").path(0).path("transactionId").asText()).isNotBlank();
        assertThat(printed.get(6).path("data").path("operations")).as(output).anySatisfy(operation ->
                assertThat(operation.path("used").asInt()).isPositive());
        JsonNode revoked = printed.get(7);
        assertThat(revoked.path("status").asText()).isEqualTo("REJECTED");
        assertThat(revoked.path("revocation").path("revokedBy").asText()).isEqualTo("PARTNER");
        // one webhook per resource shared, each signed
        assertThat(Received.until(HTTP, stack, atSandbox.path("id").asText(), d -> Received.count(d, "sharing:resource:shared") == 8))
                .extracting(r -> r.path("event").path("data").path("resourceId").asText()).containsAll(
                        java.util.stream.StreamSupport.stream(atSandbox.path("resources").spliterator(), false)
                                .map(r -> r.path("resourceId").asText()).toList());
        assertThat(Received.untilType(HTTP, stack, atHorizonte.path("id").asText(), "sharing:consent:revoked")).extracting(
                r -> r.path("event").path("type").asText()).containsExactly("sharing:consent:created", "sharing:consent:authorised",
                "sharing:resource:shared", "sharing:resource:shared", "sharing:consent:revoked");
        assertThat(DefaultPlatform.console()).contains("[demo receiver] sharing:resource:shared");
    }

    @Test
    void servicesOnlyAcceptTokensTheVaultSigned() throws Exception {
        String forged = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4IiwiaXNzIjoiaHR0cHM6Ly92YXVsdC5wb250ZS5sb2NhbCJ9.c2lnbmF0dXJl";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + stack.ports().consent() + "/v1/payment-consents/" + java.util.UUID.randomUUID()))
                .header("Authorization", "Bearer " + forged).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("errors").get(0).path("code").asText()).isEqualTo("NAO_AUTORIZADO");
    }

    @Test
    void everyServiceAnswersItsHealthMetricsAndOpenApi() throws Exception {
        for (int port : List.of(stack.ports().consent(), stack.ports().payment(), stack.ports().collection(),
                stack.ports().webhook(), stack.ports().vault(), stack.ports().sandbox())) {
            for (String path : List.of("/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi")) {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(r.statusCode()).as("port %d %s", port, path).isEqualTo(200);
            }
        }
    }

    @Test
    void theStackReportsBusyPortsClearly() throws IOException {
        assertThat(stack.busyPorts()).contains("port " + stack.ports().consent() + " (consent-service) is already in use");
    }

    /** The consent's events as the receiver got them (ordered mode: in sequence), once consent:finish arrived. */
    private List<JsonNode> awaitFinish(String subject, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ports().demoReceiver()
                    + "/received")).build(), HttpResponse.BodyHandlers.ofString()).body();
            List<JsonNode> matching = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (!line.isBlank()) {
                    JsonNode node = JSON.readTree(line);
                    if (subject.equals(node.path("event").path("subject").asText())) {
                        matching.add(node);
                    }
                }
            }
            boolean finished = matching.stream().anyMatch(m -> m.path("event").path("type").asText().equals("consent:finish"));
            if (finished || System.nanoTime() > deadline) {
                assertThat(finished).as(body).isTrue();
                return matching;
            }
            Thread.sleep(200);
        }
    }
}
