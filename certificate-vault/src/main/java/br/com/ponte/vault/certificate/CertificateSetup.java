package br.com.ponte.vault.certificate;

import br.com.ponte.vault.VaultConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

public class CertificateSetup {

    private static final Logger LOG = Logger.getLogger(CertificateSetup.class);

    /** The inspector, with the trust anchors read once from {@code ponte.vault.trust-anchors}; an unreadable file stops the start. */
    @Produces
    @Singleton
    CertificateInspector inspector(VaultConfig config) {
        List<X509Certificate> anchors = new ArrayList<>();
        for (String file : config.trustAnchors().orElse(List.of())) {
            try (InputStream in = Files.newInputStream(Path.of(file.trim()))) {
                CertificateFactory.getInstance("X.509").generateCertificates(in)
                        .forEach(certificate -> anchors.add((X509Certificate) certificate));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("ponte.vault.trust-anchors: cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        if (anchors.isEmpty()) {
            LOG.warn("No trust anchors configured (ponte.vault.trust-anchors): every certificate upload will be refused");
        } else {
            anchors.forEach(anchor -> LOG.infof("Trusting %s", anchor.getSubjectX500Principal().getName()));
        }
        return new CertificateInspector(anchors);
    }
}
