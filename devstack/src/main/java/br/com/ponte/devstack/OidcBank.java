package br.com.ponte.devstack;

import br.com.ponte.pki.CertificateAuthority;
import br.com.ponte.pki.IssueRequest;
import br.com.ponte.pki.IssuedCertificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second authorisation server that Ponte did not write: {@code devstack/oidc-bank}, the OpenID-certified
 * {@code oidc-provider} configured for the Brazil FAPI profile, run with Node.js as its own process. Its TLS
 * certificate comes from the development CA, so whoever trusts sandbox-bank trusts it; it trusts client
 * certificates of the same CA and software statements signed by sandbox-bank's directory.
 *
 * <p>Its npm packages are installed on first use ({@code npm ci}, from the lock file).
 */
public final class OidcBank implements AutoCloseable {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final Path log;
    private final Process process;

    private OidcBank(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts it on {@code port} with its files in {@code workDir}.
     *
     * @param root the repository (where {@code devstack/oidc-bank} is)
     * @param pkiDir the development CA's directory (Devstack's {@code <data>/pki})
     * @param directoryJwksUrl the keys that sign software statements (sandbox-bank's {@code /directory/jwks})
     */
    public static OidcBank start(Path root, Path pkiDir, Path workDir, int port, String directoryJwksUrl) {
        Path home = root.resolve("devstack/oidc-bank");
        try {
            install(home, workDir);
            Files.createDirectories(workDir);
            IssuedCertificate tls = CertificateAuthority.load(pkiDir).issue(IssueRequest.tlsServer("Banco OIDC"));
            Path key = workDir.resolve("server-key.pem");
            Files.writeString(key, tls.privateKeyPem());
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            Path chain = Files.writeString(workDir.resolve("server-chain.pem"), tls.chainPem());
            Path log = workDir.resolve("oidc-bank.log");
            Process process = new ProcessBuilder(List.of("node", "server.mjs", "--port", Integer.toString(port),
                    "--tls-key", key.toString(), "--tls-cert", chain.toString(),
                    "--client-ca", pkiDir.resolve("ca-root.pem").toString(),
                    "--directory-jwks-url", directoryJwksUrl))
                    .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            OidcBank bank = new OidcBank(port, log, process);
            bank.awaitListening();
            return bank;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start oidc-bank", e);
        }
    }

    public String issuer() {
        return "https://localhost:" + port;
    }

    public String discoveryUrl() {
        return issuer() + "/.well-known/openid-configuration";
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void install(Path home, Path workDir) throws IOException {
        if (Files.isDirectory(home.resolve("node_modules/oidc-provider"))) {
            return;
        }
        Files.createDirectories(workDir);
        Path log = workDir.resolve("npm-ci.log");
        Process npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund"))
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci in " + home + " failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing oidc-bank", e);
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("oidc-bank listening on")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("oidc-bank exited with code " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting oidc-bank", e);
            }
        }
        close();
        throw new IllegalStateException("oidc-bank not listening after " + READY_TIMEOUT + ": " + Files.readString(log));
    }
}
