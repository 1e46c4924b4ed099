package br.com.ponte.sandbox.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The authorisation server's metadata (OpenID Connect Discovery 1.0, RFC 8414), limited to what the
 * sandbox does: FAPI 1.0 Advanced with the Brazil profile (fapi-id3, dcr-id3). It advertises only the
 * modes it enforces (fapi-id3 5.2.2-19).
 */
public record OpenIdConfiguration(
        @JsonProperty("issuer") String issuer,
        @JsonProperty("authorization_endpoint") String authorizationEndpoint,
        @JsonProperty("token_endpoint") String tokenEndpoint,
        @JsonProperty("pushed_authorization_request_endpoint") String pushedAuthorizationRequestEndpoint,
        @JsonProperty("registration_endpoint") String registrationEndpoint,
        @JsonProperty("userinfo_endpoint") String userinfoEndpoint,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("mtls_endpoint_aliases") MtlsEndpointAliases mtlsEndpointAliases,
        @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethodsSupported,
        @JsonProperty("token_endpoint_auth_signing_alg_values_supported")
        List<String> tokenEndpointAuthSigningAlgValuesSupported,
        @JsonProperty("request_object_signing_alg_values_supported") List<String> requestObjectSigningAlgValuesSupported,
        @JsonProperty("id_token_signing_alg_values_supported") List<String> idTokenSigningAlgValuesSupported,
        @JsonProperty("response_types_supported") List<String> responseTypesSupported,
        @JsonProperty("response_modes_supported") List<String> responseModesSupported,
        @JsonProperty("authorization_signing_alg_values_supported") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> authorizationSigningAlgValuesSupported,
        @JsonProperty("grant_types_supported") List<String> grantTypesSupported,
        @JsonProperty("scopes_supported") List<String> scopesSupported,
        @JsonProperty("claims_supported") List<String> claimsSupported,
        @JsonProperty("subject_types_supported") List<String> subjectTypesSupported,
        @JsonProperty("acr_values_supported") List<String> acrValuesSupported,
        @JsonProperty("code_challenge_methods_supported") List<String> codeChallengeMethodsSupported,
        @JsonProperty("tls_client_certificate_bound_access_tokens") boolean tlsClientCertificateBoundAccessTokens,
        @JsonProperty("require_pushed_authorization_requests") boolean requirePushedAuthorizationRequests,
        @JsonProperty("request_parameter_supported") boolean requestParameterSupported,
        @JsonProperty("request_uri_parameter_supported") boolean requestUriParameterSupported,
        @JsonProperty("claims_parameter_supported") boolean claimsParameterSupported) {

    /** RFC 8705 section 5: where a client using mutual TLS calls; the sandbox has one host for all. */
    public record MtlsEndpointAliases(
            @JsonProperty("token_endpoint") String tokenEndpoint,
            @JsonProperty("pushed_authorization_request_endpoint") String pushedAuthorizationRequestEndpoint,
            @JsonProperty("registration_endpoint") String registrationEndpoint,
            @JsonProperty("userinfo_endpoint") String userinfoEndpoint) {
    }
}
