package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The TLS of the mutual-TLS endpoints, as the Brazil profile has it (fapi-id3 6.2.2, FAPI 1.0 Advanced
 * 8.5): the client here is JSSE itself on a raw socket, presenting a registered client's transport
 * certificate, so that it can try what an HTTP client does behind the scenes (resume a session,
 * renegotiate) and see what the server answers.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class TransportSecurityIT {

    private static final String DISCOVERY = "/.well-known/openid-configuration";

    @Test
    void aSessionIsNeverResumed() throws Exception {
        SSLContext context = Tpp.register().tls.context();
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            SSLSession first = exchange(context, protocol);
            SSLSession second = exchange(context, protocol);
            // JSSE's client offers the first session again; a resumed session keeps its creation time
            assertThat(second.getCreationTime()).as(protocol).isNotEqualTo(first.getCreationTime());
            assertThat(second.getId()).as(protocol).isNotEqualTo(first.getId());
        }
    }

    @Test
    void aClientCannotRenegotiate() throws Exception {
        SSLContext context = Tpp.register().tls.context();
        try (SSLSocket socket = connect(context, "TLSv1.2")) {
            assertThat(get(socket)).startsWith("HTTP/1.1 200");
            socket.startHandshake();
            assertThatThrownBy(() -> get(socket)).isInstanceOf(SSLException.class);
        }
    }

    @Test
    void onlyTheProfilesCipherSuitesAreOffered() throws Exception {
        SSLContext context = Tpp.register().tls.context();
        for (String suite : List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")) {
            try (SSLSocket socket = connect(context, "TLSv1.2", suite)) {
                assertThat(socket.getSession().getCipherSuite()).isEqualTo(suite);
            }
        }
        for (String suite : List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
                "TLS_RSA_WITH_AES_128_GCM_SHA256")) {
            assertThatThrownBy(() -> connect(context, "TLSv1.2", suite).close()).as(suite)
                    .isInstanceOf(SSLHandshakeException.class);
        }
        assertThatThrownBy(() -> connect(context, "TLSv1.1").close()).isInstanceOf(SSLHandshakeException.class);
    }

    /** One request on a fresh connection; the session it ran on. */
    private static SSLSession exchange(SSLContext context, String protocol) throws IOException {
        try (SSLSocket socket = connect(context, protocol)) {
            assertThat(get(socket)).startsWith("HTTP/1.1 200");
            return socket.getSession();
        }
    }

    private static SSLSocket connect(SSLContext context, String protocol, String... suites) throws IOException {
        URI bank = URI.create(Sandbox.bank("/"));
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(bank.getHost(), bank.getPort());
        socket.setSoTimeout(5_000);
        socket.setEnabledProtocols(new String[]{protocol});
        if (suites.length > 0) {
            socket.setEnabledCipherSuites(suites);
        }
        socket.startHandshake();
        return socket;
    }

    /** GET of the discovery document on the socket's connection, kept alive; the status line and headers. */
    private static String get(SSLSocket socket) throws IOException {
        URI discovery = URI.create(Sandbox.bank(DISCOVERY));
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + discovery.getPath() + " HTTP/1.1\r\nHost: " + discovery.getAuthority() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.append((char) next);
        }
        int length = Integer.parseInt(head.toString().lines()
                .filter(line -> line.toLowerCase().startsWith("content-length:"))
                .map(line -> line.substring("content-length:".length()).trim()).findFirst().orElse("0"));
        in.readNBytes(length);
        return head.toString();
    }
}
