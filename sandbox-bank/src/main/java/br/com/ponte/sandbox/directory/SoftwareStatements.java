package br.com.ponte.sandbox.directory;

import br.com.ponte.pki.IssueRequest;
import br.com.ponte.pki.IssuedCertificate;
import br.com.ponte.sandbox.pki.Jwks;
import br.com.ponte.sandbox.pki.SandboxPki;
import br.com.ponte.sandbox.store.SandboxStore;
import br.com.ponte.sandbox.store.Table;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The directory's software statements and the certificates it issues to them. Stands in for the
 * Open Finance Brasil directory's software and certificate management, without its login: any
 * caller may create a software statement, which is fine for a development sandbox only.
 */
@ApplicationScoped
public class SoftwareStatements {

    private static final Pattern CNPJ = Pattern.compile("\\d{14}");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Table<SoftwareStatement> statements;
    private final SandboxPki pki;

    public SoftwareStatements(SandboxStore store, SandboxPki pki) {
        this.statements = store.table("softwareStatements", SoftwareStatement.class);
        this.pki = pki;
    }

    /** A new software statement; under a new organisation unless an organisation id is given. */
    public SoftwareStatement create(String organisationId, String organisationName, String cnpj, String clientName,
                                    List<String> redirectUris) {
        if (organisationId != null && !UUID_TEXT.matcher(organisationId).matches()) {
            throw DirectoryError.invalid("organisationId must be a UUID");
        }
        if (blank(organisationName) || blank(clientName)) {
            throw DirectoryError.invalid("organisationName and clientName are required");
        }
        if (cnpj == null || !CNPJ.matcher(cnpj).matches()) {
            throw DirectoryError.invalid("cnpj must be 14 digits");
        }
        if (redirectUris == null || redirectUris.isEmpty()) {
            throw DirectoryError.invalid("redirectUris must list at least one URI");
        }
        redirectUris.forEach(SoftwareStatements::checkRedirectUri);
        SoftwareStatement statement = new SoftwareStatement(
                organisationId != null ? organisationId.toLowerCase() : UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), organisationName.strip(), cnpj, clientName.strip(),
                List.copyOf(redirectUris), SoftwareStatement.DEFAULT_ROLES, Instant.now(), List.of());
        statements.put(statement.softwareStatementId(), statement);
        return statement;
    }

    /** The software statement, when it belongs to that organisation. */
    public Optional<SoftwareStatement> find(String organisationId, String softwareStatementId) {
        return statements.find(softwareStatementId).filter(statement -> statement.organisationId().equals(organisationId));
    }

    public SoftwareStatement get(String organisationId, String softwareStatementId) {
        return find(organisationId, softwareStatementId).orElseThrow(() -> DirectoryError.notFound(
                "No software statement " + softwareStatementId + " in organisation " + organisationId));
    }

    /**
     * Issues a certificate of the given usage to the software statement (cert-id1: a transport
     * certificate names the organisation and the software statement, a signing certificate the
     * organisation) and remembers its public key.
     */
    public IssuedCertificate issueCertificate(String organisationId, String softwareStatementId, CertificateUsage usage) {
        SoftwareStatement statement = get(organisationId, softwareStatementId);
        IssueRequest request = switch (usage) {
            case TRANSPORT -> IssueRequest.transport(statement.organisationId(), statement.softwareStatementId(),
                    statement.cnpj(), statement.organisationName(), statement.softwareStatementId() + ".sandbox.local");
            case SIGNING -> IssueRequest.signing(statement.organisationId(), statement.cnpj(),
                    statement.organisationName());
        };
        IssuedCertificate issued = pki.authority().issue(request);
        DirectoryKey key = new DirectoryKey(Jwks.thumbprint(issued.certificate().getPublicKey()), usage,
                issued.chainPem());
        statements.update(softwareStatementId, current -> current.withKey(key));
        return issued;
    }

    /** The public keys of the software statement's signing certificates, by {@code kid}. */
    public Map<String, PublicKey> signingKeys(String organisationId, String softwareStatementId) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        find(organisationId, softwareStatementId).ifPresent(statement -> statement.keys(CertificateUsage.SIGNING)
                .forEach(key -> keys.put(key.kid(), key.chain().get(0).getPublicKey())));
        return keys;
    }

    /**
     * FAPI wants https redirect URIs; plain http is let through for loopback hosts only, so that a
     * developer's local services can receive the redirect.
     */
    private static void checkRedirectUri(String uri) {
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DirectoryError.invalid("Not a URI: " + uri);
        }
        boolean secure = "https".equals(parsed.getScheme());
        boolean loopback = "http".equals(parsed.getScheme()) && LOOPBACK.contains(parsed.getHost());
        if (!parsed.isAbsolute() || parsed.getHost() == null || parsed.getFragment() != null || !(secure || loopback)) {
            throw DirectoryError.invalid("A redirect URI must be an absolute https URI without fragment "
                    + "(http only on localhost): " + uri);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
