package br.com.ponte.webhook.delivery;

import br.com.ponte.kit.crypto.EnvelopeCipher;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoints' signing secrets, opened once per sealed value rather than once per delivery
 * (opening is two AES-GCM decryptions, a key schedule each: about 7 % of the dispatcher's CPU at
 * full load when it was done per delivery).
 *
 * <p>An entry is keyed by the endpoint and the sealed bytes themselves, so a rotated or rewrapped
 * secret is a new key and is opened anew; nothing has to be invalidated. The opened secrets live
 * only in this process's memory, which already holds the master key that opens them, so the cache
 * exposes nothing the process did not hold; it never leaves the process. Bounded: past
 * {@value #MAX_ENTRIES} entries it starts again empty.
 */
final class SigningSecrets {

    static final int MAX_ENTRIES = 10_000;

    private record Key(UUID endpointId, ByteBuffer current, ByteBuffer previous) {
    }

    private record Opened(String current, String previous) {
    }

    private final EnvelopeCipher cipher;
    private final Map<Key, Opened> opened = new ConcurrentHashMap<>();

    SigningSecrets(EnvelopeCipher cipher) {
        this.cipher = cipher;
    }

    /** The secrets that sign now: the current one, and the previous one during a rotation's overlap. */
    List<String> signing(UUID endpointId, EnvelopeCipher.Sealed current, EnvelopeCipher.Sealed previous,
                         Instant previousExpiresAt, Instant now) {
        boolean overlap = previous != null && previousExpiresAt != null && previousExpiresAt.isAfter(now);
        Key key = new Key(endpointId, identity(current), overlap ? identity(previous) : null);
        if (opened.size() >= MAX_ENTRIES && !opened.containsKey(key)) {
            opened.clear();
        }
        Opened secrets = opened.computeIfAbsent(key, k -> new Opened(open(current, endpointId),
                overlap ? open(previous, endpointId) : null));
        List<String> signing = new ArrayList<>(2);
        signing.add(secrets.current());
        if (secrets.previous() != null) {
            signing.add(secrets.previous());
        }
        return signing;
    }

    int size() {
        return opened.size();
    }

    private String open(EnvelopeCipher.Sealed sealed, UUID endpointId) {
        return new String(cipher.open(sealed, endpointId.toString()), StandardCharsets.UTF_8);
    }

    /** Everything that was sealed, as one comparable value: the same bytes open to the same secret. */
    private static ByteBuffer identity(EnvelopeCipher.Sealed sealed) {
        byte[] keyId = sealed.masterKeyId() == null ? new byte[0] : sealed.masterKeyId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer all = ByteBuffer.allocate(sealed.ciphertext().length + sealed.iv().length + sealed.wrappedDataKey().length
                + sealed.dataKeyIv().length + keyId.length + 5 * Integer.BYTES);
        for (byte[] part : new byte[][]{sealed.ciphertext(), sealed.iv(), sealed.wrappedDataKey(), sealed.dataKeyIv(), keyId}) {
            all.putInt(part.length).put(part);
        }
        return all.flip();
    }
}
