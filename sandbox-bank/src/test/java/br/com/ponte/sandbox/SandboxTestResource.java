package br.com.ponte.sandbox;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gives the sandbox under test its own PKI directory and ports chosen before it starts. The ports
 * cannot be left to the server (port 0): the issuer and every URL the sandbox publishes carry them,
 * and the tests follow those URLs as a real client would.
 */
public class SandboxTestResource implements QuarkusTestResourceLifecycleManager {

    private Path pkiDir;

    @Override
    public Map<String, String> start() {
        try {
            pkiDir = Files.createTempDirectory("sandbox-pki");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int http = freePort();
        int https = freePort();
        return Map.ofEntries(
                Map.entry("quarkus.http.test-port", String.valueOf(http)),
                Map.entry("quarkus.http.test-ssl-port", String.valueOf(https)),
                Map.entry("sandbox.base-url", "https://localhost:" + https),
                Map.entry("sandbox.directory-url", "http://localhost:" + http),
                Map.entry("sandbox.pki-dir", pkiDir.toString()),
                // Short clocks, so that the payments tests see expiry and progress in seconds.
                Map.entry("sandbox.consent.authorisation-timeout", "PT3S"),
                Map.entry("sandbox.consent.consumption-timeout", "PT6S"),
                Map.entry("sandbox.payment.step", "PT0.3S"),
                // Scheduled payments settle this long after they are made, not on their date.
                Map.entry("sandbox.schedule.settle-after", "PT5S"),
                Map.entry("sandbox.rate-limit.per-second", "20"),
                Map.entry("sandbox.webhook.first-retry", "PT0.2S"),
                // Data-sharing consents: seconds to authorise, seconds for the second approver.
                Map.entry("sandbox.sharing.authorisation-timeout", "PT5S"),
                Map.entry("sandbox.sharing.multiple-approval-window", "PT6S"),
                // Data APIs: a limit a test reaches in a few calls (the others keep the public table's).
                Map.entry("sandbox.limits.accounts-balances", "3"));
    }

    @Override
    public void stop() {
        try (Stream<Path> files = Files.walk(pkiDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
