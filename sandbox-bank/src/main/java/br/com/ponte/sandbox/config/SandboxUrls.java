package br.com.ponte.sandbox.config;

import br.com.ponte.sandbox.brand.Brand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The URLs the sandbox publishes, built from {@code sandbox.base-url} (each brand below its own
 * prefix) and {@code sandbox.directory-url}.
 */
@ApplicationScoped
public class SandboxUrls {

    private final String base;
    private final String directory;

    @Inject
    public SandboxUrls(SandboxConfig config) {
        this(config.baseUrl(), config.directoryUrl());
    }

    public SandboxUrls(String baseUrl, String directoryUrl) {
        this.base = withoutTrailingSlash(baseUrl);
        this.directory = withoutTrailingSlash(directoryUrl);
    }

    /** The brand's authorisation server's issuer identifier: the base URL and the brand's prefix. */
    public String issuer(Brand brand) {
        return base + brand.pathPrefix();
    }

    /** A URL of the brand (HTTPS); {@code path} starts with a slash. */
    public String bank(Brand brand, String path) {
        return issuer(brand) + path;
    }

    /** A URL of the directory (plain HTTP); {@code path} starts with a slash. */
    public String directory(String path) {
        return directory + path;
    }

    private static String withoutTrailingSlash(String url) {
        String stripped = url.strip();
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
