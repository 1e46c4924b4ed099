package br.com.ponte.sandbox.resource;

import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.client.RegisteredClient;
import br.com.ponte.sandbox.directory.SoftwareStatements;
import br.com.ponte.sandbox.oauth.DiscoveryResource;
import br.com.ponte.sandbox.oauth.JwtChecks;
import br.com.ponte.sandbox.oauth.ReplayCache;
import br.com.ponte.sandbox.pki.Jwks;
import br.com.ponte.sandbox.pki.SandboxPki;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;

import java.time.Instant;
import java.util.UUID;

/**
 * The signed bodies of the APIs that sign them, payments (the security guide's "Assinaturas"): requests are JWTs
 * signed PS256 with one of the initiator's signing keys (those its software statement publishes), for
 * the brand's organisation ({@code aud}) from the initiator's ({@code iss}), fresh ({@code iat} within
 * 60 s) and never replayed ({@code jti}); answers are signed PS256 with the brand's key
 * ({@code /jwks}) the other way round.
 */
@ApplicationScoped
public class SignedBodies {

    public static final MediaType JWT = new MediaType("application", "jwt");

    /** How long a request's {@code jti} is remembered: longer than {@code iat} lets a JWT be accepted. */
    private static final long REPLAY_WINDOW_SECONDS = 10 * 60;

    private final SoftwareStatements statements;
    private final ReplayCache replays;
    private final SandboxPki pki;
    private final ObjectMapper json;
    private final BrandContext bank;

    public SignedBodies(SoftwareStatements statements, ReplayCache replays, SandboxPki pki, ObjectMapper json,
                        BrandContext bank) {
        this.statements = statements;
        this.replays = replays;
        this.pki = pki;
        this.json = json;
        this.bank = bank;
    }

    /**
     * The claims of a request body from {@code client}. A bad signature is 400 {@code BAD_SIGNATURE};
     * wrong {@code aud}, {@code iss}, {@code iat} or a reused {@code jti} 403 {@code INVALID_CLIENT}
     * (payments v4, items 1.2.3 and 1.2.4).
     */
    public JsonNode verify(String body, RegisteredClient client) {
        JwtContext verified;
        try {
            verified = new JwtConsumerBuilder()
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, DiscoveryResource.PS256)
                    .setVerificationKeyResolver(Jwks.resolver(
                            statements.signingKeys(client.organisationId(), client.softwareId())))
                    .setSkipAllValidators()
                    .build()
                    .process(body == null ? "" : body.strip());
        } catch (InvalidJwtException e) {
            throw new ApiError(400, "BAD_SIGNATURE", "Assinatura inválida.",
                    "O corpo não é um JWS PS256 assinado por uma chave do software statement: " + JwtChecks.reason(e));
        }
        JsonNode claims = parse(verified.getJwtClaims().toJson());
        String organisationId = bank.brand().organisationId();
        if (!audienceIncludes(claims.path("aud"), organisationId)) {
            throw invalidClient("aud deve ser a organização da detentora " + organisationId);
        }
        if (!client.organisationId().equals(claims.path("iss").asText())) {
            throw invalidClient("iss deve ser a organização da iniciadora " + client.organisationId());
        }
        if (!claims.path("iat").isNumber()
                || Math.abs(Instant.now().getEpochSecond() - claims.get("iat").asLong()) > JwtChecks.CLOCK_SKEW_SECONDS) {
            throw invalidClient("iat deve ser o momento da assinatura (60 s de tolerância)");
        }
        String jti = claims.path("jti").asText("");
        if (jti.isEmpty() || !replays.firstUse("payments_request", client.clientId(), jti,
                Instant.now().plusSeconds(REPLAY_WINDOW_SECONDS))) {
            throw invalidClient("jti ausente ou já usado");
        }
        return claims;
    }

    /** The answer {@code body} ({@code data}/{@code errors}, {@code links}, {@code meta}) as a JWT for the initiator. */
    public String sign(ObjectNode body, String clientOrganisationId) {
        ObjectNode claims = json.createObjectNode()
                .put("aud", clientOrganisationId)
                .put("iss", bank.brand().organisationId())
                .put("jti", UUID.randomUUID().toString())
                .put("iat", Instant.now().getEpochSecond());
        claims.setAll(body);
        try {
            return pki.signingKey(bank.brand()).sign(JwtClaims.parse(json.writeValueAsString(claims)));
        } catch (JsonProcessingException | InvalidJwtException e) {
            throw new IllegalStateException("Cannot sign the answer", e);
        }
    }

    private static boolean audienceIncludes(JsonNode aud, String expected) {
        if (aud.isArray()) {
            for (JsonNode value : aud) {
                if (expected.equals(value.asText())) {
                    return true;
                }
            }
            return false;
        }
        return expected.equals(aud.asText());
    }

    private static ApiError invalidClient(String detail) {
        return new ApiError(403, "INVALID_CLIENT", "Claims do JWT inválidas.", detail);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
