package br.com.ponte.sandbox.authorization;

import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.pki.SandboxPki;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the user's browser goes back to the client: the request's redirect URI with the response's
 * parameters ({@code code}, {@code id_token}, {@code state}, or {@code error}) in the fragment, or,
 * under JARM, as one JWT in {@code response} (query or fragment) signed PS256 with the brand's key,
 * {@code iss} the issuer, {@code aud} the client, valid {@link #LIFETIME} (JARM 2.1, 4.1).
 */
@ApplicationScoped
public class AuthorizationResponses {

    /** JARM 2.1 recommends a short lifetime; the conformance suite accepts up to 10 minutes. */
    static final Duration LIFETIME = Duration.ofMinutes(5);

    private final SandboxPki pki;
    private final BrandContext bank;

    public AuthorizationResponses(SandboxPki pki, BrandContext bank) {
        this.pki = pki;
        this.bank = bank;
    }

    public String redirect(AuthorizationRequest request, Map<String, String> parameters) {
        ResponseMode mode = request.responseMode();
        Map<String, String> sent = mode.jwt() ? Map.of("response", jwt(request, parameters)) : parameters;
        String encoded = sent.entrySet().stream()
                .map(parameter -> parameter.getKey() + "=" + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String uri = request.redirectUri();
        if (mode.inFragment()) {
            return uri + "#" + encoded;
        }
        return uri + (uri.contains("?") ? "&" : "?") + encoded;
    }

    private String jwt(AuthorizationRequest request, Map<String, String> parameters) {
        Instant now = Instant.now();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(bank.issuer());
        claims.setAudience(request.clientId());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(LIFETIME).getEpochSecond()));
        parameters.forEach(claims::setClaim);
        return pki.signingKey(bank.brand()).sign(claims);
    }
}
