package br.com.ponte.sandbox.token;

import br.com.ponte.sandbox.oauth.Secrets;

import java.util.regex.Pattern;

/** Proof Key for Code Exchange (RFC 7636), method S256 only (FAPI 1.0 Advanced 5.2.2-18). */
final class Pkce {

    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private Pkce() {
    }

    /** Whether the verifier is well-formed and hashes to the challenge. */
    static boolean matches(String verifier, String challenge) {
        return verifier != null && VERIFIER.matcher(verifier).matches()
                && Secrets.same(Secrets.hash(verifier), challenge);
    }
}
