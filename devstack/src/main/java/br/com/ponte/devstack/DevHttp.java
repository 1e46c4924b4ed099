package br.com.ponte.devstack;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.HashMap;
import java.util.Map;

/** What a client of a platform started here needs (the tests, the benchmarks): its CA's trust, its URLs read. */
public final class DevHttp {

    private DevHttp() {
    }

    /** An HTTP client trusting the development CA of {@code dataDir} (sandbox-bank's TLS certificate chains to it). */
    public static HttpClient trustingDevelopmentCa(Path dataDir) throws Exception {
        return HttpClient.newBuilder().sslContext(developmentCa(dataDir)).build();
    }

    /** A user's browser without the screens: the development CA trusted, cookies kept, redirects not followed. */
    public static HttpClient browser(Path dataDir) throws Exception {
        return HttpClient.newBuilder().sslContext(developmentCa(dataDir)).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static SSLContext developmentCa(Path dataDir) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(dataDir.resolve("pki/ca-root.pem"))) {
            trust.setCertificateEntry("sandbox-root", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** A URL's query parameters, decoded (a bank's authorisation URL, a redirect back to the partner). */
    public static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /**
     * What a bank's redirect to Ponte's callback hands its page to post: the fragment (the hybrid flow's
     * {@code code}, {@code id_token}, {@code state}) or, without one, the query (JARM's {@code response}).
     */
    public static String bankAnswer(String location) {
        int fragment = location.indexOf('#');
        return location.substring(fragment >= 0 ? fragment + 1 : location.indexOf('?') + 1);
    }
}
