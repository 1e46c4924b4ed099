package br.com.ponte.sandbox.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The URLs the sandbox publishes, built from {@code sandbox.base-url} and {@code sandbox.directory-url}. */
@ApplicationScoped
public class SandboxUrls {

    private final String bank;
    private final String directory;

    @Inject
    public SandboxUrls(SandboxConfig config) {
        this(config.baseUrl(), config.directoryUrl());
    }

    public SandboxUrls(String baseUrl, String directoryUrl) {
        this.bank = withoutTrailingSlash(baseUrl);
        this.directory = withoutTrailingSlash(directoryUrl);
    }

    /** The authorisation server's issuer identifier: the base URL itself. */
    public String issuer() {
        return bank;
    }

    /** A URL of the bank (HTTPS); {@code path} starts with a slash. */
    public String bank(String path) {
        return bank + path;
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
