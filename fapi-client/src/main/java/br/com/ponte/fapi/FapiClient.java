package br.com.ponte.fapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Calls a transmitter's authorisation server as one partner, under Open Finance Brasil's security
 * profile: every connection is mutual TLS with the partner's transport certificate, the server is
 * verified against the configured trust anchors (with host name), every call carries a fresh
 * {@code x-fapi-interaction-id}, and the client authenticates with {@code private_key_jwt}
 * (PS256, unique {@code jti}, 60 s life) signed by a {@link JwsSigner}.
 *
 * <p>One instance per partner (it holds that partner's TLS identity); close it when the partner's
 * certificate changes.
 */
public final class FapiClient implements AutoCloseable {

    public static final String INTERACTION_ID = "x-fapi-interaction-id";
    private static final Logger LOG = Logger.getLogger(FapiClient.class);
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Duration ASSERTION_LIFETIME = Duration.ofSeconds(60);
    private static final Duration REQUEST_OBJECT_LIFETIME = Duration.ofMinutes(5);

    private final WebClient client;
    private final Duration timeout;

    /**
     * @param trustAnchorsPem the CA certificates transmitters' server certificates must chain to
     *                        (ICP-Brasil in production, sandbox-bank's CA in development)
     */
    public FapiClient(Vertx vertx, TransportIdentity identity, String trustAnchorsPem, Duration timeout) {
        this.timeout = timeout;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setKeyCertOptions(new PemKeyCertOptions()
                        .addCertValue(io.vertx.core.buffer.Buffer.buffer(identity.certificateChainPem()))
                        .addKeyValue(io.vertx.core.buffer.Buffer.buffer(identity.privateKeyPem())))
                .setTrustOptions(new PemTrustOptions().addCertValue(io.vertx.core.buffer.Buffer.buffer(trustAnchorsPem)))
                .setVerifyHost(true)
                .setFollowRedirects(false)
                .setConnectTimeout((int) timeout.toMillis())
                .setUserAgent("Ponte-FAPI/1.0"));
    }

    @Override
    public void close() {
        client.close();
    }

    /** The authorisation server's discovery document, with its mTLS endpoint aliases applied. */
    public Uni<Discovery> discover(String discoveryUrl) {
        return send(client.getAbs(discoveryUrl), null).map(response -> Discovery.of(json(response, 200)));
    }

    /**
     * A software statement assertion from the directory ({@code application/jwt}), fetched over
     * mutual TLS with the transport certificate, as the directory's mTLS API requires.
     */
    public Uni<String> softwareStatementAssertion(String assertionUrl) {
        return send(client.getAbs(assertionUrl), null).map(response -> {
            expect(response, 200);
            return response.bodyAsString().trim();
        });
    }

    /** The transmitter's signing keys, for id_tokens and signed responses. */
    public Uni<JsonWebKeySet> keys(Discovery discovery) {
        return send(client.getAbs(discovery.jwksUri()), null).map(response -> {
            expect(response, 200);
            try {
                return new JsonWebKeySet(response.bodyAsString());
            } catch (JoseException e) {
                throw new FapiException(response.statusCode(), "invalid_response", "The JWKS cannot be read");
            }
        });
    }

    /**
     * Dynamic client registration (dcr-id3): the software statement assertion from the directory plus
     * the client's metadata, over mutual TLS with the certificate the statement names.
     */
    public Uni<Registration> register(Discovery discovery, String softwareStatement, Map<String, Object> metadata) {
        Map<String, Object> body = new LinkedHashMap<>(metadata);
        body.put("software_statement", softwareStatement);
        return send(client.postAbs(discovery.registrationEndpoint()).putHeader("content-type", "application/json"),
                Buffer.buffer(Json.write(body))).map(response -> Registration.of(json(response, 201)));
    }

    /** Updates a registration (RFC 7592) with its registration access token. */
    public Uni<Registration> updateRegistration(Registration registration, String softwareStatement,
                                                Map<String, Object> metadata) {
        Map<String, Object> body = new LinkedHashMap<>(metadata);
        body.put("client_id", registration.clientId());
        body.put("software_statement", softwareStatement);
        return send(client.putAbs(registration.registrationClientUri())
                        .putHeader("content-type", "application/json")
                        .putHeader("authorization", "Bearer " + registration.registrationAccessToken()),
                Buffer.buffer(Json.write(body))).map(response -> {
            JsonNode answer = json(response, 200);
            Registration updated = Registration.of(answer);
            // the server may keep the registration access token; keep ours then
            return updated.registrationAccessToken() != null ? updated : new Registration(updated.clientId(),
                    registration.registrationAccessToken(), registration.registrationClientUri(), answer);
        });
    }

    /**
     * Pushes a signed request object (PAR, RFC 9126) and returns the URL to send the user to, with the
     * state, nonce and PKCE verifier the callback must be checked against.
     */
    public Uni<PushedAuthorization> pushAuthorization(Transmitter transmitter, JwsSigner signer,
                                                      AuthorizationRequest request) {
        String state = Pkce.random(24);
        String nonce = Pkce.random(24);
        Pkce pkce = Pkce.create();
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", transmitter.clientId());
        claims.put("aud", transmitter.discovery().issuer());
        claims.put("client_id", transmitter.clientId());
        claims.put("response_type", request.responseType());
        if (request.responseMode() != null) {
            claims.put("response_mode", request.responseMode());
        }
        claims.put("redirect_uri", request.redirectUri());
        claims.put("scope", request.scope());
        claims.put("state", state);
        claims.put("nonce", nonce);
        claims.put("code_challenge", pkce.challenge());
        claims.put("code_challenge_method", "S256");
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", now.plus(REQUEST_OBJECT_LIFETIME).getEpochSecond());
        if (request.acrValues() != null && !request.acrValues().isEmpty()) {
            claims.put("claims", Map.of("id_token", Map.of("acr", Map.of("essential", true, "values", request.acrValues()))));
        }
        // the request object and the client assertion are independent: signed at the same time
        return Uni.combine().all().unis(signer.sign(claims, "oauth-authz-req+jwt"), clientAssertion(transmitter, signer))
                .asTuple()
                .chain(signed -> {
                    MultiMap form = MultiMap.caseInsensitiveMultiMap()
                            .add("client_id", transmitter.clientId())
                            .add("request", signed.getItem1())
                            .add("client_assertion_type", ASSERTION_TYPE)
                            .add("client_assertion", signed.getItem2());
                    return sendForm(client.postAbs(transmitter.discovery().parEndpoint()), form);
                })
                .map(response -> {
                    JsonNode body = json(response, 201);
                    String requestUri = body.path("request_uri").asText(null);
                    if (requestUri == null) {
                        throw new FapiException(response.statusCode(), "invalid_response", "The PAR response has no request_uri");
                    }
                    String url = transmitter.discovery().authorizationEndpoint() + "?client_id="
                            + encode(transmitter.clientId()) + "&request_uri=" + encode(requestUri);
                    return new PushedAuthorization(requestUri, body.path("expires_in").asLong(), url, state, nonce,
                            pkce.verifier());
                });
    }

    /** Exchanges the authorisation code (with the PKCE verifier) for tokens. */
    public Uni<Tokens> exchangeCode(Transmitter transmitter, JwsSigner signer, String code, String redirectUri,
                                    String codeVerifier) {
        return token(transmitter, signer, MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "authorization_code")
                .add("code", code)
                .add("redirect_uri", redirectUri)
                .add("code_verifier", codeVerifier));
    }

    /** New tokens for a refresh token (which the transmitter may rotate: keep the one returned). */
    public Uni<Tokens> refresh(Transmitter transmitter, JwsSigner signer, String refreshToken) {
        return token(transmitter, signer, MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "refresh_token")
                .add("refresh_token", refreshToken));
    }

    /** A client-credentials token, e.g. scope {@code payments} to create a consent. */
    public Uni<Tokens> clientCredentials(Transmitter transmitter, JwsSigner signer, String scope) {
        return token(transmitter, signer, MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "client_credentials")
                .add("scope", scope));
    }

    private Uni<Tokens> token(Transmitter transmitter, JwsSigner signer, MultiMap form) {
        return clientAssertion(transmitter, signer).chain(assertion -> sendForm(
                        client.postAbs(transmitter.discovery().tokenEndpoint()), form
                                .add("client_id", transmitter.clientId())
                                .add("client_assertion_type", ASSERTION_TYPE)
                                .add("client_assertion", assertion)))
                .map(response -> Tokens.of(json(response, 200)));
    }

    /**
     * An answer from a transmitter's resource API (consents, payments, data); {@code retryAfter} is its
     * {@code Retry-After} header as sent (seconds or an HTTP date), null when absent.
     */
    public record ResourceResponse(int status, String contentType, String body, String interactionId, String retryAfter) {
    }

    /**
     * Calls a transmitter's resource API with an access token: mutual TLS, a fresh
     * {@code x-fapi-interaction-id} that the answer must echo, the {@code x-idempotency-key} given
     * (required on a POST or PUT; sent on any method that has one) and the body as {@code application/jwt} (a body
     * signed with {@link SignedBodies}) or JSON. Any status is returned; a missing or different
     * interaction id is refused ({@code invalid_response}).
     */
    public Uni<ResourceResponse> callResource(io.vertx.core.http.HttpMethod method, String url, String accessToken,
                                              String idempotencyKey, String body, String contentType) {
        return callResource(method, url, accessToken, idempotencyKey, body, contentType, Map.of());
    }

    /** {@link #callResource(io.vertx.core.http.HttpMethod, String, String, String, String, String)} with more headers. */
    public Uni<ResourceResponse> callResource(io.vertx.core.http.HttpMethod method, String url, String accessToken,
                                              String idempotencyKey, String body, String contentType,
                                              Map<String, String> extraHeaders) {
        boolean writes = method == io.vertx.core.http.HttpMethod.POST || method == io.vertx.core.http.HttpMethod.PUT;
        if (writes && (idempotencyKey == null || idempotencyKey.isBlank())) {
            throw new IllegalArgumentException("An x-idempotency-key is required on " + method);
        }
        String interactionId = UUID.randomUUID().toString();
        HttpRequest<Buffer> request = client.requestAbs(method, url)
                .putHeader("authorization", "Bearer " + accessToken)
                .putHeader(INTERACTION_ID, interactionId)
                .putHeader("accept", "application/jwt, application/json")
                .timeout(timeout.toMillis());
        if (idempotencyKey != null) {
            request.putHeader("x-idempotency-key", idempotencyKey);
        }
        extraHeaders.forEach(request::putHeader);
        if (body != null) {
            request.putHeader("content-type", contentType == null ? "application/jwt" : contentType);
        }
        return transportErrors(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)))
                .map(response -> {
                    String echoed = response.getHeader(INTERACTION_ID);
                    if (!interactionId.equals(echoed)) {
                        throw new FapiException(response.statusCode(), "invalid_response", echoed == null
                                ? "the transmitter did not echo x-fapi-interaction-id"
                                : "the transmitter answered another x-fapi-interaction-id (" + echoed + ")");
                    }
                    return new ResourceResponse(response.statusCode(), response.getHeader("content-type"),
                            response.bodyAsString(), interactionId, response.getHeader("retry-after"));
                });
    }

    /** {@code private_key_jwt}: iss = sub = client id, aud = the issuer, a unique jti, valid 60 s. */
    private static Uni<String> clientAssertion(Transmitter transmitter, JwsSigner signer) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", transmitter.clientId());
        claims.put("sub", transmitter.clientId());
        claims.put("aud", transmitter.discovery().issuer());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
        return signer.sign(claims, "JWT");
    }

    private Uni<HttpResponse<Buffer>> sendForm(HttpRequest<Buffer> request, MultiMap form) {
        request.putHeader(INTERACTION_ID, UUID.randomUUID().toString()).timeout(timeout.toMillis());
        return transportErrors(request.sendForm(form));
    }

    private Uni<HttpResponse<Buffer>> send(HttpRequest<Buffer> request, Buffer body) {
        request.putHeader(INTERACTION_ID, UUID.randomUUID().toString()).timeout(timeout.toMillis());
        return transportErrors(body == null ? request.send() : request.sendBuffer(body));
    }

    /** No answer at all (TLS handshake refused, connection, timeout) is a {@code transport_error}. */
    private static Uni<HttpResponse<Buffer>> transportErrors(Uni<HttpResponse<Buffer>> call) {
        return call.onFailure(e -> !(e instanceof FapiException))
                .transform(e -> new FapiException(0, "transport_error", e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    private static JsonNode json(HttpResponse<Buffer> response, int expected) {
        expect(response, expected);
        return Json.read(response.bodyAsString());
    }

    /** A status other than the expected one becomes a FapiException with the transmitter's error. */
    private static void expect(HttpResponse<Buffer> response, int expected) {
        if (response.statusCode() == expected) {
            return;
        }
        String error = "http_" + response.statusCode();
        String description = null;
        try {
            JsonNode body = Json.read(response.bodyAsString());
            error = body.path("error").asText(error);
            description = body.path("error_description").asText(null);
        } catch (RuntimeException notJson) {
            LOG.debugf("Non-JSON error body from the transmitter (HTTP %d)", response.statusCode());
        }
        throw new FapiException(response.statusCode(), error, description);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
