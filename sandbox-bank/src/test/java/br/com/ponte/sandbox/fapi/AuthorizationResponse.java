package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.brand.Brand;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The authorisation response a client reads from the bank's redirect: the parameters of the fragment or
 * query, or, under JARM, those inside the {@code response} JWT once it is checked as JARM 2.4 asks
 * (PS256 by a key of the bank's JWKS, {@code iss} the bank, {@code aud} the client, not expired).
 */
final class AuthorizationResponse {

    private static final Set<String> JWT_CLAIMS = Set.of("iss", "aud", "exp", "iat");

    private AuthorizationResponse() {
    }

    static Map<String, String> read(String location, String clientId) {
        return read(location, clientId, Brand.SANDBOX);
    }

    static Map<String, String> read(String location, String clientId, Brand brand) {
        URI uri = URI.create(location);
        Map<String, String> parameters = AuthorizationCodeFlowIT.parameters(
                uri.getRawFragment() != null ? uri.getRawFragment() : uri.getRawQuery());
        if (!parameters.containsKey("response")) {
            return parameters;
        }
        try {
            JwtClaims claims = verified(parameters.get("response"), clientId, brand);
            Map<String, String> inside = new LinkedHashMap<>();
            for (String name : claims.getClaimNames()) {
                if (!JWT_CLAIMS.contains(name)) {
                    inside.put(name, claims.getStringClaimValue(name));
                }
            }
            return inside;
        } catch (Exception e) {
            throw new AssertionError("The JARM response was refused: " + e.getMessage(), e);
        }
    }

    static JwtClaims verified(String response, String clientId, Brand brand) throws Exception {
        return new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "PS256")
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(
                        DirectoryIT.jwks(Sandbox.bank(brand, "/jwks")).getJsonWebKeys()))
                .setExpectedIssuer(Sandbox.issuer(brand))
                .setExpectedAudience(clientId)
                .setRequireExpirationTime()
                .setMaxFutureValidityInMinutes(10)
                .build()
                .processToClaims(response);
    }
}
