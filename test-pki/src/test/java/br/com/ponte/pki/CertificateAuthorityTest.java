package br.com.ponte.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateAuthorityTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Test Root");
    static final CertificateAuthority ISSUING = ROOT.intermediate("Test Issuing");

    @Test
    void aTransportCertificateCarriesTheOpenFinanceAttributesAndChainsToTheRoot() throws Exception {
        IssuedCertificate issued = ISSUING.issue(IssueRequest.transport("org-1", "ss-1", "11222333000181", "Loja", "api.loja.example"));

        X500Name subject = X500Name.getInstance(issued.certificate().getSubjectX500Principal().getEncoded());
        assertThat(IETFUtils.valueToString(subject.getRDNs(BCStyle.ORGANIZATION_IDENTIFIER)[0].getFirst().getValue())).isEqualTo("OFBBR-org-1");
        assertThat(IETFUtils.valueToString(subject.getRDNs(BCStyle.UID)[0].getFirst().getValue())).isEqualTo("ss-1");
        assertThat(issued.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(issued.certificate().getKeyUsage()[0]).isTrue(); // digitalSignature
        assertThat(issued.chain()).hasSize(2);

        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ROOT.root(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(issued.chain()), parameters);
    }

    @Test
    void keysAndChainsRoundTripThroughPemAndPkcs12() throws Exception {
        IssuedCertificate issued = ISSUING.issue(IssueRequest.signing("org-1", "11222333000181", "Loja"));
        char[] password = "s3cret".toCharArray();

        assertThat(Pem.privateKey(issued.privateKeyPem(), null)).isEqualTo(issued.privateKey());
        assertThat(Pem.privateKey(issued.encryptedPrivateKeyPem(password), password)).isEqualTo(issued.privateKey());
        assertThat(Pem.certificates(issued.chainPem())).containsExactlyElementsOf(issued.chain());

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(issued.pkcs12(password)), password);
        assertThat(store.getKey("1", password)).isEqualTo(issued.privateKey());
        assertThat((X509Certificate) store.getCertificate("1")).isEqualTo(issued.certificate());
    }

    @Test
    void aSavedAuthorityIssuesUnderTheSameRoot() throws Exception {
        Path dir = Files.createTempDirectory("pki");
        ISSUING.save(dir);
        CertificateAuthority loaded = CertificateAuthority.load(dir);
        assertThat(loaded.root()).isEqualTo(ROOT.root());
        assertThat(Pem.certificates(Files.readString(dir.resolve("ca-root.pem")))).containsExactly(ROOT.root());
        assertThat(Files.getPosixFilePermissions(dir.resolve("ca-key.pem")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        IssuedCertificate issued = loaded.issue(IssueRequest.signing("org-1", "11222333000181", "Loja"));
        issued.certificate().verify(ISSUING.certificate().getPublicKey());
    }
}
