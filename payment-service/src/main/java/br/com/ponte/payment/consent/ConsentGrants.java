package br.com.ponte.payment.consent;

import br.com.ponte.kit.api.ApiException;
import br.com.ponte.payment.config.PaymentConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * consent-service's internal API: an authorised consent with a valid access token of the user, to
 * initiate its payment. Authenticates as payment-service (the same secret the vault knows it by).
 */
@ApplicationScoped
public class ConsentGrants {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An authorised consent, ready to pay: {@code consent} is its CreatePaymentConsent.data. */
    public record Grant(String consentId, String partnerId, String transmitter, String transmitterConsentId,
                        String status, String accessToken, JsonNode consent, JsonNode automaticPayment) {

        @Override
        public String toString() {
            return "Grant[" + consentId + ", " + status + ", token redacted]";
        }
    }

    private final WebClient client;
    private final String baseUrl;
    private final String authorization;

    public ConsentGrants(Vertx vertx, PaymentConfig config,
                         @ConfigProperty(name = "quarkus.application.name") String service,
                         @ConfigProperty(name = "ponte.vault.service-secret") String secret) {
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000));
        this.baseUrl = config.consentUrl().replaceAll("/+$", "") + "/internal/v1/consents/";
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((service + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * The consent, when it is AUTHORISED; otherwise a 422 CONSENTIMENTO_INVALIDO naming its status
     * (404 when consent-service does not know it).
     */
    public Uni<Grant> grant(String consentId) {
        return client.postAbs(baseUrl + consentId + "/grant")
                .putHeader("authorization", authorization)
                .timeout(10_000)
                .send()
                .map(response -> {
                    JsonNode body;
                    try {
                        body = JSON.readTree(response.bodyAsString());
                    } catch (IOException | RuntimeException e) {
                        throw new ApiException(502, "ERRO_CONSENTIMENTO", "consent-service error",
                                "consent-service answered HTTP " + response.statusCode());
                    }
                    return switch (response.statusCode()) {
                        case 200 -> new Grant(body.path("consentId").asText(), body.path("partnerId").asText(),
                                body.path("transmitter").asText(), body.path("transmitterConsentId").asText(),
                                body.path("status").asText(), body.path("accessToken").asText(), body.path("consent"),
                                body.path("automaticPayment").isObject() ? body.path("automaticPayment") : null);
                        case 404 -> throw ApiException.notFound("No payment consent " + consentId);
                        case 409 -> throw ApiException.unprocessable("CONSENTIMENTO_INVALIDO",
                                body.path("errors").path(0).path("detail").asText("The consent is not AUTHORISED"));
                        default -> throw new ApiException(502, "ERRO_CONSENTIMENTO", "consent-service error",
                                "consent-service answered HTTP " + response.statusCode());
                    };
                });
    }
}
