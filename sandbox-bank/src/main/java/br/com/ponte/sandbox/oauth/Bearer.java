package br.com.ponte.sandbox.oauth;

/** The token of an {@code Authorization: Bearer <token>} header (RFC 6750 2.1; the scheme in any case, RFC 7235 2.1). */
public final class Bearer {

    private static final String SCHEME = "Bearer ";

    private Bearer() {
    }

    /** The token, or null when the header is absent or of another scheme. */
    public static String token(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                ? authorization.substring(SCHEME.length()).strip() : null;
    }
}
