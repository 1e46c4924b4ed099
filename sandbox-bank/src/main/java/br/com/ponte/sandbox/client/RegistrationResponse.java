package br.com.ponte.sandbox.client;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The client information response (RFC 7591 section 3.2.1, RFC 7592 section 3): the registered
 * metadata, with the values the sandbox fixes for every client (PS256 everywhere, certificate-bound
 * tokens, PAR required).
 */
public record RegistrationResponse(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_id_issued_at") long clientIdIssuedAt,
        @JsonProperty("registration_access_token") String registrationAccessToken,
        @JsonProperty("registration_client_uri") String registrationClientUri,
        @JsonProperty("client_name") String clientName,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("response_types") List<String> responseTypes,
        @JsonProperty("scope") String scope,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("software_id") String softwareId,
        @JsonProperty("software_statement") String softwareStatement,
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonProperty("token_endpoint_auth_signing_alg") String tokenEndpointAuthSigningAlg,
        @JsonProperty("id_token_signed_response_alg") String idTokenSignedResponseAlg,
        @JsonProperty("request_object_signing_alg") String requestObjectSigningAlg,
        @JsonProperty("authorization_signed_response_alg") String authorizationSignedResponseAlg,
        @JsonProperty("require_signed_request_object") boolean requireSignedRequestObject,
        @JsonProperty("require_pushed_authorization_requests") boolean requirePushedAuthorizationRequests,
        @JsonProperty("tls_client_certificate_bound_access_tokens") boolean tlsClientCertificateBoundAccessTokens,
        @JsonProperty("application_type") String applicationType,
        @JsonProperty("subject_type") String subjectType,
        @JsonProperty("webhook_uris") List<String> webhookUris) {
}
