package br.com.ponte.sandbox.oauth;

/**
 * An OAuth error answer (RFC 6749 section 5.2, RFC 7591 section 3.2.2): the HTTP status and the
 * {@code error} code a client acts on, with a description for the developer reading the logs.
 */
public final class OAuthError extends RuntimeException {

    private final int status;
    private final String error;

    public OAuthError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    /** 401: the client is not who it says, or did not prove it. */
    public static OAuthError invalidClient(String description) {
        return new OAuthError(401, "invalid_client", description);
    }

    public static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    public static OAuthError invalidRequestObject(String description) {
        return new OAuthError(400, "invalid_request_object", description);
    }

    public static OAuthError invalidGrant(String description) {
        return new OAuthError(400, "invalid_grant", description);
    }

    public static OAuthError invalidScope(String description) {
        return new OAuthError(400, "invalid_scope", description);
    }

    public static OAuthError invalidSoftwareStatement(String description) {
        return new OAuthError(400, "invalid_software_statement", description);
    }

    public static OAuthError invalidRedirectUri(String description) {
        return new OAuthError(400, "invalid_redirect_uri", description);
    }

    public static OAuthError invalidClientMetadata(String description) {
        return new OAuthError(400, "invalid_client_metadata", description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
