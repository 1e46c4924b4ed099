package br.com.ponte.sandbox.oauth;

import br.com.ponte.sandbox.authorization.ResponseMode;
import br.com.ponte.sandbox.brand.ApiFamily;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.brand.BrandContext;
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
import java.util.stream.Stream;

/** OpenID discovery and the brand's signing keys, at each brand's issuer. */
@Path("/")
@HttpsOnly
@Tag(name = "Authorisation server")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {

    public static final String LOA2 = "urn:brasil:openbanking:loa2";
    public static final String LOA3 = "urn:brasil:openbanking:loa3";
    public static final String PS256 = "PS256";

    private final BrandContext bank;
    private final SandboxPki pki;

    public DiscoveryResource(BrandContext bank, SandboxPki pki) {
        this.bank = bank;
        this.pki = pki;
    }

    @GET
    @Path(Endpoints.DISCOVERY)
    @Operation(summary = "OpenID Provider metadata")
    public OpenIdConfiguration configuration() {
        String token = bank.url(Endpoints.TOKEN);
        String par = bank.url(Endpoints.PAR);
        String register = bank.url(Endpoints.REGISTER);
        String userinfo = bank.url(Endpoints.USERINFO);
        boolean jarm = bank.brand().jarm();
        return new OpenIdConfiguration(
                bank.issuer(),
                bank.url(Endpoints.AUTHORIZE),
                token,
                par,
                register,
                userinfo,
                bank.url(Endpoints.JWKS),
                new OpenIdConfiguration.MtlsEndpointAliases(token, par, register, userinfo),
                List.of("private_key_jwt"),
                List.of(PS256),
                List.of(PS256),
                List.of(PS256),
                jarm ? List.of("code id_token", "code") : List.of("code id_token"),
                jarm ? ResponseMode.WITH_JARM : ResponseMode.WITHOUT_JARM,
                jarm ? List.of(PS256) : null,
                List.of("authorization_code", "refresh_token", "client_credentials"),
                scopes(bank.brand()),
                List.of("sub", "acr", "auth_time", "nonce", "c_hash", "s_hash", "at_hash", "cpf", "cnpj"),
                List.of("public"),
                List.of(LOA2, LOA3),
                List.of("S256"),
                true,
                true,
                false,
                true,
                true);
    }

    /** What the brand's authorisation server grants: {@code openid} and the scopes of the APIs it offers. */
    public static List<String> scopes(Brand brand) {
        return Stream.concat(Stream.of("openid"), brand.apis().stream().map(ApiFamily::scope)).distinct().toList();
    }

    @GET
    @Path(Endpoints.JWKS)
    @Operation(summary = "The brand's public signing keys (id_tokens, signed answers)")
    public Map<String, Object> jwks() {
        return Jwks.set(List.of(pki.signingKey(bank.brand()).publicJwk()));
    }
}
