package br.com.ponte.kit.internal;

import br.com.ponte.kit.api.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The one client of consent-service's internal grant API ({@code POST /internal/v1/consents/{id}/grant}):
 * a consent that can be used now, with a valid access token of its user, for the services that act
 * at the bank on it (payment-service pays, collection-service reads shared data). Authenticates as
 * this service ({@code quarkus.application.name}) with its secret ({@code ponte.vault.service-secret},
 * the one the vault knows it by), which consent-service accepts through {@code ponte.internal-clients}.
 *
 * <p>Answers: 200 is the {@link ConsentGrant}; 404 is {@link ApiException#notFound}; 409 (the consent
 * cannot be used now, e.g. not AUTHORISED) is 422 {@code CONSENTIMENTO_INVALIDO} with consent-service's
 * detail; a 5xx, no answer or no answer in time is consent-service being unavailable, 503
 * {@code SERVICO_INDISPONIVEL} (its database restarting, its instances restarting: the same call
 * works shortly); any other answer is 502 {@code ERRO_CONSENTIMENTO}. {@link #unusable(Throwable)}
 * tells a caller which failures a retry cannot change.
 */
@ApplicationScoped
public class ConsentGrants {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The grant API's answer, defined once for every caller.
     *
     * @param kind             PAYMENT or SHARING
     * @param consent          the kind's view: a payment consent's {@code CreatePaymentConsent.data} as sent to the
     *                         bank; a sharing consent's {@code permissions}, {@code groups}, documents
     *                         ({@code loggedUserDocument}, {@code businessEntityDocument}) and {@code resources}
     *                         ({@code resourceId}, {@code type}, {@code status})
     * @param automaticPayment the partner's details when a payment is initiated on authorisation; null otherwise
     */
    public record ConsentGrant(String consentId, String kind, String partnerId, String transmitter,
                               String transmitterConsentId, String status, Instant expirationDateTime,
                               String accessToken, JsonNode consent, JsonNode automaticPayment) {

        @Override
        public String toString() {
            return "ConsentGrant[" + consentId + ", " + kind + ", " + status + ", token redacted]";
        }
    }

    private final WebClient client;
    private final String baseUrl;
    private final String authorization;
    private final Duration timeout;

    @Inject
    public ConsentGrants(Vertx vertx,
                         @ConfigProperty(name = "ponte.consent-service.url", defaultValue = "http://localhost:8081") String consentUrl,
                         @ConfigProperty(name = "ponte.consent-service.timeout", defaultValue = "10s") Duration timeout,
                         @ConfigProperty(name = "quarkus.application.name") String service,
                         @ConfigProperty(name = "ponte.vault.service-secret") String secret) {
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000));
        this.baseUrl = consentUrl.replaceAll("/+$", "") + "/internal/v1/consents/";
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((service + ":" + secret).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    /** For test doubles that answer without consent-service. */
    protected ConsentGrants() {
        this.client = null;
        this.baseUrl = null;
        this.authorization = null;
        this.timeout = null;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    /** The consent and a valid access token of its user; the failures are described on the class. */
    public Uni<ConsentGrant> grant(String consentId) {
        return client.postAbs(baseUrl + consentId + "/grant")
                .putHeader("authorization", authorization)
                .timeout(timeout.toMillis())
                .send()
                .onFailure().transform(e -> unavailable(e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())))
                .map(response -> {
                    if (response.statusCode() >= 500) {
                        throw unavailable("it answered HTTP " + response.statusCode());
                    }
                    JsonNode body;
                    try {
                        body = JSON.readTree(response.bodyAsString());
                    } catch (IOException | RuntimeException e) {
                        throw new ApiException(502, "ERRO_CONSENTIMENTO", "consent-service error",
                                "consent-service answered HTTP " + response.statusCode());
                    }
                    return switch (response.statusCode()) {
                        case 200 -> new ConsentGrant(body.path("consentId").asText(), body.path("kind").asText(null),
                                body.path("partnerId").asText(), body.path("transmitter").asText(),
                                body.path("transmitterConsentId").asText(null), body.path("status").asText(),
                                body.hasNonNull("expirationDateTime") ? Instant.parse(body.path("expirationDateTime").asText()) : null,
                                body.path("accessToken").asText(),
                                body.has("consent") ? body.path("consent") : NullNode.getInstance(),
                                body.path("automaticPayment").isObject() ? body.path("automaticPayment") : null);
                        case 404 -> throw ApiException.notFound("No consent " + consentId);
                        case 409 -> throw ApiException.unprocessable("CONSENTIMENTO_INVALIDO",
                                body.path("errors").path(0).path("detail").asText("The consent cannot be used now"));
                        default -> throw new ApiException(502, "ERRO_CONSENTIMENTO", "consent-service error",
                                "consent-service answered HTTP " + response.statusCode());
                    };
                });
    }

    private static ApiException unavailable(String why) {
        return ApiException.unavailable("consent-service cannot be reached right now (" + why
                + "); retry shortly with the same x-idempotency-key");
    }

    /**
     * Whether a failure of {@link #grant} says the consent cannot be used (unknown, or not usable
     * now) rather than that consent-service could not answer: a retry of the first changes nothing.
     */
    public static boolean unusable(Throwable failure) {
        return failure instanceof ApiException api && (api.status() == 404 || api.status() == 422);
    }
}
