package br.com.ponte.bench;

import br.com.ponte.bench.OfferedLoad.Call;
import br.com.ponte.fapi.LocalJwsSigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one signature costs the services: through the vault as they get theirs ({@code POST
 * /internal/v1/partners/{id}/jws}, HTTP Basic as consent-service, a kept-alive connection, a
 * {@code traceparent} of its own), and the same PS256 signature of the same claims in this JVM with the
 * partner's key: the price of a vault round trip per signature.
 */
final class VaultHop {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI sign;
    private final String authorization;
    private final BenchPartner.Identity identity;

    VaultHop(BenchPlatform platform, BenchPartner partner) {
        this.sign = URI.create("http://localhost:" + platform.ports().vault() + "/internal/v1/partners/" + partner.id() + "/jws");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(("consent-service:"
                + platform.stack().secrets().serviceSecrets().get("consent-service")).getBytes(StandardCharsets.UTF_8));
        this.identity = partner.identity();
    }

    /** {@code count} signatures through the vault, one after another. */
    List<Call> throughVault(int count) throws Exception {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String traceId = OfferedLoad.traceId();
            HttpRequest request = HttpRequest.newBuilder(sign).header("authorization", authorization)
                    .header("content-type", "application/json").header("traceparent", OfferedLoad.traceparent(traceId))
                    .POST(HttpRequest.BodyPublishers.ofString(BenchPartner.JSON.writeValueAsString(
                            Map.of("claims", claims(), "type", "JWT")))).build();
            long start = System.nanoTime();
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            calls.add(new Call(traceId, start, start, System.nanoTime(), answer.statusCode(), answer.body()));
        }
        return calls;
    }

    /** {@code count} signatures in this JVM, one after another; each one's time in ms. */
    List<Double> inProcess(int count) throws Exception {
        LocalJwsSigner signer = identity.signer();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            signer.signNow(claims(), "JWT");
            millis.add((System.nanoTime() - start) / 1e6);
        }
        return millis;
    }

    /** A client assertion's claims, the commonest signature. */
    private Map<String, Object> claims() {
        long now = Instant.now().getEpochSecond();
        return Map.of("iss", identity.clientId(), "sub", identity.clientId(), "aud", identity.issuer(),
                "jti", UUID.randomUUID().toString(), "iat", now, "exp", now + Duration.ofMinutes(1).toSeconds());
    }
}
