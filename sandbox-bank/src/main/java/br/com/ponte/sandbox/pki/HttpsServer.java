package br.com.ponte.sandbox.pki;

import br.com.ponte.pki.IssuedCertificate;
import br.com.ponte.pki.Pem;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.BaseTlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SSLOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import javax.net.ssl.SSLSession;
import java.util.List;
import java.util.Set;

/**
 * Gives the HTTPS server ({@code quarkus.http.ssl-port}) its key and trust material. They are made
 * at start by {@link SandboxPki}, so they cannot be named in configuration files; they are registered
 * in the TLS registry under {@value #NAME} (what {@code quarkus.http.tls-configuration-name} points
 * at) when the application starts, which is before the HTTP server opens its sockets.
 *
 * <p>The trust store holds only the sandbox root. With {@code quarkus.http.ssl.client-auth=request},
 * a client may come without a certificate (each endpoint that needs one answers 401 itself), but a
 * certificate that does not chain to the root, or has expired, fails the handshake.
 *
 * <p>The Brazil profile's TLS rules (fapi-id3 6.2.2, FAPI 1.0 Advanced 8.5): TLS 1.2 with its four
 * cipher suites only, or TLS 1.3; no session resumption and no renegotiation. JSSE has no switch
 * for the first: session tickets are turned off (so every session lives in the server's cache, where it
 * can be invalidated) and each session is invalidated at its first request and kept in the cache one
 * second at most. Client-initiated renegotiation is refused by JSSE's own setting. Both properties are
 * read once, when JSSE first starts, so they are set by this class's initialiser, before the HTTP server
 * makes its SSL context.
 */
@ApplicationScoped
public class HttpsServer {

    static final String NAME = "sandbox-https";

    static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");
    /** FAPI 1.0 Advanced 8.5's TLS 1.2 suites, then TLS 1.3's AES-GCM suites. */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");

    static {
        System.setProperty("jdk.tls.server.enableSessionTicketExtension", "false");
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
    }

    void register(@Observes StartupEvent event, TlsConfigurationRegistry registry, SandboxPki pki) {
        registry.register(NAME, new SandboxTls(pki));
    }

    /** Before anything else on a request over TLS: its session can never be resumed. */
    void noResumption(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            SSLSession session = context.request().sslSession();
            if (session != null && session.isValid()) {
                if (session.getSessionContext() != null) {
                    session.getSessionContext().setSessionTimeout(1);
                }
                session.invalidate();
            }
            context.next();
        });
    }

    private static final class SandboxTls extends BaseTlsConfiguration {

        private final PemKeyCertOptions keyCertOptions;
        private final PemTrustOptions trustOptions;

        SandboxTls(SandboxPki pki) {
            IssuedCertificate server = pki.serverCertificate();
            keyCertOptions = new PemKeyCertOptions()
                    .addKeyValue(Buffer.buffer(server.privateKeyPem()))
                    .addCertValue(Buffer.buffer(server.chainPem()));
            trustOptions = new PemTrustOptions().addCertValue(Buffer.buffer(Pem.encode(pki.root())));
        }

        @Override
        public KeyCertOptions getKeyStoreOptions() {
            return keyCertOptions;
        }

        @Override
        public TrustOptions getTrustStoreOptions() {
            return trustOptions;
        }

        @Override
        public SSLOptions getSSLOptions() {
            SSLOptions options = new SSLOptions().setEnabledSecureTransportProtocols(PROTOCOLS);
            CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
            return options;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
