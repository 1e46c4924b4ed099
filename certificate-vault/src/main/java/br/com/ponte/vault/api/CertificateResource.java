package br.com.ponte.vault.api;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.ErrorResponse;
import br.com.ponte.vault.certificate.CertificateService;
import br.com.ponte.vault.certificate.CertificateUsage;
import br.com.ponte.vault.certificate.UploadedMaterial;
import br.com.ponte.vault.domain.StoredCertificate;
import br.com.ponte.vault.domain.TokenSigner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

@Path("/v1/certificates")
@Tag(name = "Certificates")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll // the partner's access token is verified in process by TokenSigner
@SecurityRequirement(name = "partnerToken")
public class CertificateResource {

    private final TokenSigner tokens;
    private final CertificateService certificates;

    public CertificateResource(TokenSigner tokens, CertificateService certificates) {
        this.tokens = tokens;
        this.certificates = certificates;
    }

    /**
     * An upload: {@code certificate} (PEM, the certificate then its intermediates) with
     * {@code privateKey} (PEM, PKCS#8 or PKCS#1, encrypted or not), or {@code pkcs12} (base64).
     * {@code password} opens the PKCS#12 file or the encrypted key.
     */
    public record CertificateUpload(String usage, String certificate, String privateKey, String pkcs12, String password) {

        @Override
        public String toString() {
            return "CertificateUpload[usage=" + usage + ", key and password redacted]";
        }
    }

    public record RevokeRequest(String reason) {
    }

    /** Metadata only: the private key never leaves the vault. {@code chain} (public) only on a single certificate. */
    public record CertificateView(String id, String usage, String status, String subject, String issuer,
                                  String serialNumber, Instant notBefore, Instant notAfter, String fingerprintSha256,
                                  String replaces, Instant createdAt, Instant replacedAt, Instant revokedAt,
                                  String revocationReason, String chain) {
    }

    public record CertificateList(List<CertificateView> data) {
    }

    @POST
    @Operation(summary = "Upload a transport (BRCAC) or signing (BRSEAL) certificate with its private key",
            description = "Checked against Open Finance Brasil's certificate standard, the trust anchors and the partner's "
                    + "organizationId/softwareStatementId. The key is stored encrypted and never returned.")
    public Uni<Response> upload(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, CertificateUpload request) {
        UUID partnerId = tokens.verify(authorization);
        CertificateUsage usage = usage(request, true);
        return certificates.upload(partnerId, usage, material(request)).map(stored -> Response
                .created(URI.create("/v1/certificates/" + stored.id)).entity(view(stored, false)).build());
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace an active certificate by a new one of the same usage",
            description = "The old certificate becomes REPLACED and the new one ACTIVE in one transaction.")
    public Uni<CertificateView> replace(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                        @PathParam("id") String id, CertificateUpload request) {
        UUID partnerId = tokens.verify(authorization);
        UUID certificateId = ApiException.uuidOrNotFound(id, "certificate");
        CertificateUsage usage = usage(request, false);
        return certificates.replace(partnerId, certificateId, usage, material(request)).map(stored -> view(stored, false));
    }

    @GET
    @Operation(summary = "The partner's certificates, newest first (metadata)")
    public Uni<CertificateList> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        UUID partnerId = tokens.verify(authorization);
        return Panache.withSession(() -> StoredCertificate.listForPartner(partnerId))
                .map(all -> new CertificateList(all.stream().map(c -> view(c, false)).toList()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One certificate: metadata and its public chain (PEM)")
    public Uni<CertificateView> get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        UUID partnerId = tokens.verify(authorization);
        UUID certificateId = ApiException.uuidOrNotFound(id, "certificate");
        return Panache.withSession(() -> StoredCertificate.findForPartner(certificateId, partnerId)).map(stored -> {
            if (stored == null) {
                throw ApiException.notFound("No certificate " + id);
            }
            return view(stored, true);
        });
    }

    @POST
    @Path("/{id}/revoke")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Revoke a certificate", description = "Its private key is destroyed; it can no longer be used. "
            + "Body (optional): {\"reason\": \"...\"}.")
    public Uni<CertificateView> revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                       @PathParam("id") String id, String body) {
        UUID partnerId = tokens.verify(authorization);
        UUID certificateId = ApiException.uuidOrNotFound(id, "certificate");
        RevokeRequest request = null;
        if (body != null && !body.isBlank()) {
            try {
                request = br.com.ponte.events.EventCodec.mapper().readValue(body, RevokeRequest.class);
            } catch (java.io.IOException e) {
                throw ApiException.badRequest("PARAMETRO_INVALIDO", "The body must be JSON: {\"reason\": \"...\"} (optional)");
            }
        }
        String reason = request == null || request.reason() == null ? null : request.reason().strip();
        if (reason != null && reason.length() > 500) {
            throw ApiException.unprocessable("PARAMETRO_INVALIDO", "'reason' has more than 500 characters");
        }
        return certificates.revoke(partnerId, certificateId, reason).map(stored -> view(stored, false));
    }

    private static CertificateUsage usage(CertificateUpload request, boolean required) {
        if (request == null || request.usage() == null || request.usage().isBlank()) {
            if (required) {
                throw ApiException.unprocessable("PARAMETRO_NAO_INFORMADO", "'usage' is required: TRANSPORT or SIGNING");
            }
            return null;
        }
        try {
            return CertificateUsage.valueOf(request.usage().strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("PARAMETRO_INVALIDO", "'usage' must be TRANSPORT or SIGNING");
        }
    }

    private static UploadedMaterial material(CertificateUpload request) {
        if (request == null) {
            throw ApiException.unprocessable("PARAMETRO_NAO_INFORMADO",
                    "The body is required: 'certificate' and 'privateKey' (PEM) or 'pkcs12'");
        }
        boolean pem = request.certificate() != null || request.privateKey() != null;
        boolean pkcs12 = request.pkcs12() != null;
        char[] password = request.password() == null ? null : request.password().toCharArray();
        if (pem && pkcs12) {
            throw ApiException.unprocessable("PARAMETRO_INVALIDO", "Send either 'certificate' and 'privateKey' (PEM) or 'pkcs12', not both");
        }
        if (pkcs12) {
            try {
                return new UploadedMaterial(null, null, Base64.getDecoder().decode(request.pkcs12().replaceAll("\\s", "")), password);
            } catch (IllegalArgumentException e) {
                throw ApiException.unprocessable("PARAMETRO_INVALIDO", "'pkcs12' must be base64");
            }
        }
        List<ErrorResponse.Error> errors = new ArrayList<>();
        if (request.certificate() == null || request.certificate().isBlank()) {
            errors.add(new ErrorResponse.Error("PARAMETRO_NAO_INFORMADO", "Missing parameter",
                    "'certificate' (PEM) is required, or 'pkcs12'"));
        }
        if (request.privateKey() == null || request.privateKey().isBlank()) {
            errors.add(new ErrorResponse.Error("PARAMETRO_NAO_INFORMADO", "Missing parameter",
                    "'privateKey' (PEM) is required, or 'pkcs12'"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(422, errors);
        }
        return new UploadedMaterial(request.certificate(), request.privateKey(), null, password);
    }

    static CertificateView view(StoredCertificate c, boolean withChain) {
        return new CertificateView(c.id.toString(), c.usage.name(), c.status.name(), c.subject, c.issuer, c.serialNumber,
                c.notBefore, c.notAfter, c.fingerprintSha256, c.replacesId == null ? null : c.replacesId.toString(),
                c.createdAt, c.replacedAt, c.revokedAt, c.revocationReason, withChain ? c.chainPem : null);
    }
}
