package br.com.ponte.sandbox.authorization;

import br.com.ponte.sandbox.oauth.OAuthError;

import java.util.List;

/**
 * How the authorisation response reaches the client's redirect URI: in the fragment (the hybrid flow,
 * {@code code id_token}), or as one signed JWT (JARM) in the query or the fragment. Which one a
 * request gets follows the profile (FAPI 1.0 Advanced 5.2.2-2, Brazil FAPI 5.2.2-15/16, JARM 2.3):
 * {@code code id_token} answers in the fragment, plain or as JWT; {@code code} only with JARM, since
 * nothing else would protect its response; no id_token ever goes in the query unencrypted.
 */
public enum ResponseMode {

    FRAGMENT("fragment", false, true),
    QUERY_JWT("query.jwt", true, false),
    FRAGMENT_JWT("fragment.jwt", true, true);

    static final String CODE = "code";
    static final String CODE_ID_TOKEN = "code id_token";

    /** What a brand with JARM advertises ({@code jwt} is shorthand for the response type's default JARM mode). */
    public static final List<String> WITH_JARM = List.of("fragment", "jwt", "query.jwt", "fragment.jwt");
    /** What a brand without JARM advertises: the hybrid flow's fragment. */
    public static final List<String> WITHOUT_JARM = List.of("fragment");

    private final String value;
    private final boolean jwt;
    private final boolean inFragment;

    ResponseMode(String value, boolean jwt, boolean inFragment) {
        this.value = value;
        this.jwt = jwt;
        this.inFragment = inFragment;
    }

    public String value() {
        return value;
    }

    /** The response is one signed JWT in the {@code response} parameter (JARM). */
    public boolean jwt() {
        return jwt;
    }

    public boolean inFragment() {
        return inFragment;
    }

    /**
     * The mode for a request's {@code response_type} and {@code response_mode} (null when absent), or 400
     * {@code invalid_request_object} when the profile does not allow the pair.
     */
    static ResponseMode resolve(String responseType, String requested, boolean jarmOffered) {
        ResponseMode mode = resolve(responseType, requested);
        if (mode.jwt() && !jarmOffered) {
            throw OAuthError.invalidRequestObject("This authorisation server does not offer JARM: response_mode must be "
                    + "one of " + WITHOUT_JARM + " with response_type code id_token");
        }
        return mode;
    }

    private static ResponseMode resolve(String responseType, String requested) {
        boolean hybrid = CODE_ID_TOKEN.equals(responseType);
        if (requested == null) {
            if (hybrid) {
                return FRAGMENT;
            }
            throw jarmRequired();
        }
        return switch (requested) {
            case "jwt" -> hybrid ? FRAGMENT_JWT : QUERY_JWT;
            case "fragment.jwt" -> FRAGMENT_JWT;
            case "query.jwt" -> {
                if (hybrid) {
                    throw OAuthError.invalidRequestObject("response_mode query.jwt may not carry an id_token "
                            + "(JARM 2.3.1): use jwt or fragment.jwt with code id_token");
                }
                yield QUERY_JWT;
            }
            case "fragment" -> {
                if (!hybrid) {
                    throw jarmRequired();
                }
                yield FRAGMENT;
            }
            case "query" -> throw hybrid
                    ? OAuthError.invalidRequestObject("response_mode query may not carry an id_token: use fragment")
                    : jarmRequired();
            default -> throw OAuthError.invalidRequestObject("response_mode must be one of " + WITH_JARM);
        };
    }

    private static OAuthError jarmRequired() {
        return OAuthError.invalidRequestObject("response_type code requires response_mode jwt (JARM; FAPI 1.0 "
                + "Advanced 5.2.2-2, Brazil FAPI 5.2.2-16), where the server offers it");
    }
}
