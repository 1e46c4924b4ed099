package br.com.ponte.webhook;

import br.com.ponte.events.EventEnvelope;
import br.com.ponte.infra.WebhookReceiver;
import br.com.ponte.kit.crypto.EnvelopeCipher;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A master-key rotation without downtime: a secret sealed under the previous key still signs, and is re-wrapped. */
@QuarkusTest
@WithTestResource(DispatcherTestResource.class)
class MasterKeyRotationIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @ConfigProperty(name = "ponte.webhook.master-key")
    String currentMasterKey;

    @Test
    void aSecretSealedUnderThePreviousMasterKeyIsRewrappedAndKeepsSigning() throws Exception {
        try (WebhookTestSupport support = new WebhookTestSupport(bootstrap, dbPort);
             WebhookReceiver receiver = WebhookReceiver.start();
             Connection db = support.db()) {
            String partner = "partner-" + UUID.randomUUID();
            String endpointId = WebhookTestSupport.register(partner, receiver, Map.of()).getString("id");
            EnvelopeCipher current = new EnvelopeCipher(currentMasterKey, "mk1", "test");
            EnvelopeCipher previous = new EnvelopeCipher(DispatcherTestResource.PREVIOUS_MASTER_KEY, "mk0", "test");

            // as if the endpoint had been created before the rotation: its secret sealed under mk0
            byte[] secret;
            try (PreparedStatement read = db.prepareStatement("select secret_cipher, secret_iv, secret_key_wrapped, secret_key_iv, "
                    + "master_key_id from webhook_endpoint where id = ?::uuid")) {
                read.setString(1, endpointId);
                ResultSet rs = read.executeQuery();
                assertThat(rs.next()).isTrue();
                secret = current.open(new EnvelopeCipher.Sealed(rs.getBytes(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4),
                        rs.getString(5)), endpointId);
            }
            EnvelopeCipher.Sealed old = previous.seal(secret, endpointId);
            try (PreparedStatement write = db.prepareStatement("update webhook_endpoint set secret_cipher = ?, secret_iv = ?, "
                    + "secret_key_wrapped = ?, secret_key_iv = ?, master_key_id = 'mk0' where id = ?::uuid")) {
                write.setBytes(1, old.ciphertext());
                write.setBytes(2, old.iv());
                write.setBytes(3, old.wrappedDataKey());
                write.setBytes(4, old.dataKeyIv());
                write.setString(5, endpointId);
                assertThat(write.executeUpdate()).isEqualTo(1);
            }

            await().atMost(Duration.ofSeconds(15)).until(() -> {
                try (PreparedStatement read = db.prepareStatement("select master_key_id, secret_cipher from webhook_endpoint where id = ?::uuid")) {
                    read.setString(1, endpointId);
                    ResultSet rs = read.executeQuery();
                    rs.next();
                    return "mk1".equals(rs.getString(1)) && java.util.Arrays.equals(rs.getBytes(2), old.ciphertext());
                }
            });

            // the re-wrapped secret still signs: the receiver verifies with the secret it was given at registration
            EventEnvelope event = WebhookTestSupport.created(partner, UUID.randomUUID().toString(), 1);
            support.publish(event);
            WebhookReceiver.Received got = receiver.await(r -> event.id().equals(r.webhookId()), 1, Duration.ofSeconds(30)).get(0);
            assertThat(got.signatureValid()).as(got.verificationError()).isTrue();
        }
    }
}
