package br.com.ponte.webhook;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.WebhookReceiver;
import com.standardwebhooks.Webhook;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static br.com.ponte.webhook.WebhookTestSupport.created;
import static br.com.ponte.webhook.WebhookTestSupport.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Endpoint management as a partner uses it: update, disable/enable, delete, rotate, ed25519, test, URL policy. */
@QuarkusTest
@WithTestResource(DispatcherTestResource.class)
class WebhookManagementIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

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

    @Test
    void aDisabledEndpointKeepsItsDeliveriesUntilItIsEnabledAgain() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        String token = PartnerTokens.issue(partner);
        String id = register(partner, receiver, Map.of()).getString("id");

        given().auth().oauth2(token).post("/v1/webhook-endpoints/" + id + "/disable").then().statusCode(200)
                .body("status", equalTo("DISABLED")).body("disabledReason", equalTo("MANUAL"));
        EventEnvelope event = created(partner, UUID.randomUUID().toString(), 1);
        support.publish(event);
        assertThat(receiverGets(event, Duration.ofSeconds(3))).as("nothing while disabled").isFalse();

        given().auth().oauth2(token).post("/v1/webhook-endpoints/" + id + "/enable").then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
        receiver.await(r -> event.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));
    }

    @Test
    void updatingChangesWhereAndWhatIsDelivered() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        String token = PartnerTokens.issue(partner);
        String id = register(partner, receiver, Map.of("eventTypes", List.of("consent:approved"))).getString("id");
        try (WebhookReceiver other = WebhookReceiver.start()) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("url", other.url(), "eventTypes", List.of(), "description", "moved", "rateLimit", 50, "ordered", true))
                    .patch("/v1/webhook-endpoints/" + id).then().statusCode(200)
                    .body("url", equalTo(other.url())).body("description", equalTo("moved"))
                    .body("rateLimit", equalTo(50)).body("ordered", equalTo(true));
            EventEnvelope event = created(partner, UUID.randomUUID().toString(), 1);
            support.publish(event);
            other.await(r -> event.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));
            assertThat(receiver.received()).isEmpty();
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("url", "http://10.0.0.7/hooks"))
                .patch("/v1/webhook-endpoints/" + id).then().statusCode(422);
    }

    @Test
    void aDeletedEndpointIsGoneAndGetsNothing() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        String token = PartnerTokens.issue(partner);
        String id = register(partner, receiver, Map.of()).getString("id");
        given().auth().oauth2(token).delete("/v1/webhook-endpoints/" + id).then().statusCode(204);
        given().auth().oauth2(token).get("/v1/webhook-endpoints/" + id).then().statusCode(404);
        given().auth().oauth2(token).post("/v1/webhook-endpoints/" + id + "/enable").then().statusCode(404);
        EventEnvelope event = created(partner, UUID.randomUUID().toString(), 1);
        support.publish(event);
        assertThat(receiverGets(event, Duration.ofSeconds(3))).isFalse();
    }

    @Test
    void duringARotationBothTheOldAndTheNewSecretVerify() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        var endpoint = register(partner, receiver, Map.of());
        String oldSecret = endpoint.getString("secret");
        var rotated = given().auth().oauth2(PartnerTokens.issue(partner))
                .post("/v1/webhook-endpoints/" + endpoint.getString("id") + "/secret/rotate").then().statusCode(200)
                .body("secret", startsWith("whsec_")).body("previousSecretExpiresAt", org.hamcrest.Matchers.notNullValue())
                .extract().jsonPath();
        String newSecret = rotated.getString("secret");
        assertThat(newSecret).isNotEqualTo(oldSecret);

        EventEnvelope event = created(partner, UUID.randomUUID().toString(), 1);
        support.publish(event);
        WebhookReceiver.Received got = receiver.await(r -> event.id().equals(r.webhookId()), 1, Duration.ofSeconds(30)).get(0);

        assertThat(got.signature().split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThatCode(() -> new Webhook(oldSecret).verify(got.body(), got.headers())).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(newSecret).verify(got.body(), got.headers())).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook("whsec_" + Base64.getEncoder().encodeToString(new byte[32]))
                .verify(got.body(), got.headers())).isInstanceOf(Exception.class);
    }

    @Test
    void anEd25519EndpointGetsV1aSignaturesThatVerifyWithItsPublicKey() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        var endpoint = register(partner, receiver, Map.of("signatureAlgorithm", "ed25519"));
        assertThat(endpoint.getString("secret")).isNull();
        String publicKey = endpoint.getString("publicKey");
        assertThat(publicKey).startsWith("whpk_");

        EventEnvelope event = created(partner, UUID.randomUUID().toString(), 1);
        support.publish(event);
        WebhookReceiver.Received got = receiver.await(r -> event.id().equals(r.webhookId()), 1, Duration.ofSeconds(30)).get(0);

        assertThat(got.signature()).startsWith("v1a,");
        byte[] signature = Base64.getDecoder().decode(got.signature().substring(4));
        byte[] content = (got.webhookId() + "." + got.timestamp() + "." + got.body()).getBytes(StandardCharsets.UTF_8);
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(Base64.getDecoder().decode(publicKey.substring(5)), 0));
        verifier.update(content, 0, content.length);
        assertThat(verifier.verifySignature(signature)).isTrue();
        content[0] ^= 1;
        verifier.update(content, 0, content.length);
        assertThat(verifier.verifySignature(signature)).as("a changed message does not verify").isFalse();
    }

    @Test
    void aTestMessageIsSentOnRequest() {
        String partner = "partner-" + UUID.randomUUID();
        String id = register(partner, receiver, Map.of()).getString("id");
        String messageId = given().auth().oauth2(PartnerTokens.issue(partner)).contentType(ContentType.JSON)
                .body(Map.of("message", "hello from the docs")).post("/v1/webhook-endpoints/" + id + "/test")
                .then().statusCode(202).extract().path("messageId");
        WebhookReceiver.Received got = receiver.await(r -> messageId.equals(r.webhookId()), 1, Duration.ofSeconds(30)).get(0);
        assertThat(got.signatureValid()).isTrue();
        EventEnvelope event = EventCodec.decode(got.body());
        assertThat(event.type()).isEqualTo("webhook:test");
        assertThat(event.data().path("message").asText()).isEqualTo("hello from the docs");
    }

    @Test
    void urlsThatReachIntoPrivateNetworksAreRefused() {
        String token = PartnerTokens.issue("partner-" + UUID.randomUUID());
        for (String url : List.of("http://10.1.2.3/hooks", "http://192.168.0.10/hooks", "http://172.16.5.4/",
                "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/hooks", "http://0.0.0.0/",
                "http://100.64.0.1/", "http://user:pw@example.com/hooks")) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("url", url))
                    .post("/v1/webhook-endpoints").then().statusCode(422)
                    .body("errors[0].code", equalTo("PARAMETRO_INVALIDO"))
                    .body("errors.detail", hasItem(org.hamcrest.Matchers.containsString("url")));
        }
        // loopback is allow-listed in tests (and devstack) only
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("url", receiver.url()))
                .post("/v1/webhook-endpoints").then().statusCode(201).body("publicKey", nullValue());
    }

    private boolean receiverGets(EventEnvelope event, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!receiver.received(r -> event.id().equals(r.webhookId())).isEmpty()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
