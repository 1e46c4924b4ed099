package br.com.ponte.sandbox.pki;

import br.com.ponte.pki.CertificateAuthority;
import br.com.ponte.pki.IssueRequest;
import br.com.ponte.pki.IssuedCertificate;
import br.com.ponte.pki.Pem;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.config.SandboxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's public key infrastructure, kept in {@code sandbox.pki-dir}: the development CA (a
 * root and an issuing CA) that signs every certificate the directory hands out and the HTTPS
 * server's certificate, plus the long-lived signing keys of each brand (id_tokens, signed API bodies;
 * {@code <brand>-signing.pem}, Banco Sandbox Ponte's {@code bank-signing.pem}) and of the directory
 * (software statements). The CA and the signing keys are created on first start and reused after,
 * so that certificates and key ids already handed to Ponte stay valid; the server certificate is
 * issued anew on every start.
 */
@ApplicationScoped
public class SandboxPki {

    static final String ROOT_NAME = "Sandbox Open Finance Root CA";
    static final String ISSUING_NAME = "Sandbox Open Finance Issuing CA";
    static final String DIRECTORY_KEY = "directory-signing";
    /** A signing certificate closer than this to its expiry is replaced on start. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private static final Logger LOG = Logger.getLogger(SandboxPki.class);

    private final CertificateAuthority authority;
    private final Map<Brand, SigningKey> brandKeys = new EnumMap<>(Brand.class);
    private final SigningKey directoryKey;
    private final Map<Brand, byte[]> subjectSecrets = new EnumMap<>(Brand.class);
    private final IssuedCertificate serverCertificate;

    @Inject
    public SandboxPki(SandboxConfig config) {
        Path directory = config.pkiDir().toAbsolutePath();
        try {
            Files.createDirectories(directory);
            // two sandboxes starting together on the same directory must not both create a CA
            try (FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                authority = loadOrCreateAuthority(directory);
                for (Brand brand : Brand.values()) {
                    IssuedCertificate key = loadOrIssue(directory, brand.signingKeyName(), IssueRequest.signing(
                            brand.organisationId(), brand.cnpj(), brand.displayName()));
                    brandKeys.put(brand, new SigningKey(key.privateKey(), key.chain()));
                    subjectSecrets.put(brand, sha256(key.privateKey()));
                }
                IssuedCertificate directorySigner = loadOrIssue(directory, DIRECTORY_KEY, new IssueRequest(
                        new X500Name("CN=Sandbox Open Finance Directory SSA Signer,O=Ponte Test PKI,C=BR"),
                        KeyUsage.digitalSignature | KeyUsage.nonRepudiation, null, null, null, null, 2048, null));
                directoryKey = new SigningKey(directorySigner.privateKey(), directorySigner.chain());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the sandbox PKI in " + directory, e);
        }
        serverCertificate = authority.issue(serverRequest(config.baseUrl()));
        LOG.infof("Sandbox PKI in %s: clients trust %s", directory, directory.resolve("ca-root.pem"));
    }

    /** The issuing CA: it signs the certificates the directory hands out. */
    public CertificateAuthority authority() {
        return authority;
    }

    /** The trust anchor of every sandbox certificate, client or server. */
    public X509Certificate root() {
        return authority.root();
    }

    public IssuedCertificate serverCertificate() {
        return serverCertificate;
    }

    /** The brand's key: id_tokens, signed answers. */
    public SigningKey signingKey(Brand brand) {
        return brandKeys.get(brand);
    }

    /** The directory's key: software statement assertions. */
    public SigningKey directoryKey() {
        return directoryKey;
    }

    /**
     * A secret only this brand knows and that lasts as long as its signing key: the key for deriving
     * opaque, stable subject identifiers (a user has another {@code sub} at each brand, as at two banks).
     */
    public byte[] subjectSecret(Brand brand) {
        return subjectSecrets.get(brand).clone();
    }

    private static CertificateAuthority loadOrCreateAuthority(Path directory) {
        if (Files.isRegularFile(directory.resolve("ca-chain.pem"))
                && Files.isRegularFile(directory.resolve("ca-key.pem"))) {
            return CertificateAuthority.load(directory);
        }
        CertificateAuthority issuing = CertificateAuthority.root(ROOT_NAME).intermediate(ISSUING_NAME);
        issuing.save(directory);
        LOG.infof("Created the sandbox CA '%s' in %s", ROOT_NAME, directory);
        return issuing;
    }

    /** The certificate and key saved under {@code name}, or a new one when they are missing, foreign or expiring. */
    private IssuedCertificate loadOrIssue(Path directory, String name, IssueRequest request) throws IOException {
        Path certificateFile = directory.resolve(name + ".pem");
        Path keyFile = directory.resolve(name + "-key.pem");
        if (Files.isRegularFile(certificateFile) && Files.isRegularFile(keyFile)) {
            List<X509Certificate> chain = Pem.certificates(Files.readString(certificateFile));
            if (issuedByAuthority(chain.get(0))) {
                return new IssuedCertificate(chain.get(0), Pem.privateKey(Files.readString(keyFile), null), chain);
            }
        }
        IssuedCertificate issued = authority.issue(request);
        Files.writeString(certificateFile, issued.chainPem());
        Files.deleteIfExists(keyFile);
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, issued.privateKeyPem());
        return issued;
    }

    private boolean issuedByAuthority(X509Certificate certificate) {
        try {
            certificate.verify(authority.certificate().getPublicKey());
            return certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The HTTPS server's certificate, also for the host of the base URL (a container name, say). */
    static IssueRequest serverRequest(String baseUrl) {
        return IssueRequest.tlsServer(Brand.SANDBOX.displayName(), URI.create(baseUrl.strip()).getHost());
    }

    private static byte[] sha256(PrivateKey key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
