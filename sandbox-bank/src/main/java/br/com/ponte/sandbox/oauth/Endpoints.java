package br.com.ponte.sandbox.oauth;

/** The authorisation server's paths, on {@code sandbox.base-url}. */
public final class Endpoints {

    public static final String DISCOVERY = "/.well-known/openid-configuration";
    public static final String JWKS = "/jwks";
    public static final String AUTHORIZE = "/authorize";
    public static final String TOKEN = "/token";
    public static final String PAR = "/par";
    public static final String REGISTER = "/register";
    public static final String USERINFO = "/userinfo";

    private Endpoints() {
    }
}
