package br.com.ponte.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must never be in a Ponte service's log: anybody's credentials. Known values (the operator's
 * token, master keys, service and partner secrets, partner tokens) are looked for literally; what the
 * test cannot know (users' tokens at the banks, codes, signed request objects, private keys) by shape.
 */
final class SecretScan {

    /** Ponte's own services: sandbox-bank is the bank, whose logs are not Ponte's. */
    static final List<String> SERVICES = List.of("certificate-vault", "consent-service", "payment-service",
            "collection-service", "webhook-dispatcher");

    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"),     // a JWT or JWS
            Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{10,}\\."),  // a JWE
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{16,}"),
            Pattern.compile("(?i)\\bbasic\\s+[A-Za-z0-9+/=]{16,}"),
            Pattern.compile("(?i)(access_token|refresh_token|id_token|client_secret|client_assertion|code_verifier|"
                    + "\\bcode)[\"']?\\s*[:=]\\s*[\"']?[A-Za-z0-9._~+/-]{16,}"));

    private SecretScan() {
    }

    /** Each line of the service's log that holds a secret, named by what it holds (never the secret itself). */
    static List<String> leaks(String service, Path log, Collection<String> secrets) throws IOException {
        List<String> leaks = new ArrayList<>();
        if (!Files.exists(log) || Files.size(log) == 0) {
            throw new IllegalStateException(service + " has no log at " + log + ": nothing to scan");
        }
        return leaks(service, Files.readAllLines(log), secrets);
    }

    static List<String> leaks(String service, List<String> lines, Collection<String> secrets) {
        List<String> leaks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (String secret : secrets) {
                if (secret != null && secret.length() >= 8 && line.contains(secret)) {
                    leaks.add(service + " line " + (i + 1) + ": a known secret (" + secret.length() + " chars)");
                }
            }
            for (Pattern shape : SHAPES) {
                Matcher m = shape.matcher(line);
                if (m.find()) {
                    leaks.add(service + " line " + (i + 1) + ": " + shape.pattern().substring(0, Math.min(30,
                            shape.pattern().length())) + "… at column " + m.start());
                }
            }
        }
        return leaks;
    }
}
