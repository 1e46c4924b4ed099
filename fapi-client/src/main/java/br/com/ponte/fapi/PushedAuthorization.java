package br.com.ponte.fapi;

/**
 * A pushed authorisation request (RFC 9126): the {@code request_uri} to send the user with, and
 * the one-time values the callback is checked against (keep them with the consent).
 */
public record PushedAuthorization(String requestUri, long expiresIn, String authorizationUrl, String state,
                                  String nonce, String codeVerifier) {

    @Override
    public String toString() {
        return "PushedAuthorization[requestUri=" + requestUri + ", state=" + state + "]";
    }
}
