package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.config.SandboxConfig;
import br.com.ponte.sandbox.resource.ApiError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * The {@code pagination-key}s the data APIs put in the links of a list's other pages ("identificador de
 * rechamada", which keeps those calls out of the operational limits). A key names one listing (the consent,
 * the operation, the resource, the filters and the page size) and the moment its first page was read, and is
 * signed with a key the bank makes at start: nothing is stored, and a key is good for that listing only,
 * for {@code sandbox.data.pagination-key-ttl}. Its pages are read as of that moment, so that what appears
 * meanwhile does not shift them: the next listing finds it.
 */
@ApplicationScoped
public class PaginationKeys {

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private final byte[] secret = new byte[32];
    private final Duration ttl;

    @Inject
    public PaginationKeys(SandboxConfig config) {
        this(config.data().paginationKeyTtl());
    }

    PaginationKeys(Duration ttl) {
        this.ttl = ttl;
        new SecureRandom().nextBytes(secret);
    }

    /** A key for the pages of {@code listing} read as of {@code asOf}, issued {@code now}. */
    String issue(String listing, Instant asOf, Instant now) {
        String value = Long.toString(asOf.toEpochMilli(), 36) + "." + Long.toString(now.toEpochMilli(), 36);
        return value + "." + BASE64.encodeToString(mac(listing + "|" + value));
    }

    /**
     * The moment the key's listing is read as of; 422 {@code PARAMETRO_INVALIDO} for a key this bank did not
     * make for this listing, or one older than {@code sandbox.data.pagination-key-ttl}.
     */
    Instant check(String key, String listing, Instant now) {
        String[] parts = key.split("\\.");
        if (parts.length != 3 || !MessageDigest.isEqual(mac(listing + "|" + parts[0] + "." + parts[1]),
                decode(parts[2]))) {
            throw invalid("A pagination-key não é desta listagem (consentimento, recurso, filtros e tamanho de página).");
        }
        Instant issued = Instant.ofEpochMilli(Long.parseLong(parts[1], 36));
        if (issued.plus(ttl).isBefore(now)) {
            throw invalid("A pagination-key expirou (vale " + ttl.toMinutes() + " minutos): comece a listagem de novo.");
        }
        return Instant.ofEpochMilli(Long.parseLong(parts[0], 36));
    }

    private byte[] mac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String value) {
        try {
            return Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static ApiError invalid(String detail) {
        return ApiError.invalidParameter(detail);
    }
}
