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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives the HTTPS server ({@code quarkus.http.ssl-port}) its key and trust material. They are made
 * at start by {@link SandboxPki}, so they cannot be named in configuration files; they are registered
 * in the TLS registry under {@value #NAME} (what {@code quarkus.http.tls-configuration-name} points
 * at) when the application starts, which is before the HTTP server opens its sockets.
 *
 * <p>The trust store holds only the sandbox root. With {@code quarkus.http.ssl.client-auth=request},
 * a client may come without a certificate (each endpoint that needs one answers 401 itself), but a
 * certificate that does not chain to the root, or has expired, fails the handshake.
 */
@ApplicationScoped
public class HttpsServer {

    static final String NAME = "sandbox-https";

    void register(@Observes StartupEvent event, TlsConfigurationRegistry registry, SandboxPki pki) {
        registry.register(NAME, new SandboxTls(pki));
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
            return new SSLOptions();
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
