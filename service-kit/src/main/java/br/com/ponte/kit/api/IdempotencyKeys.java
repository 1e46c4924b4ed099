package br.com.ponte.kit.api;

import br.com.ponte.events.EventCodec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The partner API's {@code x-idempotency-key}: optional, 1 to 128 visible ASCII characters; a
 * repeated key must come with the same request, which is compared by the SHA-256 of its JSON.
 */
public final class IdempotencyKeys {

    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7e]{1,128}$");

    private IdempotencyKeys() {
    }

    /** 400 {@code PARAMETRO_INVALIDO} for a malformed key; an absent one (null) is fine. */
    public static void check(String key) {
        if (key != null && !KEY.matcher(key).matches()) {
            throw ApiException.badRequest("PARAMETRO_INVALIDO", "x-idempotency-key must be 1 to 128 visible ASCII characters");
        }
    }

    /** The SHA-256 (hex) of the request as JSON, to tell a replay from another request under the same key. */
    public static String requestHash(Object request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(EventCodec.toTree(request).toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 422 {@code ERRO_IDEMPOTENCIA}: the key was used with another request. */
    public static ApiException reusedWithAnotherRequest(String key) {
        return ApiException.unprocessable("ERRO_IDEMPOTENCIA", "x-idempotency-key " + key + " was used with another request");
    }
}
