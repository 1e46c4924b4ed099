package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** OpenID discovery and the bank's keys, as a client finds them from the directory's participant entry. */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class DiscoveryIT {

    @Test
    void theDiscoveryDocumentAdvertisesTheBrazilProfileAndNothingElse() throws Exception {
        String discoveryUrl = given().get("/participants").then().statusCode(200)
                .extract().path("[0].AuthorisationServers[0].OpenIDDiscoveryDocument");
        HttpResponse<String> response = TlsClient.anonymous().get(discoveryUrl);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode discovery = Json.of(response);

        assertThat(discovery.get("issuer").asText()).isEqualTo(Sandbox.issuer());
        assertThat(discovery.get("authorization_endpoint").asText()).isEqualTo(Sandbox.bank("/authorize"));
        assertThat(discovery.get("token_endpoint").asText()).isEqualTo(Sandbox.bank("/token"));
        assertThat(discovery.get("pushed_authorization_request_endpoint").asText()).isEqualTo(Sandbox.bank("/par"));
        assertThat(discovery.get("registration_endpoint").asText()).isEqualTo(Sandbox.bank("/register"));
        assertThat(discovery.get("jwks_uri").asText()).isEqualTo(Sandbox.bank("/jwks"));
        // dcr-id3 6.1 items 5 and 6
        assertThat(discovery.at("/mtls_endpoint_aliases/token_endpoint").asText()).isEqualTo(Sandbox.bank("/token"));
        assertThat(discovery.at("/mtls_endpoint_aliases/registration_endpoint").asText()).isEqualTo(Sandbox.bank("/register"));
        assertThat(discovery.at("/mtls_endpoint_aliases/pushed_authorization_request_endpoint").asText())
                .isEqualTo(Sandbox.bank("/par"));
        assertThat(strings(discovery, "token_endpoint_auth_methods_supported")).containsExactly("private_key_jwt");
        assertThat(strings(discovery, "request_object_signing_alg_values_supported")).containsExactly("PS256");
        assertThat(strings(discovery, "id_token_signing_alg_values_supported")).containsExactly("PS256");
        assertThat(strings(discovery, "response_types_supported")).containsExactly("code id_token", "code");
        // JARM: code comes only with a jwt response mode (FAPI 1.0 Advanced 5.2.2-2); never plain query
        assertThat(strings(discovery, "response_modes_supported"))
                .containsExactly("fragment", "jwt", "query.jwt", "fragment.jwt");
        assertThat(strings(discovery, "authorization_signing_alg_values_supported")).containsExactly("PS256");
        // fapi-id3 5.2.2-3, -4, -8: the claims parameter with cpf and cnpj, and userinfo with its mTLS alias
        assertThat(discovery.get("claims_parameter_supported").asBoolean()).isTrue();
        assertThat(strings(discovery, "claims_supported")).contains("cpf", "cnpj");
        assertThat(discovery.get("userinfo_endpoint").asText()).isEqualTo(Sandbox.bank("/userinfo"));
        assertThat(discovery.at("/mtls_endpoint_aliases/userinfo_endpoint").asText()).isEqualTo(Sandbox.bank("/userinfo"));
        assertThat(strings(discovery, "scopes_supported"))
                .containsExactly("openid", "payments", "consents", "resources", "customers", "accounts",
                        "credit-cards-accounts", "loans", "financings", "invoice-financings", "unarranged-accounts-overdraft");
        assertThat(strings(discovery, "acr_values_supported"))
                .containsExactly("urn:brasil:openbanking:loa2", "urn:brasil:openbanking:loa3");
        assertThat(strings(discovery, "code_challenge_methods_supported")).containsExactly("S256");
        assertThat(strings(discovery, "grant_types_supported"))
                .containsExactly("authorization_code", "refresh_token", "client_credentials");
        assertThat(discovery.get("tls_client_certificate_bound_access_tokens").asBoolean()).isTrue();
        assertThat(discovery.get("require_pushed_authorization_requests").asBoolean()).isTrue();
        // OpenID Connect Discovery 1.0 section 3: required metadata
        assertThat(discovery.has("subject_types_supported")).isTrue();
    }

    @Test
    void theJwksHoldsTheBanksPs256KeyWithItsThumbprintAsKid() throws Exception {
        JsonWebKeySet keys = DirectoryIT.jwks(Sandbox.bank("/jwks"));

        assertThat(keys.getJsonWebKeys()).hasSize(1);
        PublicJsonWebKey key = (PublicJsonWebKey) keys.getJsonWebKeys().get(0);
        assertThat(key.getKeyType()).isEqualTo("RSA");
        assertThat(key.getAlgorithm()).isEqualTo("PS256");
        assertThat(key.getUse()).isEqualTo("sig");
        assertThat(key.getKeyId()).isEqualTo(key.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256));
        assertThat(key.toJson()).doesNotContain("\"d\"");
        List<X509Certificate> chain = key.getCertificateChain();
        assertThat(chain.get(0).getPublicKey()).isEqualTo(key.getPublicKey());
        chain.get(0).verify(chain.get(1).getPublicKey());
        chain.get(1).verify(Sandbox.root().getPublicKey());
    }

    @Test
    void theAuthorisationServerDoesNotAnswerOnThePlainHttpPort() {
        given().get("/.well-known/openid-configuration").then().statusCode(403);
        given().contentType("application/json").body("{}").post("/register").then().statusCode(403);
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        node.get(field).forEach(value -> values.add(value.asText()));
        return values;
    }
}
