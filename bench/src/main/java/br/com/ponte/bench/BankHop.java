package br.com.ponte.bench;

import br.com.ponte.bench.OfferedLoad.Call;
import br.com.ponte.fapi.Discovery;
import br.com.ponte.fapi.FapiClient;
import br.com.ponte.fapi.LocalJwsSigner;
import br.com.ponte.fapi.Participants;
import br.com.ponte.fapi.PaymentsApi;
import br.com.ponte.fapi.SignedBodies;
import br.com.ponte.fapi.Transmitter;
import br.com.ponte.fapi.TransportIdentity;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import org.jose4j.jwk.JsonWebKeySet;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ceiling for Ponte's hop to the bank: payment consents created at sandbox-bank straight from this
 * JVM with Ponte's own FAPI client ({@code fapi-client}) and the partner's keys in process, no vault:
 * a client-credentials token once, then per consent the body signed PS256, sent over mutual TLS with
 * a {@code traceparent} of its own, the bank's signed answer verified, as consent-service's
 * {@code BankConnection.post} does. On one kept-alive connection, or on a new one each time (a full
 * mutual-TLS handshake: sandbox-bank never resumes a session).
 */
final class BankHop implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx = Vertx.vertx();
    private final BenchPartner.Identity identity;
    private final TransportIdentity transport;
    private final String trustAnchors;
    private final LocalJwsSigner signer;
    private final Participants.AuthorisationServer bank;
    private final FapiClient keptAlive;
    private final JsonWebKeySet bankKeys;
    private final String accessToken;

    BankHop(BenchPlatform platform, BenchPartner.Identity identity) throws Exception {
        this.identity = identity;
        this.transport = new TransportIdentity(identity.transportCertificate(), identity.transportKey());
        this.trustAnchors = Files.readString(platform.dataDir().resolve("pki/ca-root.pem"));
        this.signer = identity.signer();
        try (Participants directory = new Participants(vertx, "http://localhost:" + platform.ports().sandbox() + "/participants",
                TIMEOUT, Duration.ofMinutes(5))) {
            this.bank = directory.authorisationServer(BenchPartner.BANK).await().atMost(TIMEOUT);
        }
        this.keptAlive = new FapiClient(vertx, transport, trustAnchors, TIMEOUT);
        Discovery discovery = keptAlive.discover(bank.discoveryUrl()).await().atMost(TIMEOUT);
        this.bankKeys = keptAlive.keys(discovery).await().atMost(TIMEOUT);
        this.accessToken = keptAlive.clientCredentials(new Transmitter(discovery, identity.clientId()), signer, "payments")
                .await().atMost(TIMEOUT).accessToken();
    }

    /**
     * {@code count} consents of {@code data} created one after another, on the kept-alive connection or,
     * with {@code newConnections}, each on a new one; latency from the signature's start to the verified answer.
     */
    List<Call> createConsents(int count, boolean newConnections, Map<String, Object> data) {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FapiClient client = newConnections ? new FapiClient(vertx, transport, trustAnchors, TIMEOUT) : keptAlive;
            try {
                calls.add(createConsent(client, data));
            } finally {
                if (newConnections) {
                    client.close();
                }
            }
        }
        return calls;
    }

    private Call createConsent(FapiClient client, Map<String, Object> data) {
        String traceId = OfferedLoad.traceId();
        long start = System.nanoTime();
        String jwt = SignedBodies.sign(signer, Map.of("data", data), identity.organisationId(), bank.organisationId())
                .await().atMost(TIMEOUT);
        FapiClient.ResourceResponse answer = client.callResource(HttpMethod.POST, bank.endpoint(PaymentsApi.CONSENTS), accessToken,
                UUID.randomUUID().toString(), jwt, "application/jwt", Map.of("traceparent", OfferedLoad.traceparent(traceId)))
                .await().atMost(TIMEOUT);
        if (answer.status() == 201) {
            SignedBodies.verify(answer.body(), bankKeys, bank.organisationId(), identity.organisationId(), Instant.now());
        }
        return new Call(traceId, start, start, System.nanoTime(), answer.status(), answer.body());
    }

    @Override
    public void close() {
        keptAlive.close();
        vertx.closeAndAwait();
    }
}
