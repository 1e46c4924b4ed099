package br.com.ponte.sandbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.util.Optional;

@ConfigMapping(prefix = "sandbox")
public interface SandboxConfig {

    /**
     * Where the sandbox bank's Open Finance APIs are reached from outside (scheme, host, port; no
     * trailing path): the authorisation server's issuer and the prefix of every URL it and the
     * directory publish for the bank.
     */
    @WithName("base-url")
    @WithDefault("https://localhost:8443")
    String baseUrl();

    /**
     * Where the directory (plain HTTP) is reached from outside: the prefix of the URLs it writes into
     * software statements, such as {@code software_jwks_uri}.
     */
    @WithName("directory-url")
    @WithDefault("http://localhost:8090")
    String directoryUrl();

    /**
     * The development CA ({@code ca-chain.pem}, {@code ca-key.pem}, {@code ca-root.pem}) and the bank's
     * and directory's signing keys. Created on first start; kept so that certificates issued earlier
     * stay trusted across restarts.
     */
    @WithName("pki-dir")
    @WithDefault("${java.io.tmpdir}/ponte-sandbox-pki")
    Path pkiDir();

    /** Where the state (software statements, clients, tokens) is kept as JSON; in memory only when absent. */
    @WithName("data-dir")
    Optional<Path> dataDir();
}
