package br.com.ponte.sandbox.oauth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses the authorisation server's endpoints on the plain HTTP port, which serves the directory:
 * a real bank has no such door, and a client that finds the endpoints there has a wrong base URL.
 */
@Provider
@HttpsOnly
public class HttpsOnlyFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (!"https".equals(request.getUriInfo().getRequestUri().getScheme())) {
            throw new OAuthError(403, "invalid_request",
                    "The authorisation server answers on HTTPS only (sandbox.base-url)");
        }
    }
}
