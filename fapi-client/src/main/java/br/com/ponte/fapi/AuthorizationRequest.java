package br.com.ponte.fapi;

import java.util.List;

/**
 * What the user is sent to the transmitter to authorise: the scope (e.g. {@code openid payments
 * consent:urn:bank:123}), where the transmitter sends them back, and the response type
 * ({@code code id_token} by default, the hybrid flow of FAPI 1.0 Advanced).
 */
public record AuthorizationRequest(String scope, String redirectUri, String responseType, List<String> acrValues) {

    public static AuthorizationRequest of(String scope, String redirectUri) {
        return new AuthorizationRequest(scope, redirectUri, "code id_token", List.of("urn:brasil:openbanking:loa2"));
    }
}
