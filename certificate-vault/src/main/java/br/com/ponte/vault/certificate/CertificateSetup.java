package br.com.ponte.vault.certificate;

import br.com.ponte.vault.VaultConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.security.cert.X509Certificate;
import java.util.List;

public class CertificateSetup {

    private static final Logger LOG = Logger.getLogger(CertificateSetup.class);

    /** The inspector, with the trust anchors read once from {@code ponte.vault.trust-anchors}; an unreadable file stops the start. */
    @Produces
    @Singleton
    CertificateInspector inspector(VaultConfig config) {
        List<X509Certificate> anchors = PemFiles.certificates(config.trustAnchors().orElse(List.of()),
                "ponte.vault.trust-anchors");
        if (anchors.isEmpty()) {
            LOG.warn("No trust anchors configured (ponte.vault.trust-anchors): every certificate upload will be refused");
        } else {
            anchors.forEach(anchor -> LOG.infof("Trusting %s", anchor.getSubjectX500Principal().getName()));
        }
        return new CertificateInspector(anchors);
    }
}
