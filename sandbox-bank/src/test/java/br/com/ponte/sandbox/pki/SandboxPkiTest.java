package br.com.ponte.sandbox.pki;

import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.config.SandboxConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxPkiTest {

    @TempDir
    Path pkiDir;

    @Test
    void aRestartKeepsTheAuthorityAndTheSigningKeysAndIssuesANewServerCertificate() throws Exception {
        SandboxPki first = new SandboxPki(config("https://localhost:8443"));
        SandboxPki second = new SandboxPki(config("https://localhost:8443"));

        assertThat(second.root()).isEqualTo(first.root());
        assertThat(second.signingKey(Brand.SANDBOX).kid()).isEqualTo(first.signingKey(Brand.SANDBOX).kid());
        assertThat(second.signingKey(Brand.HORIZONTE).kid()).isEqualTo(first.signingKey(Brand.HORIZONTE).kid())
                .isNotEqualTo(first.signingKey(Brand.SANDBOX).kid());
        assertThat(second.directoryKey().kid()).isEqualTo(first.directoryKey().kid());
        assertThat(second.subjectSecret(Brand.SANDBOX)).isEqualTo(first.subjectSecret(Brand.SANDBOX))
                .isNotEqualTo(first.subjectSecret(Brand.HORIZONTE));
        assertThat(second.serverCertificate().certificate()).isNotEqualTo(first.serverCertificate().certificate());
        assertThat(pkiDir.resolve("ca-root.pem")).isRegularFile();
        assertThat(pkiDir.resolve("bank-signing.pem")).isRegularFile();
        assertThat(pkiDir.resolve("horizonte-signing.pem")).isRegularFile();
        X509Certificate issuing = second.serverCertificate().chain().get(1);
        second.serverCertificate().certificate().verify(issuing.getPublicKey());
        issuing.verify(first.root().getPublicKey());
    }

    @Test
    void theServerCertificateNamesLocalhostAndTheBaseUrlsHost() throws Exception {
        X509Certificate server = new SandboxPki(config("https://sandbox-bank:8443")).serverCertificate().certificate();

        List<String> names = server.getSubjectAlternativeNames().stream().map(name -> name.get(0) + ":" + name.get(1)).toList();

        // general name types: 2 is dNSName, 7 is iPAddress
        assertThat(names).containsExactlyInAnyOrder("2:localhost", "7:127.0.0.1", "2:sandbox-bank");
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    }

    private SandboxConfig config(String baseUrl) {
        return new SandboxConfig() {
            @Override
            public String baseUrl() {
                return baseUrl;
            }

            @Override
            public String directoryUrl() {
                return "http://localhost:8090";
            }

            @Override
            public Path pkiDir() {
                return pkiDir;
            }

            @Override
            public Optional<Path> dataDir() {
                return Optional.empty();
            }

            // The PKI reads none of the payments, sharing and data settings.
            @Override
            public Consent consent() {
                return null;
            }

            @Override
            public Payment payment() {
                return null;
            }

            @Override
            public Schedule schedule() {
                return null;
            }

            @Override
            public RateLimit rateLimit() {
                return null;
            }

            @Override
            public Webhook webhook() {
                return null;
            }

            @Override
            public Sharing sharing() {
                return null;
            }

            @Override
            public Data data() {
                return null;
            }

            @Override
            public Map<String, Integer> limits() {
                return Map.of();
            }
        };
    }
}
