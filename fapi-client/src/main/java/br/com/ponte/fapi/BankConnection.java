package br.com.ponte.fapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import org.jose4j.jwk.JsonWebKeySet;

import java.time.Instant;
import java.util.Map;

/**
 * One partner's connection to one transmitter, ready to call its resource APIs: the partner's client
 * there, mutual TLS with its transport certificate, its signing key (in the vault) for request
 * bodies and client assertions, the transmitter's keys for its signed answers.
 *
 * @param partnerOrganisationId the partner's organisation id in the directory: {@code iss} of what it signs
 * @param redirectUris          the partner's client's redirect URIs there, when the vault knows them
 * @param clientTokens          client-credentials tokens kept between calls (shared by every connection)
 * @param guard                 what every call to this bank goes through (its circuit breaker and bulkhead)
 */
public record BankConnection(FapiClient fapi, Transmitter transmitter, JwsSigner signer, JsonWebKeySet bankKeys,
                             Participants.AuthorisationServer server, String partnerOrganisationId,
                             java.util.List<String> redirectUris, ClientTokens clientTokens, BankGuard guard) {

    /**
     * Of the redirect URIs Ponte can take users back at, in order of preference, the first this client
     * has registered at the transmitter; the last one when none is known to be (a client set by hand).
     */
    public String redirectUri(java.util.List<String> preferred) {
        return preferred.stream().filter(redirectUris::contains).findFirst().orElse(preferred.get(preferred.size() - 1));
    }

    /**
     * An answer of a resource API: the status and the body, verified and decoded when the transmitter
     * signed it ({@code application/jwt}: claims {@code data}, {@code links}, {@code meta} or
     * {@code errors}), parsed when it is JSON, {@link NullNode} when empty or neither.
     */
    public record Answer(int status, JsonNode body, String interactionId, String retryAfterHeader) {

        /**
         * How long the transmitter asked to wait ({@code Retry-After}: delay-seconds or an HTTP date);
         * null when it did not say, or said it unreadably.
         */
        public java.time.Duration retryAfter() {
            if (retryAfterHeader == null || retryAfterHeader.isBlank()) {
                return null;
            }
            String value = retryAfterHeader.strip();
            try {
                return java.time.Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
            } catch (NumberFormatException notSeconds) {
                try {
                    java.time.Instant at = java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    java.time.Duration wait = java.time.Duration.between(java.time.Instant.now(), at);
                    return wait.isNegative() ? java.time.Duration.ZERO : wait;
                } catch (java.time.format.DateTimeParseException notADate) {
                    return null;
                }
            }
        }

        public JsonNode data() {
            return body.path("data");
        }

        /** The first error's code, or {@code http_<status>}. */
        public String errorCode() {
            return body.path("errors").path(0).path("code").asText("http_" + status);
        }

        public String errorDetail() {
            return body.path("errors").path(0).path("detail").asText(null);
        }
    }

    /**
     * Calls the transmitter with a client-credentials token of this scope (e.g. {@code payments}),
     * kept until a minute before it expires; a 401 drops it, so the next call asks for a new one.
     */
    public Uni<Answer> withClientToken(String scope, java.util.function.Function<String, Uni<Answer>> call) {
        String key = transmitter.discovery().issuer() + " " + transmitter.clientId() + " " + scope;
        return clientTokens.get(key, () -> guard.call(server.authorisationServerId(),
                        () -> fapi.clientCredentials(transmitter, signer, scope)))
                .chain(token -> call.apply(token))
                .invoke(answer -> {
                    if (answer.status() == 401) {
                        clientTokens.forget(key);
                    }
                });
    }

    /**
     * POSTs {@code {"data": data}} signed as {@code application/jwt} (the payments APIs); signed again on
     * every call (a new jti).
     */
    public Uni<Answer> post(String url, String accessToken, String idempotencyKey, Object data) {
        return sendSigned(HttpMethod.POST, url, accessToken, idempotencyKey, data);
    }

    /** PATCHes {@code {"data": data}} signed as {@code application/jwt}; {@code idempotencyKey} may be null. */
    public Uni<Answer> patch(String url, String accessToken, String idempotencyKey, Object data) {
        return sendSigned(HttpMethod.PATCH, url, accessToken, idempotencyKey, data);
    }

    /**
     * POSTs {@code {"data": data}} as plain {@code application/json}, as the consents API v3 and the data
     * APIs take their bodies. {@code extraHeaders} carries what a call needs beyond the FAPI ones (the
     * user's IP address and user agent of a consent renewal, say); it may be empty.
     */
    public Uni<Answer> postJson(String url, String accessToken, String idempotencyKey, Object data,
                                Map<String, String> extraHeaders) {
        return guarded(() -> fapi.callResource(HttpMethod.POST, url, accessToken, idempotencyKey,
                Json.write(Map.of("data", data)), "application/json", extraHeaders)).map(this::decode);
    }

    public Uni<Answer> get(String url, String accessToken) {
        return retried(() -> guarded(() -> fapi.callResource(HttpMethod.GET, url, accessToken, null, null, null)))
                .map(this::decode);
    }

    public Uni<Answer> delete(String url, String accessToken) {
        return guarded(() -> fapi.callResource(HttpMethod.DELETE, url, accessToken, null, null, null)).map(this::decode);
    }

    private Uni<Answer> sendSigned(HttpMethod method, String url, String accessToken, String idempotencyKey, Object data) {
        return SignedBodies.sign(signer, Map.of("data", data), partnerOrganisationId, server.organisationId())
                .chain(jwt -> guarded(() -> fapi.callResource(method, url, accessToken, idempotencyKey, jwt, "application/jwt")))
                .map(this::decode);
    }

    /**
     * A call that changes nothing at the bank (a read), tried twice more with backoff (0.2 s, then
     * about 0.4 s) when the bank gave no answer or a 5xx: a blip does not fail the user's journey. Not
     * when its breaker kept the call from the bank. Writes are not retried here: their idempotency
     * key makes the partner's own retry safe.
     */
    private Uni<FapiClient.ResourceResponse> retried(java.util.function.Supplier<Uni<FapiClient.ResourceResponse>> call) {
        return Uni.createFrom().deferred(() -> {
            // a retry resumes on a timer thread: the answer goes back to the caller's Vert.x context, where
            // its reactive database session lives
            io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
            Uni<FapiClient.ResourceResponse> retrying = answered(Uni.createFrom().deferred(() -> serverErrorsFail(call.get()))
                    .onFailure(e -> e instanceof BankGuard.ServerError || e instanceof FapiException f && f.status() == 0)
                    .retry().withBackOff(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(2)).atMost(2));
            return caller == null ? retrying : retrying.emitOn(command -> caller.runOnContext(v -> command.run()));
        });
    }

    /** One call through this bank's guard: a 5xx counts as a failure there, and is still the caller's answer. */
    private Uni<FapiClient.ResourceResponse> guarded(java.util.function.Supplier<Uni<FapiClient.ResourceResponse>> call) {
        return answered(guard.call(server.authorisationServerId(), () -> serverErrorsFail(call.get())));
    }

    /** A 5xx from the bank as a failure, for its breaker and for a retry; {@link #answered} makes it an answer again. */
    private static Uni<FapiClient.ResourceResponse> serverErrorsFail(Uni<FapiClient.ResourceResponse> call) {
        return call.invoke(response -> {
            if (response.status() >= 500) {
                throw new BankGuard.ServerError(response);
            }
        });
    }

    private static Uni<FapiClient.ResourceResponse> answered(Uni<FapiClient.ResourceResponse> call) {
        return call.onFailure(BankGuard.ServerError.class).recoverWithItem(e -> ((BankGuard.ServerError) e).answer());
    }

    private Answer decode(FapiClient.ResourceResponse response) {
        String type = response.contentType() == null ? "" : response.contentType().toLowerCase();
        JsonNode body = NullNode.getInstance();
        if (type.startsWith("application/jwt")) {
            body = Json.read(SignedBodies.verify(response.body(), bankKeys, server.organisationId(), partnerOrganisationId,
                    Instant.now()).toJson());
        } else if (type.contains("json") && response.body() != null && !response.body().isBlank()) {
            try {
                body = Json.read(response.body());
            } catch (RuntimeException notJson) {
                // keep NullNode: the status says enough
            }
        }
        return new Answer(response.status(), body, response.interactionId(), response.retryAfter());
    }
}
