package br.com.ponte.sandbox.authorization;

import br.com.ponte.sandbox.oauth.Secrets;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * Authorisation requests pushed to the PAR endpoint (RFC 9126), by {@code request_uri}. A request
 * URI lives 60 seconds (the minimum fapi-id3 5.2.2-22 allows) and serves one authorisation.
 */
@ApplicationScoped
public class PushedRequests {

    static final String URI_PREFIX = "urn:ietf:params:oauth:request_uri:";

    private final Expiring<AuthorizationRequest> requests = new Expiring<>(Duration.ofSeconds(60));

    /** Keeps the request; answers its request URI. */
    public String push(AuthorizationRequest request) {
        String uri = URI_PREFIX + Secrets.random();
        requests.put(uri, request);
        return uri;
    }

    public long lifetimeSeconds() {
        return requests.lifetime().toSeconds();
    }

    /** The client's request behind the URI, left in place: to show the page. */
    public Optional<AuthorizationRequest> peek(String requestUri, String clientId) {
        return requests.peek(requestUri).filter(request -> request.clientId().equals(clientId));
    }

    /**
     * The client's request behind the URI, used up: to decide on it. A URI named with another
     * client's id stays where it is.
     */
    public Optional<AuthorizationRequest> take(String requestUri, String clientId) {
        if (peek(requestUri, clientId).isEmpty()) {
            return Optional.empty();
        }
        return requests.take(requestUri);
    }
}
