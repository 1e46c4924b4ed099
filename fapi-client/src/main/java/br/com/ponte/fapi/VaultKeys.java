package br.com.ponte.fapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * A platform service's view of certificate-vault's internal API: signatures by a partner's signing
 * key (which never leaves the vault), the partner's transport identity for mutual TLS, and the
 * partner's client at a transmitter. Authenticates as the service (HTTP Basic, name and secret).
 */
public final class VaultKeys implements AutoCloseable {

    /**
     * The partner's client at a transmitter and its directory identity; {@code redirectUris} are the
     * client's there, empty when the vault does not know them (a client id set by hand without them).
     */
    public record TransmitterClient(String clientId, String issuer, String discoveryUrl, String organizationId,
                                    String softwareStatementId, java.util.List<String> redirectUris) {
    }

    private final WebClient client;
    private final String baseUrl;
    private final String authorization;
    private final Duration timeout;

    public VaultKeys(Vertx vertx, String vaultUrl, String serviceName, String serviceSecret, Duration timeout) {
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeout.toMillis()));
        this.baseUrl = vaultUrl.replaceAll("/+$", "") + "/internal/v1/partners/";
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (serviceName + ":" + serviceSecret).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    @Override
    public void close() {
        client.close();
    }

    /** Signs with the partner's active signing key, in the vault. */
    public JwsSigner signer(String partnerId) {
        return (claims, type) -> client.postAbs(baseUrl + partnerId + "/jws")
                .putHeader("authorization", authorization)
                .timeout(timeout.toMillis())
                .sendJsonObject(new JsonObject(Map.of("claims", claims, "type", type == null ? "JWT" : type)))
                .onFailure().transform(e -> new VaultUnavailableException("a signature", e))
                .map(response -> body(response).path("jws").asText());
    }

    /** The partner's transport certificate and key; hold it in memory only. */
    public Uni<TransportIdentity> transportIdentity(String partnerId) {
        return client.getAbs(baseUrl + partnerId + "/transport-identity")
                .putHeader("authorization", authorization)
                .timeout(timeout.toMillis())
                .send()
                .onFailure().transform(e -> new VaultUnavailableException("the transport identity", e))
                .map(response -> {
                    JsonNode body = body(response);
                    return new TransportIdentity(body.path("certificateChainPem").asText(), body.path("privateKeyPem").asText());
                });
    }

    public Uni<TransmitterClient> transmitter(String partnerId, String authorisationServerId) {
        return client.getAbs(baseUrl + partnerId + "/transmitters/" + authorisationServerId)
                .putHeader("authorization", authorization)
                .timeout(timeout.toMillis())
                .send()
                .onFailure().transform(e -> new VaultUnavailableException("the transmitter's client", e))
                .map(response -> {
                    JsonNode body = body(response);
                    java.util.List<String> redirectUris = new java.util.ArrayList<>();
                    body.path("redirectUris").forEach(uri -> redirectUris.add(uri.asText()));
                    return new TransmitterClient(body.path("clientId").asText(), body.path("issuer").asText(null),
                            body.path("discoveryUrl").asText(null), body.path("organizationId").asText(),
                            body.path("softwareStatementId").asText(), java.util.List.copyOf(redirectUris));
                });
    }

    /**
     * Any 5xx is the vault failing, not the partner's request nor the bank: the call may work later (503
     * to the partner), and it never counts against the bank's circuit breaker.
     */
    private static JsonNode body(HttpResponse<Buffer> response) {
        if (response.statusCode() >= 500) {
            throw new VaultUnavailableException("a partner's keys", response.statusCode());
        }
        if (response.statusCode() != 200) {
            String code = "http_" + response.statusCode();
            try {
                code = Json.read(response.bodyAsString()).path("errors").path(0).path("code").asText(code);
            } catch (RuntimeException notJson) {
                // keep the status as the code
            }
            throw new FapiException(response.statusCode(), "vault_" + code, "certificate-vault refused the request");
        }
        return Json.read(response.bodyAsString());
    }
}
