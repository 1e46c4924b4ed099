package br.com.ponte.sandbox.fapi;

import br.com.ponte.pki.IssuedCertificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An HTTPS client that trusts the sandbox root and presents a client certificate, or none. It
 * presents its certificate whatever CAs the server says it accepts, as a misconfigured client
 * would, so that the server's own refusal is what a test sees.
 */
final class TlsClient {

    private static final String ALIAS = "client";

    private final SSLContext context;
    private final HttpClient http;

    private TlsClient(KeyManager[] keyManagers) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("sandbox-root", Sandbox.root());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers.getTrustManagers(), null);
            http = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Its SSL context: the sandbox root trusted, its certificate presented (when it has one). */
    SSLContext context() {
        return context;
    }

    static TlsClient anonymous() {
        return new TlsClient(null);
    }

    static TlsClient presenting(List<X509Certificate> chain, PrivateKey key) {
        return new TlsClient(new KeyManager[]{new FixedKeyManager(chain.toArray(X509Certificate[]::new), key)});
    }

    static TlsClient presenting(IssuedCertificate certificate) {
        return presenting(certificate.chain(), certificate.privateKey());
    }

    HttpResponse<String> get(String url, String... headers) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
    }

    HttpResponse<String> delete(String url, String... headers) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).DELETE(), headers);
    }

    HttpResponse<String> postJson(String url, String json, String... headers) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    HttpResponse<String> putJson(String url, String json, String... headers) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    /** Any method with a body of any type (or none, when {@code body} is null). */
    HttpResponse<String> send(String method, String url, String contentType, String body, String... headers)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request, headers);
    }

    HttpResponse<String> postForm(String url, Map<String, String> form) throws IOException {
        return postForm(url, List.copyOf(form.entrySet()));
    }

    /** A form whose fields may repeat. */
    HttpResponse<String> postForm(String url, List<Map.Entry<String, String>> form) throws IOException {
        String body = form.stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), new String[0]);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String[] headers) throws IOException {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("Interrupted", e));
        }
    }

    /** Always offers its one certificate. */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {

        private final X509Certificate[] chain;
        private final PrivateKey key;

        FixedKeyManager(X509Certificate[] chain, PrivateKey key) {
            this.chain = chain;
            this.key = key;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chain;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[]{ALIAS};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
