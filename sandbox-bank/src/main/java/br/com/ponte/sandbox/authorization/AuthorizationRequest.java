package br.com.ponte.sandbox.authorization;

import java.util.Set;

/** What a client asked for in its (pushed, signed) authorisation request, once checked. */
public record AuthorizationRequest(
        String clientId,
        String responseType,
        String redirectUri,
        Set<String> scopes,
        String state,
        String nonce,
        /** PKCE, method S256. */
        String codeChallenge) {

    /** {@code code id_token} answers in the fragment (OpenID Connect's hybrid flow); {@code code} in the query. */
    public boolean answersInFragment() {
        return "code id_token".equals(responseType);
    }
}
