package br.com.ponte.sandbox.oauth;

import br.com.ponte.sandbox.config.SandboxUrls;
import br.com.ponte.sandbox.pki.Jwks;
import br.com.ponte.sandbox.pki.SandboxPki;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** OpenID discovery and the bank's signing keys. */
@Path("/")
@HttpsOnly
@Tag(name = "Authorisation server")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {

    public static final List<String> SCOPES = List.of("openid", "payments", "accounts", "consents", "resources");
    public static final String LOA2 = "urn:brasil:openbanking:loa2";
    public static final String LOA3 = "urn:brasil:openbanking:loa3";
    public static final String PS256 = "PS256";

    private final SandboxUrls urls;
    private final SandboxPki pki;

    public DiscoveryResource(SandboxUrls urls, SandboxPki pki) {
        this.urls = urls;
        this.pki = pki;
    }

    @GET
    @Path(Endpoints.DISCOVERY)
    @Operation(summary = "OpenID Provider metadata")
    public OpenIdConfiguration configuration() {
        String token = urls.bank(Endpoints.TOKEN);
        String par = urls.bank(Endpoints.PAR);
        String register = urls.bank(Endpoints.REGISTER);
        return new OpenIdConfiguration(
                urls.issuer(),
                urls.bank(Endpoints.AUTHORIZE),
                token,
                par,
                register,
                urls.bank(Endpoints.JWKS),
                new OpenIdConfiguration.MtlsEndpointAliases(token, par, register),
                List.of("private_key_jwt"),
                List.of(PS256),
                List.of(PS256),
                List.of(PS256),
                List.of("code id_token", "code"),
                List.of("fragment", "query"),
                List.of("authorization_code", "refresh_token", "client_credentials"),
                SCOPES,
                List.of("sub", "acr", "auth_time", "nonce", "c_hash", "s_hash", "at_hash"),
                List.of("public"),
                List.of(LOA2, LOA3),
                List.of("S256"),
                true,
                true,
                false,
                true,
                false);
    }

    @GET
    @Path(Endpoints.JWKS)
    @Operation(summary = "The bank's public signing keys (id_tokens)")
    public Map<String, Object> jwks() {
        return Jwks.set(List.of(pki.bankKey().publicJwk()));
    }
}
