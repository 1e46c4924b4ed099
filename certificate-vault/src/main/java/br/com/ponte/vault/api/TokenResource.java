package br.com.ponte.vault.api;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.vault.domain.PartnerService;
import br.com.ponte.vault.domain.TokenSigner;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

@Path("/v1/oauth")
@Tag(name = "OAuth")
@PermitAll
public class TokenResource {

    private final PartnerService partners;
    private final TokenSigner signer;

    public TokenResource(PartnerService partners, TokenSigner signer) {
        this.partners = partners;
        this.signer = signer;
    }

    public record TokenResponse(@JsonProperty("access_token") String accessToken,
                                @JsonProperty("token_type") String tokenType,
                                @JsonProperty("expires_in") long expiresIn) {
    }

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "Client credentials grant",
            description = "Exchanges the partner's client id and secret (form fields, or HTTP Basic) for a short-lived access token.")
    public Uni<TokenResponse> token(@FormParam("grant_type") String grantType,
                                    @FormParam("client_id") String clientId,
                                    @FormParam("client_secret") String clientSecret,
                                    @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (grantType == null || grantType.isBlank()) {
            throw ApiException.badRequest("invalid_request", "'grant_type' is required");
        }
        if (!"client_credentials".equals(grantType)) {
            throw ApiException.badRequest("unsupported_grant_type", "Only 'client_credentials' is supported");
        }
        if ((clientId == null || clientSecret == null) && authorization != null
                && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] basic = decodeBasic(authorization.substring(6).trim());
            clientId = basic[0];
            clientSecret = basic[1];
        }
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw ApiException.unauthorized("Client authentication failed: 'client_id' and 'client_secret' are required");
        }
        return partners.authenticate(clientId, clientSecret)
                .map(signer::issue)
                .map(issued -> new TokenResponse(issued.token(), "Bearer", issued.expiresIn()));
    }

    @GET
    @Path("/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Public keys that verify partner access tokens")
    public Map<String, Object> jwks() {
        return signer.jwks();
    }

    private static String[] decodeBasic(String value) {
        try {
            String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw ApiException.unauthorized("Malformed HTTP Basic credentials");
            }
            return new String[]{
                    java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("Malformed HTTP Basic credentials");
        }
    }
}
