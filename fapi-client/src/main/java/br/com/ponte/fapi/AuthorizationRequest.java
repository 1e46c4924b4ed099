package br.com.ponte.fapi;

import java.util.List;

/**
 * What the user is sent to the transmitter to authorise: the scope (e.g. {@code openid payments
 * consent:urn:bank:123}), where the transmitter sends them back, the response type and mode, and the
 * acr values asked for.
 */
public record AuthorizationRequest(String scope, String redirectUri, String responseType, String responseMode,
                                   List<String> acrValues) {

    static final List<String> LOA2 = List.of("urn:brasil:openbanking:loa2");

    /** The hybrid flow ({@code code id_token}, answer in the fragment), which every Brazil-profile server supports. */
    public static AuthorizationRequest of(String scope, String redirectUri) {
        return new AuthorizationRequest(scope, redirectUri, "code id_token", null, LOA2);
    }

    /**
     * What Ponte prefers at this server: {@code code} with JARM ({@code response_mode=jwt}) when it advertises it, the
     * whole response then signed by the bank (FAPI 1.0 Advanced 5.2.2-2); the hybrid flow otherwise.
     */
    public static AuthorizationRequest preferred(Discovery discovery, String scope, String redirectUri,
                                                 List<String> acrValues) {
        return discovery.jarm() ? new AuthorizationRequest(scope, redirectUri, "code", "jwt", acrValues)
                : new AuthorizationRequest(scope, redirectUri, "code id_token", null, acrValues);
    }

    /** The response comes as one signed JWT ({@code response}) rather than as plain parameters. */
    public boolean jarm() {
        return responseMode != null && responseMode.contains("jwt");
    }
}
