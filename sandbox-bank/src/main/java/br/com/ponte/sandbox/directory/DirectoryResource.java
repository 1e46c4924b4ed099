package br.com.ponte.sandbox.directory;

import br.com.ponte.pki.IssuedCertificate;
import br.com.ponte.sandbox.pki.Jwks;
import br.com.ponte.sandbox.pki.SandboxPki;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * The directory's software statement, certificate and key services, reduced to what a client of the
 * ecosystem needs in development: create a software statement, get its transport and signing
 * certificates, fetch its software statement assertion and the published keys. Plain HTTP and no
 * authentication: a development sandbox only.
 */
@Path("/directory")
@Tag(name = "Directory")
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryResource {

    private static final String STATEMENT = "/organisations/{organisationId}/softwarestatements/{softwareStatementId}";

    private final SoftwareStatements statements;
    private final SoftwareStatementAssertions assertions;
    private final SandboxPki pki;

    public DirectoryResource(SoftwareStatements statements, SoftwareStatementAssertions assertions, SandboxPki pki) {
        this.statements = statements;
        this.assertions = assertions;
        this.pki = pki;
    }

    public record NewSoftwareStatement(String organisationId, String organisationName, String cnpj, String clientName,
                                       List<String> redirectUris) {
    }

    public record CreatedSoftwareStatement(String organisationId, String softwareStatementId) {
    }

    public record CertificateRequest(String usage) {
    }

    public record IssuedCertificateBody(String certificate, String privateKey, String kid) {
    }

    /** The path of a software statement below {@code /directory}. */
    static String softwareStatementPath(String organisationId, String softwareStatementId) {
        return "/directory/organisations/" + organisationId + "/softwarestatements/" + softwareStatementId;
    }

    @POST
    @Path("/software-statements")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a software statement",
            description = "Under a new organisation unless organisationId names an existing one. Roles DADOS and PAGTO.")
    public Response create(NewSoftwareStatement request) {
        if (request == null) {
            throw DirectoryError.invalid("A JSON body is required");
        }
        SoftwareStatement statement = statements.create(request.organisationId(), request.organisationName(),
                request.cnpj(), request.clientName(), request.redirectUris());
        return Response.status(Response.Status.CREATED)
                .entity(new CreatedSoftwareStatement(statement.organisationId(), statement.softwareStatementId()))
                .build();
    }

    @POST
    @Path(STATEMENT + "/certificates")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a transport (BRCAC) or signing (BRSEAL) certificate",
            description = "Answers the certificate with its intermediate (PEM), the PKCS#8 private key and the key's kid. "
                    + "The directory keeps the public key only.")
    public Response issueCertificate(@PathParam("organisationId") String organisationId,
                                     @PathParam("softwareStatementId") String softwareStatementId,
                                     CertificateRequest request) {
        CertificateUsage usage = usage(request);
        IssuedCertificate issued = statements.issueCertificate(organisationId, softwareStatementId, usage);
        return Response.status(Response.Status.CREATED)
                .entity(new IssuedCertificateBody(issued.chainPem(), issued.privateKeyPem(),
                        Jwks.thumbprint(issued.certificate().getPublicKey())))
                .build();
    }

    @GET
    @Path(STATEMENT + "/application.jwks")
    @Operation(summary = "The software statement's signing keys (use sig)")
    public Map<String, Object> applicationJwks(@PathParam("organisationId") String organisationId,
                                               @PathParam("softwareStatementId") String softwareStatementId) {
        return jwks(statements.get(organisationId, softwareStatementId), CertificateUsage.SIGNING);
    }

    @GET
    @Path(STATEMENT + "/transport.jwks")
    @Operation(summary = "The software statement's transport keys (use tls)")
    public Map<String, Object> transportJwks(@PathParam("organisationId") String organisationId,
                                             @PathParam("softwareStatementId") String softwareStatementId) {
        return jwks(statements.get(organisationId, softwareStatementId), CertificateUsage.TRANSPORT);
    }

    @GET
    @Path(STATEMENT + "/assertion")
    @Produces("application/jwt")
    @Operation(summary = "A software statement assertion, signed PS256 by the directory, issued now")
    public String assertion(@PathParam("organisationId") String organisationId,
                            @PathParam("softwareStatementId") String softwareStatementId) {
        return assertions.assertion(statements.get(organisationId, softwareStatementId));
    }

    @GET
    @Path("/jwks")
    @Operation(summary = "The directory's key, which signs software statement assertions")
    public Map<String, Object> directoryJwks() {
        return Jwks.set(List.of(pki.directoryKey().publicJwk()));
    }

    private static Map<String, Object> jwks(SoftwareStatement statement, CertificateUsage usage) {
        return Jwks.set(statement.keys(usage).stream().map(key -> Jwks.publicJwk(key.chain(), usage.jwkUse())).toList());
    }

    private static CertificateUsage usage(CertificateRequest request) {
        if (request == null || request.usage() == null) {
            throw DirectoryError.invalid("usage is required: TRANSPORT or SIGNING");
        }
        try {
            return CertificateUsage.valueOf(request.usage());
        } catch (IllegalArgumentException e) {
            throw DirectoryError.invalid("usage must be TRANSPORT or SIGNING, not " + request.usage());
        }
    }
}
