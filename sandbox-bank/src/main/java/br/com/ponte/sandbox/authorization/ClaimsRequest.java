package br.com.ponte.sandbox.authorization;

import br.com.ponte.sandbox.oauth.OAuthError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code claims} parameter of a request object (OpenID Connect Core 5.5): the user's claims the
 * client asks for in the id_token and at the userinfo endpoint. The sandbox answers {@code cpf} and
 * {@code cnpj} (fapi-id3 5.2.2-3 to 5.2.2-5, "Requesting the cpf/cnpj Claim"); other claims are ignored,
 * as 5.5 allows. An essential claim the logged user cannot meet (another CPF than the one asked for,
 * no company, or none of the CNPJs asked for) is a failed authentication. PII never goes in the
 * front-channel id_token (fapi-id3, ID Token as detached signature, 1 and 3): the token endpoint's
 * id_token carries it.
 */
public record ClaimsRequest(Map<String, Requested> idToken, Map<String, Requested> userinfo) {

    public static final ClaimsRequest NONE = new ClaimsRequest(Map.of(), Map.of());
    /** The identity claims the sandbox answers when asked. */
    public static final List<String> IDENTITY_CLAIMS = List.of("cpf", "cnpj");

    /** One claim asked for: essential or voluntary, and the values it must have (empty: any). */
    public record Requested(boolean essential, List<String> values) {
    }

    public ClaimsRequest {
        idToken = idToken == null ? Map.of() : Map.copyOf(idToken);
        userinfo = userinfo == null ? Map.of() : Map.copyOf(userinfo);
    }

    /** The request object's {@code claims} value (a JSON object, parsed), or 400 {@code invalid_request_object}. */
    static ClaimsRequest parse(Object claims) {
        if (claims == null) {
            return NONE;
        }
        if (!(claims instanceof Map<?, ?> members)) {
            throw malformed("claims must be a JSON object");
        }
        return new ClaimsRequest(target(members.get("id_token"), "id_token"), target(members.get("userinfo"), "userinfo"));
    }

    /** Why this user cannot be authenticated for the request, when an essential claim cannot be met. */
    public Optional<String> unmetBy(Identity user) {
        for (Map<String, Requested> target : List.of(idToken, userinfo)) {
            Requested cpf = target.get("cpf");
            if (cpf != null && cpf.essential() && !cpf.values().isEmpty() && !cpf.values().contains(user.cpf())) {
                return Optional.of("O aplicativo pediu a autorização de outro CPF.");
            }
            Requested cnpj = target.get("cnpj");
            if (cnpj != null && cnpj.essential() && (user.cnpj().isEmpty()
                    || (!cnpj.values().isEmpty() && cnpj.values().stream().noneMatch(user.cnpj()::contains)))) {
                return Optional.of("O aplicativo pediu a autorização de um representante de empresa que este CPF não representa.");
            }
        }
        return Optional.empty();
    }

    /** The identity claims asked for the id_token, with this user's values. */
    public Map<String, Object> forIdToken(Identity user) {
        return answer(idToken, user);
    }

    /** The identity claims asked for at the userinfo endpoint, with this user's values. */
    public Map<String, Object> forUserinfo(Identity user) {
        return answer(userinfo, user);
    }

    private static Map<String, Object> answer(Map<String, Requested> target, Identity user) {
        Map<String, Object> claims = new LinkedHashMap<>();
        if (target.containsKey("cpf")) {
            claims.put("cpf", user.cpf());
        }
        if (target.containsKey("cnpj") && !user.cnpj().isEmpty()) {
            claims.put("cnpj", user.cnpj());
        }
        return claims;
    }

    private static Map<String, Requested> target(Object value, String name) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> members)) {
            throw malformed("claims." + name + " must be a JSON object");
        }
        Map<String, Requested> requested = new LinkedHashMap<>();
        members.forEach((claim, request) -> requested.put(String.valueOf(claim), requested(request, name + "." + claim)));
        return requested;
    }

    private static Requested requested(Object request, String name) {
        if (request == null) {
            return new Requested(false, List.of());
        }
        if (!(request instanceof Map<?, ?> members)) {
            throw malformed("claims." + name + " must be null or a JSON object");
        }
        Object essential = members.get("essential");
        if (essential != null && !(essential instanceof Boolean)) {
            throw malformed("claims." + name + ".essential must be true or false");
        }
        Object value = members.get("value");
        Object values = members.get("values");
        if (value != null && !(value instanceof String)) {
            throw malformed("claims." + name + ".value must be a string");
        }
        if (values != null && !(values instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
            throw malformed("claims." + name + ".values must be an array of strings");
        }
        List<String> wanted = value != null ? List.of((String) value)
                : values != null ? ((List<?>) values).stream().map(String.class::cast).toList() : List.of();
        return new Requested(Boolean.TRUE.equals(essential), wanted);
    }

    private static OAuthError malformed(String description) {
        return OAuthError.invalidRequestObject(description);
    }
}
