package br.com.ponte.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * A certificate authority for development and tests: a root, optionally intermediates below it,
 * each able to issue Open Finance Brasil shaped leaf certificates ({@link IssueRequest}). Keys are
 * RSA 2048 and certificates are signed SHA256withRSA, as the Open Finance chains are.
 *
 * <pre>{@code
 * CertificateAuthority root = CertificateAuthority.root("Sandbox Root CA");
 * CertificateAuthority issuing = root.intermediate("Sandbox Issuing CA");
 * IssuedCertificate transport = issuing.issue(IssueRequest.transport(orgId, softwareStatementId, "11222333000181",
 *         "Loja Ltda", "api.loja.example"));
 * }</pre>
 */
public final class CertificateAuthority {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    /** This CA's certificate and those above it, up to but excluding the root. */
    private final List<X509Certificate> chainBelowRoot;
    private final X509Certificate root;

    private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chainBelowRoot,
                                 X509Certificate root) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.chainBelowRoot = List.copyOf(chainBelowRoot);
        this.root = root;
    }

    /** A self-signed root valid ten years from now (and two years back). */
    public static CertificateAuthority root(String commonName) {
        KeyPair pair = rsa(2048);
        X500Name name = new X500Name("CN=" + commonName + ",O=Ponte Test PKI,C=BR");
        X509Certificate certificate = caCertificate(name, pair, name, pair.getPrivate(), -1);
        return new CertificateAuthority(certificate, pair.getPrivate(), List.of(), certificate);
    }

    /** An issuing CA signed by this one, valid five years from now (and two years back). */
    public CertificateAuthority intermediate(String commonName) {
        KeyPair pair = rsa(2048);
        X509Certificate issued = caCertificate(new X500Name("CN=" + commonName + ",O=Ponte Test PKI,C=BR"), pair,
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), privateKey, 0);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(issued);
        chain.addAll(chainBelowRoot);
        return new CertificateAuthority(issued, pair.getPrivate(), chain, root);
    }

    /** Reads a CA written by {@link #save}: a root, or an intermediate whose chain file lists it up to the root. */
    public static CertificateAuthority load(Path directory) {
        try {
            List<X509Certificate> chain = Pem.certificates(Files.readString(directory.resolve("ca-chain.pem")));
            PrivateKey key = Pem.privateKey(Files.readString(directory.resolve("ca-key.pem")), null);
            X509Certificate top = chain.get(chain.size() - 1);
            return new CertificateAuthority(chain.get(0), key, chain.subList(0, chain.size() - 1), top);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code ca-chain.pem} (this CA up to the root), {@code ca-root.pem} (the trust anchor)
     * and {@code ca-key.pem} (this CA's private key, owner-only).
     */
    public void save(Path directory) {
        try {
            Files.createDirectories(directory);
            List<X509Certificate> chain = new ArrayList<>(chainBelowRoot);
            if (chain.isEmpty() || !chain.get(chain.size() - 1).equals(root)) {
                chain.add(root);
            }
            Files.writeString(directory.resolve("ca-chain.pem"), Pem.encode(chain.toArray(X509Certificate[]::new)));
            Files.writeString(directory.resolve("ca-root.pem"), Pem.encode(root));
            Path key = directory.resolve("ca-key.pem");
            Files.deleteIfExists(key);
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(key, Pem.encode(privateKey));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The self-signed certificate at the top: what relying parties configure as trust anchor. */
    public X509Certificate root() {
        return root;
    }

    public String rootPem() {
        return Pem.encode(root);
    }

    /** Issues a leaf certificate; its chain holds the leaf, then this CA and the CAs up to (not including) the root. */
    public IssuedCertificate issue(IssueRequest request) {
        KeyPair pair = request.keyPair() != null ? request.keyPair() : rsa(request.keyBits());
        try {
            Instant notBefore = request.notBefore() != null ? request.notBefore() : Instant.now().minus(1, ChronoUnit.HOURS);
            Instant notAfter = request.notAfter() != null ? request.notAfter() : notBefore.plus(Duration.ofDays(365));
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), serial(),
                    Date.from(notBefore), Date.from(notAfter), request.subject(), pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
            if (request.keyUsage() != 0) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(request.keyUsage()));
            }
            if (request.extendedKeyUsage() != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, request.extendedKeyUsage());
            }
            if (request.subjectAlternativeNames() != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, request.subjectAlternativeNames());
            }
            X509Certificate leaf = convert(builder.build(signer(privateKey)));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(leaf);
            chain.addAll(chainBelowRoot);
            return new IssuedCertificate(leaf, pair.getPrivate(), chain);
        } catch (IOException | GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("Issuing a certificate failed", e);
        }
    }

    private static X509Certificate caCertificate(X500Name subject, KeyPair pair, X500Name issuer, PrivateKey issuerKey,
                                                 int pathLength) {
        try {
            // back-dated two years, so that tests can issue certificates that are already expired
            Instant now = Instant.now().minus(730, ChronoUnit.DAYS);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(now),
                    Date.from(now.plus(Duration.ofDays(pathLength < 0 ? 3650 + 730 : 1825 + 730))), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true,
                            pathLength < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLength))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
            return convert(builder.build(signer(issuerKey)));
        } catch (IOException | GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("Creating a CA certificate failed", e);
        }
    }

    private static ContentSigner signer(PrivateKey key) throws org.bouncycastle.operator.OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withRSA").build(key);
    }

    private static X509Certificate convert(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
