package br.com.ponte.sandbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "sandbox")
public interface SandboxConfig {

    /**
     * Where the sandbox bank's Open Finance APIs are reached from outside (scheme, host, port; no
     * trailing path). Every URL the directory publishes starts with it.
     */
    @WithName("base-url")
    @WithDefault("https://localhost:8443")
    String baseUrl();
}
