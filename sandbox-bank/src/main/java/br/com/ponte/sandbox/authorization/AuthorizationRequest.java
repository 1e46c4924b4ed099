package br.com.ponte.sandbox.authorization;

import java.util.Set;

/** What a client asked for in its (pushed, signed) authorisation request, once checked. */
public record AuthorizationRequest(
        String clientId,
        String responseType,
        /** How the response travels, resolved: {@code fragment}, {@code query.jwt} or {@code fragment.jwt}. */
        ResponseMode responseMode,
        String redirectUri,
        Set<String> scopes,
        String state,
        String nonce,
        /** PKCE, method S256. */
        String codeChallenge,
        /** The claims parameter: the identity claims asked for; {@link ClaimsRequest#NONE} without one. */
        ClaimsRequest claims) {

    /** {@code code id_token} (OpenID Connect's hybrid flow) carries an id_token in the front channel. */
    public boolean issuesIdTokenInFront() {
        return ResponseMode.CODE_ID_TOKEN.equals(responseType);
    }
}
