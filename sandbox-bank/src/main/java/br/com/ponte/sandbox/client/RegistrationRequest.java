package br.com.ponte.sandbox.client;

import br.com.ponte.sandbox.oauth.OAuthError;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/**
 * The body of a registration or update request (RFC 7591 section 2 and 3.1, OpenID Connect
 * Registration, dcr-id3): the client metadata the sandbox looks at. Other metadata is accepted and
 * ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistrationRequest(
        @JsonProperty("software_statement") String softwareStatement,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("response_types") List<String> responseTypes,
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonProperty("token_endpoint_auth_signing_alg") String tokenEndpointAuthSigningAlg,
        @JsonProperty("id_token_signed_response_alg") String idTokenSignedResponseAlg,
        @JsonProperty("request_object_signing_alg") String requestObjectSigningAlg,
        /** JARM's response signing (JARM 3); the sandbox signs PS256 only. */
        @JsonProperty("authorization_signed_response_alg") String authorizationSignedResponseAlg,
        @JsonProperty("jwks_uri") String jwksUri,
        /** Only to refuse it: dcr-id3 7.1-4 wants keys by reference. */
        @JsonProperty("jwks") JsonNode jwks,
        @JsonProperty("scope") String scope,
        /** Where the bank calls the initiator's webhooks (Open Finance's registration metadata). */
        @JsonProperty("webhook_uris") List<String> webhookUris) {

    /** The request, or 400 {@code invalid_client_metadata} when it is not a JSON object of the right shape. */
    public static RegistrationRequest parse(String body, ObjectMapper json) {
        if (body == null || body.isBlank()) {
            throw OAuthError.invalidClientMetadata("A JSON body is required");
        }
        try {
            RegistrationRequest request = json.readValue(body, RegistrationRequest.class);
            if (request == null) {
                throw OAuthError.invalidClientMetadata("A JSON object is required");
            }
            return request;
        } catch (JsonProcessingException e) {
            throw OAuthError.invalidClientMetadata("Not client metadata: " + e.getOriginalMessage());
        }
    }
}
