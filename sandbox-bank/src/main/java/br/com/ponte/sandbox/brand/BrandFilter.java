package br.com.ponte.sandbox.brand;

import br.com.ponte.sandbox.resource.ApiError;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;

/**
 * Finds the brand a request is for before it is matched: a path under another brand's prefix
 * ({@code /horizonte/...}) is that brand's, and is served by the same resources without the prefix,
 * so every brand has the same endpoints under its own issuer. An Open Finance API the brand does not
 * offer (payments at Banco Horizonte) is 404, as at a bank without it.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class BrandFilter implements ContainerRequestFilter {

    private static final String API_ROOT = "/open-banking/";

    private final BrandContext context;

    public BrandFilter(BrandContext context) {
        this.context = context;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        Brand brand = Brand.ofPath(path);
        context.brand(brand);
        if (!brand.pathPrefix().isEmpty()) {
            path = path.length() == brand.pathPrefix().length() ? "/" : path.substring(brand.pathPrefix().length());
            request.setRequestUri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
        }
        if (path.startsWith(API_ROOT) && !brand.offersPath(path)) {
            request.abortWith(Response.status(404).type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                    .entity(ApiError.notFound(brand.displayName() + " não oferece " + path).body().toString()).build());
        }
    }
}
