package br.com.ponte.sandbox.fapi;

import br.com.ponte.pki.CertificateAuthority;
import br.com.ponte.pki.Pem;
import br.com.ponte.sandbox.brand.Brand;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

/** Where the sandbox under test is and what it trusts, as its configuration says. */
final class Sandbox {

    private Sandbox() {
    }

    /** Banco Sandbox Ponte's issuer. */
    static String issuer() {
        return issuer(Brand.SANDBOX);
    }

    /** The brand's issuer: the base URL and the brand's prefix. */
    static String issuer(Brand brand) {
        return value("sandbox.base-url") + brand.pathPrefix();
    }

    /** A URL of Banco Sandbox Ponte. */
    static String bank(String path) {
        return issuer() + path;
    }

    static String bank(Brand brand, String path) {
        return issuer(brand) + path;
    }

    static String directory(String path) {
        return value("sandbox.directory-url") + path;
    }

    static Path pkiDir() {
        return Path.of(value("sandbox.pki-dir"));
    }

    static X509Certificate root() {
        try {
            return Pem.certificates(Files.readString(pkiDir().resolve("ca-root.pem"))).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sandbox's own CA, as an operator with access to its files could use it. */
    static CertificateAuthority authority() {
        return CertificateAuthority.load(pkiDir());
    }

    private static String value(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
