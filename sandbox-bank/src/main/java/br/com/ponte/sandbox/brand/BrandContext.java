package br.com.ponte.sandbox.brand;

import br.com.ponte.sandbox.config.SandboxUrls;
import jakarta.enterprise.context.RequestScoped;

/**
 * The brand a request is for, as {@link BrandFilter} found it from the path: Banco Sandbox Ponte
 * unless the path starts with another brand's prefix. Everything that differs between brands (the
 * issuer, the keys, the clients, the tokens, the customers) is taken from here while a request is
 * served; work done off requests (the clocks) takes the brand from what it works on.
 */
@RequestScoped
public class BrandContext {

    private final SandboxUrls urls;
    private Brand brand = Brand.SANDBOX;

    public BrandContext(SandboxUrls urls) {
        this.urls = urls;
    }

    public Brand brand() {
        return brand;
    }

    void brand(Brand brand) {
        this.brand = brand;
    }

    /** The brand's issuer. */
    public String issuer() {
        return urls.issuer(brand);
    }

    /** A URL of the brand; {@code path} starts with a slash. */
    public String url(String path) {
        return urls.bank(brand, path);
    }
}
