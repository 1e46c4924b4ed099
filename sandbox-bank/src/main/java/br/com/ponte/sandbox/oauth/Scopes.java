package br.com.ponte.sandbox.oauth;

import br.com.ponte.sandbox.resource.ConsentKind;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** OAuth scopes as Open Finance Brasil grants them. */
public final class Scopes {

    /** dcr-id3 section 7.2: the scopes each regulatory role may be given. */
    private static final Map<String, List<String>> BY_ROLE = Map.of(
            "DADOS", List.of("openid", "accounts", "credit-cards-accounts", "consents", "customers", "invoice-financings",
                    "financings", "loans", "unarranged-accounts-overdraft", "resources"),
            "PAGTO", List.of("openid", "payments"),
            "CONTA", List.of("openid"),
            "CCORR", List.of("openid"));

    /** The scopes that may come with a {@code consent:<id>} of each kind: its APIs' and {@code openid}. */
    private static final Map<ConsentKind, Set<String>> BY_KIND = Map.of(
            ConsentKind.PAYMENT, Set.copyOf(BY_ROLE.get("PAGTO")),
            ConsentKind.DATA_SHARING, Set.copyOf(BY_ROLE.get("DADOS")));

    /** fapi-id3 section 7.1.2: {@code consent:<consent id>}, naming the consent being authorised. */
    private static final String CONSENT_PREFIX = "consent:";

    private Scopes() {
    }

    /** Everything the roles allow, in a stable order. */
    public static Set<String> permittedBy(Collection<String> roles) {
        Set<String> scopes = new LinkedHashSet<>();
        roles.forEach(role -> scopes.addAll(BY_ROLE.getOrDefault(role, List.of())));
        return scopes;
    }

    /** The scopes an authorisation request naming a consent of {@code kind} may carry besides it. */
    public static Set<String> forKind(ConsentKind kind) {
        return BY_KIND.get(kind);
    }

    /** A space-separated scope parameter as a set; empty for null. */
    public static Set<String> parse(String scope) {
        if (scope == null || scope.isBlank()) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.asList(scope.strip().split(" +")));
    }

    public static String format(Collection<String> scopes) {
        return String.join(" ", scopes);
    }

    /** A dynamic consent scope, which no registration lists: its id is made per consent. */
    public static boolean isConsent(String scope) {
        return scope.startsWith(CONSENT_PREFIX) && scope.length() > CONSENT_PREFIX.length();
    }

    /** The consent id a dynamic consent scope names. */
    public static String consentId(String scope) {
        return scope.substring(CONSENT_PREFIX.length());
    }

    /** The dynamic consent scope for a consent id. */
    public static String forConsent(String consentId) {
        return CONSENT_PREFIX + consentId;
    }
}
