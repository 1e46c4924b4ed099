package br.com.ponte.sandbox.directory;

import br.com.ponte.sandbox.config.SandboxUrls;
import br.com.ponte.sandbox.pki.SandboxPki;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Software statement assertions (SSA, dcr-id3 section 8): the signed JWT a client presents when it
 * registers at a bank, asserting what the directory knows of the software. Signed PS256 with the
 * directory's key ({@code GET /directory/jwks}); a fresh one on every request, because banks refuse
 * an assertion older than five minutes.
 */
@ApplicationScoped
public class SoftwareStatementAssertions {

    public static final String ISSUER = "Ponte sandbox Open Finance directory SSA issuer";

    private final SandboxPki pki;
    private final SandboxUrls urls;

    public SoftwareStatementAssertions(SandboxPki pki, SandboxUrls urls) {
        this.pki = pki;
        this.urls = urls;
    }

    public String assertion(SoftwareStatement statement) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond()));
        claims.setClaim("software_id", statement.softwareStatementId());
        claims.setClaim("software_client_id", statement.softwareStatementId());
        claims.setClaim("software_client_name", statement.clientName());
        claims.setClaim("software_redirect_uris", statement.redirectUris());
        claims.setClaim("software_roles", statement.roles());
        claims.setClaim("software_statement_roles", statement.roles().stream()
                .map(role -> Map.of("role", role, "authorisation_domain", "Open Banking", "status", "Active")).toList());
        claims.setClaim("software_jwks_uri", jwksUri(statement, "application.jwks"));
        claims.setClaim("software_jwks_transport_uri", jwksUri(statement, "transport.jwks"));
        claims.setClaim("software_mode", "Test");
        claims.setClaim("software_environment", "sandbox");
        claims.setClaim("software_version", "1.0");
        claims.setClaim("org_id", statement.organisationId());
        claims.setClaim("org_name", statement.organisationName());
        claims.setClaim("org_number", statement.cnpj());
        claims.setClaim("org_status", "Active");
        claims.setClaim("organisation_competent_authority_claims", statement.roles().stream()
                .map(role -> Map.of("authorisation_domain", "Open Banking", "authorisations", List.of(),
                        "registration_id", statement.cnpj() + "-OFB-" + role, "authority_name", "Banco Central",
                        "authorisation_role", role, "authority_code", "BCB", "status", "Active")).toList());
        return pki.directoryKey().sign(claims);
    }

    /** Where the directory publishes the software statement's keys. */
    private String jwksUri(SoftwareStatement statement, String document) {
        return urls.directory(DirectoryResource.softwareStatementPath(statement.organisationId(),
                statement.softwareStatementId()) + "/" + document);
    }
}
