package br.com.ponte.vault.internal;

import br.com.ponte.fapi.TransportIdentity;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.audit.Actor;
import br.com.ponte.kit.audit.Audit;
import br.com.ponte.kit.security.InternalCallers;
import br.com.ponte.vault.certificate.CertificateService;
import br.com.ponte.vault.certificate.CertificateUsage;
import br.com.ponte.vault.certificate.PartnerKeys;
import br.com.ponte.vault.domain.OfbOrganization;
import br.com.ponte.vault.domain.TransmitterRegistration;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the platform's services (consent-, payment-, collection-service) need to call transmitters
 * for a partner: signatures by the partner's signing key, the transport identity for mutual TLS,
 * and the partner's client at a transmitter. Only authenticated services reach it
 * ({@link InternalCallers}); it is not exposed to partners (deploy it on an internal port or path
 * the ingress does not route). Every use of a partner's key is in the audit log (service, partner,
 * certificate, what for; never the key, the claims or the signature), committed before the answer.
 */
@Path("/internal/v1/partners/{partnerId}")
@Tag(name = "Internal (platform services only)")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll // service credentials are checked by InternalCallers
public class InternalResource {

    private final InternalCallers callers;
    private final PartnerKeys keys;
    private final Audit audit;

    public InternalResource(InternalCallers callers, PartnerKeys keys, Audit audit) {
        this.callers = callers;
        this.keys = keys;
        this.audit = audit;
    }

    public record SignRequest(Map<String, Object> claims, String type) {
    }

    public record SignResponse(String jws) {
    }

    public record TransportIdentityResponse(String certificateId, String certificateChainPem, String privateKeyPem) {

        @Override
        public String toString() {
            return "TransportIdentityResponse[" + certificateId + ", key redacted]";
        }
    }

    /** {@code redirectUris}: the client's at the transmitter; empty when unknown (a client id set by hand without them). */
    public record TransmitterClient(String authorisationServerId, String clientId, String issuer, String discoveryUrl,
                                    String organizationId, String softwareStatementId, List<String> redirectUris) {
    }

    @POST
    @Path("/jws")
    @Operation(summary = "Sign JWT claims PS256 with the partner's signing (BRSEAL) key",
            description = "For client assertions, request objects and signed payment bodies. Header kid = the key's RFC 7638 thumbprint.")
    public Uni<SignResponse> sign(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @PathParam("partnerId") String partnerId, SignRequest request) {
        String service = callers.authenticate(authorization);
        UUID partner = ApiException.uuidOrNotFound(partnerId, "partner");
        if (request == null || request.claims() == null || request.claims().isEmpty()) {
            throw ApiException.unprocessable("PARAMETRO_NAO_INFORMADO", "'claims' is required");
        }
        String type = request.type() == null ? "JWT" : request.type();
        // signed first, answered only once the use of the key is in the audit log
        return keys.active(partner, CertificateUsage.SIGNING).chain(certificate -> keys.sign(certificate, request.claims(), type)
                .call(jws -> {
                    Map<String, String> details = CertificateService.describe(certificate);
                    details.put("operation", "jws");
                    details.put("type", type.length() > 64 ? type.substring(0, 64) : type);
                    details.put("object", signedObject(request.claims()));
                    return Panache.withTransaction(() -> audit.record(Actor.service(service), "certificate.key-used",
                            "certificate", certificate.id.toString(), partner.toString(), details));
                }))
                .map(SignResponse::new);
    }

    /** What the caller had signed, told by the claims' names (never their values). */
    static String signedObject(Map<String, Object> claims) {
        if (claims.containsKey("data")) {
            return "signed-body";
        }
        if (claims.containsKey("response_type") || claims.containsKey("redirect_uri")) {
            return "request-object";
        }
        if (claims.containsKey("iss") && claims.get("iss") != null && claims.get("iss").equals(claims.get("sub"))
                && claims.containsKey("aud") && claims.containsKey("jti")) {
            return "client-assertion";
        }
        return "jwt";
    }

    @GET
    @Path("/transport-identity")
    @Operation(summary = "The partner's transport certificate chain and private key, for mutual TLS",
            description = "Hold it in memory only; never log or persist it.")
    public Uni<Response> transportIdentity(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                           @PathParam("partnerId") String partnerId) {
        String service = callers.authenticate(authorization);
        UUID partner = ApiException.uuidOrNotFound(partnerId, "partner");
        return keys.active(partner, CertificateUsage.TRANSPORT).chain(certificate -> {
            TransportIdentity identity = keys.transportIdentity(certificate);
            Map<String, String> details = CertificateService.describe(certificate);
            details.put("operation", "transport-identity");
            // released only once the release is in the audit log
            return Panache.withTransaction(() -> audit.record(Actor.service(service), "certificate.key-released",
                            "certificate", certificate.id.toString(), partner.toString(), details))
                    .replaceWith(() -> Response.ok(new TransportIdentityResponse(certificate.id.toString(),
                                    identity.certificateChainPem(), identity.privateKeyPem()))
                            .header("Cache-Control", "no-store").build());
        });
    }

    @GET
    @Path("/transmitters/{authorisationServerId}")
    @Operation(summary = "The partner's client at a transmitter, and its directory identity")
    public Uni<TransmitterClient> transmitter(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                              @PathParam("partnerId") String partnerId,
                                              @PathParam("authorisationServerId") String authorisationServerId) {
        callers.authenticate(authorization);
        UUID partner = ApiException.uuidOrNotFound(partnerId, "partner");
        return Panache.withSession(() -> TransmitterRegistration.find(partner, authorisationServerId)
                .chain(registration -> OfbOrganization.<OfbOrganization>findById(partner).map(organization -> {
                    if (registration == null || organization == null) {
                        throw ApiException.notFound("Partner " + partnerId + " has no client at " + authorisationServerId);
                    }
                    return new TransmitterClient(authorisationServerId, registration.clientId, registration.issuer,
                            registration.discoveryUrl, organization.organizationId, organization.softwareStatementId,
                            registration.redirectUriList());
                })));
    }
}
