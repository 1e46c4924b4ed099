package br.com.ponte.fapi;

import br.com.ponte.pki.CertificateAuthority;
import br.com.ponte.pki.IssueRequest;
import br.com.ponte.pki.IssuedCertificate;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * fapi-client against a real HTTPS server that requires client certificates: what a transmitter
 * sees of a resource call (the partner's certificate, idempotency key, signed body, interaction
 * id) and how the client treats a missing or wrong echo and an untrusted party on either side.
 */
class FapiClientTlsTest {

    static final CertificateAuthority CA = CertificateAuthority.root("Test Root").intermediate("Test Issuing");
    static final IssuedCertificate SERVER = CA.issue(IssueRequest.transport("bank", "bank-ss", "12345678000195", "Bank", "localhost")
            .withExtendedKeyUsage(new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)));
    static final IssuedCertificate PARTNER = CA.issue(IssueRequest.transport("org-1", "ss-1", "11222333000181", "Loja", "api.loja.example"));

    static Vertx vertx;
    static HttpServer server;
    static final Map<String, String> seen = new ConcurrentHashMap<>();

    @BeforeAll
    static void startBank() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions()
                        .setSsl(true)
                        .setKeyCertOptions(new PemKeyCertOptions()
                                .addCertValue(io.vertx.core.buffer.Buffer.buffer(SERVER.chainPem()))
                                .addKeyValue(io.vertx.core.buffer.Buffer.buffer(SERVER.privateKeyPem())))
                        .setTrustOptions(new PemTrustOptions().addCertValue(io.vertx.core.buffer.Buffer.buffer(CA.rootPem())))
                        .setClientAuth(ClientAuth.REQUIRED))
                .requestHandler(request -> request.body().subscribe().with(body -> {
                    try {
                        X509Certificate client = (X509Certificate) request.connection().getDelegate().peerCertificates().get(0);
                        seen.put("client", client.getSubjectX500Principal().getName());
                    } catch (Exception e) {
                        seen.put("client", "none");
                    }
                    seen.put("idempotency", String.valueOf(request.getHeader("x-idempotency-key")));
                    seen.put("contentType", String.valueOf(request.getHeader("content-type")));
                    seen.put("authorization", String.valueOf(request.getHeader("authorization")));
                    seen.put("body", body.toString());
                    String interaction = request.getHeader(FapiClient.INTERACTION_ID);
                    var response = request.response().setStatusCode(201).putHeader("content-type", "application/jwt");
                    switch (request.path()) {
                        case "/echo" -> response.putHeader(FapiClient.INTERACTION_ID, interaction);
                        case "/wrong-echo" -> response.putHeader(FapiClient.INTERACTION_ID, "another-id");
                        default -> { }
                    }
                    response.endAndForget("signed.answer.jwt");
                }))
                .listenAndAwait(0);
    }

    @AfterAll
    static void stopBank() {
        server.closeAndAwait();
        vertx.closeAndAwait();
    }

    FapiClient client(IssuedCertificate identity, String trustedRoots) {
        return new FapiClient(vertx, new TransportIdentity(identity.chainPem(), identity.privateKeyPem()), trustedRoots,
                Duration.ofSeconds(5));
    }

    String url(String path) {
        return "https://localhost:" + server.actualPort() + path;
    }

    @Test
    void aResourceCallPresentsThePartnersCertificateAndCarriesTheFapiHeaders() {
        try (FapiClient fapi = client(PARTNER, CA.rootPem())) {
            FapiClient.ResourceResponse response = fapi.callResource(HttpMethod.POST, url("/echo"), "access-1",
                    "idem-1", "signed.request.jwt", null).await().indefinitely();

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.body()).isEqualTo("signed.answer.jwt");
            assertThat(seen.get("client")).contains("UID=ss-1");
            assertThat(seen).containsEntry("idempotency", "idem-1").containsEntry("contentType", "application/jwt")
                    .containsEntry("authorization", "Bearer access-1").containsEntry("body", "signed.request.jwt");
        }
    }

    @Test
    void anAnswerWithoutTheInteractionIdOrWithAnotherIsRefused() {
        try (FapiClient fapi = client(PARTNER, CA.rootPem())) {
            assertThatThrownBy(() -> fapi.callResource(HttpMethod.GET, url("/no-echo"), "access-1", null, null, null)
                    .await().indefinitely()).isInstanceOfSatisfying(FapiException.class,
                    e -> assertThat(e).hasMessageContaining("did not echo"));
            assertThatThrownBy(() -> fapi.callResource(HttpMethod.GET, url("/wrong-echo"), "access-1", null, null, null)
                    .await().indefinitely()).hasMessageContaining("another x-fapi-interaction-id");
            assertThatThrownBy(() -> fapi.callResource(HttpMethod.POST, url("/echo"), "access-1", null, "{}", "application/json"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void neitherSideTalksToAnUntrustedParty() {
        CertificateAuthority stranger = CertificateAuthority.root("Stranger");
        IssuedCertificate foreign = stranger.issue(IssueRequest.transport("org-1", "ss-1", "11222333000181", "Loja", "x.example"));
        // the bank refuses a client certificate from another CA
        try (FapiClient fapi = client(foreign, CA.rootPem())) {
            assertThatThrownBy(() -> fapi.callResource(HttpMethod.GET, url("/echo"), "a", null, null, null).await().indefinitely())
                    .isInstanceOfSatisfying(FapiException.class, e -> assertThat(e.error()).isEqualTo("transport_error"));
        }
        // and the client refuses a bank whose certificate does not chain to its anchors
        try (FapiClient fapi = client(PARTNER, stranger.rootPem())) {
            assertThatThrownBy(() -> fapi.callResource(HttpMethod.GET, url("/echo"), "a", null, null, null).await().indefinitely())
                    .isInstanceOfSatisfying(FapiException.class, e -> assertThat(e.error()).isEqualTo("transport_error"));
        }
    }
}
